// Parsers for what the tools print. Kept free of I/O so unit tests can feed them
// outputs captured from real runs (test/fixtures).

export interface LinkXdp {
  ifindex: number;
  ifname: string;
  /** 'native' (ip's mode 1), 'generic' (2), 'offload' (3), or null when nothing is attached. */
  mode: 'native' | 'generic' | 'offload' | null;
  progId: number | null;
  progName: string | null;
}

const MODES = { 1: 'native', 2: 'generic', 3: 'offload' } as const;

/** `ip -j link show dev X`: one link, with an `xdp` object while a program is attached. */
export function parseLinkXdp(json: string): LinkXdp {
  const links = JSON.parse(json) as {
    ifindex: number;
    ifname: string;
    xdp?: { mode?: number; prog?: { id: number; name: string }; attached?: { mode: number; prog: { id: number; name: string } }[] };
  }[];
  const link = links[0];
  if (!link) throw new Error('ip -j link printed no link');
  const xdp = link.xdp;
  const prog = xdp?.prog ?? xdp?.attached?.[0]?.prog;
  const modeNumber = xdp?.mode ?? xdp?.attached?.[0]?.mode;
  return {
    ifindex: link.ifindex,
    ifname: link.ifname,
    mode: modeNumber ? (MODES[modeNumber as 1 | 2 | 3] ?? null) : null,
    progId: prog?.id ?? null,
    progName: prog?.name ?? null,
  };
}

export interface ProgStats {
  id: number;
  name: string;
  /** bpftool leaves run_cnt and run_time_ns out while they are 0. */
  runCount: number;
  runTimeNs: number;
}

/** `bpftool -j prog show id N`. */
export function parseProgStats(json: string): ProgStats {
  const prog = JSON.parse(json) as { id: number; name: string; run_cnt?: number; run_time_ns?: number };
  return { id: prog.id, name: prog.name, runCount: prog.run_cnt ?? 0, runTimeNs: prog.run_time_ns ?? 0 };
}

export interface PingSummary {
  transmitted: number;
  received: number;
  lossPercent: number;
}

/** The summary line of iputils ping: "5 packets transmitted, 5 received, 0% packet loss, time 4ms". */
export function parsePing(output: string): PingSummary {
  const m = /(\d+) packets transmitted, (\d+) received,(?: \+\d+ errors,)? (\d+(?:\.\d+)?)% packet loss/.exec(output);
  if (!m) throw new Error(`ping printed no summary line:\n${output}`);
  return { transmitted: Number(m[1]), received: Number(m[2]), lossPercent: Number(m[3]) };
}
