// Small traffic senders that need nothing beyond what every Debian host has:
// iputils ping, and bash, whose /dev/udp/HOST/PORT redirection opens a UDP
// socket, sends what is written as one datagram, and closes it. No netcat or
// python needed, so the same labs run on a fresh VM.
import { parsePing, type PingSummary } from './parse.ts';
import type { LabContext } from './types.ts';

/** One datagram per loop turn; the arguments arrive as $1.. so nothing is ever spliced into the script. */
const UDP_SCRIPT = 'i=0; while [ "$i" -lt "$3" ]; do printf "%s" "$4" > "/dev/udp/$1/$2" || exit 1; i=$((i+1)); done';

export interface UdpOptions {
  count: number;
  /** Bytes of UDP payload; the frame is 42 bytes more over IPv4 (14 + 20 + 8), 62 over IPv6 (14 + 40 + 8). */
  payload: number;
  /** Run the sender on this CPU (taskset): on a veth the receiver's XDP program then runs on that CPU too. */
  cpu?: number;
}

/** The payload text: printable, exactly `bytes` long. */
export function udpPayload(bytes: number): string {
  return 'xdp-labs '.repeat(Math.ceil(bytes / 9)).slice(0, bytes);
}

/** Send `count` UDP datagrams from `netns` to address:port. The address may be IPv4 or IPv6. */
export async function sendUdp(ctx: LabContext, netns: string, address: string, port: number, options: UdpOptions): Promise<void> {
  const pin = options.cpu === undefined ? [] : ['taskset', '-c', String(options.cpu)];
  await ctx.target.exec([...pin, 'bash', '-c', UDP_SCRIPT, 'udp-send', address, String(port), String(options.count), udpPayload(options.payload)], {
    netns,
    timeoutMs: 30_000,
  });
}

/** ping from a namespace, pinned to one CPU, 10 ms apart. */
export async function pingOnCpu(
  ctx: LabContext,
  netns: string,
  address: string,
  options: { count: number; cpu: number; size?: number; waitSeconds?: number },
): Promise<PingSummary> {
  const argv = ['taskset', '-c', String(options.cpu), 'ping', '-n', '-q', '-c', String(options.count), '-i', '0.01', '-W', String(options.waitSeconds ?? 0.3)];
  if (options.size !== undefined) argv.push('-s', String(options.size));
  argv.push(address);
  const result = await ctx.target.exec(argv, { netns, allowFailure: true, timeoutMs: 15_000 });
  return parsePing(result.stdout);
}

/** A CPU list as taskset and /proc print it ("0-3,6") → [0, 1, 2, 3, 6]. */
export function parseCpuList(text: string): number[] {
  const cpus: number[] = [];
  for (const part of text.trim().split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!m) throw new Error(`not a CPU list: "${text.trim()}"`);
    const first = Number(m[1]);
    for (let cpu = first; cpu <= Number(m[2] ?? first); cpu++) cpus.push(cpu);
  }
  return cpus;
}

/** The CPUs this lab may pin senders to: those the target lets its processes use. */
export async function allowedCpus(ctx: LabContext): Promise<number[]> {
  const { stdout } = await ctx.target.exec(['grep', '^Cpus_allowed_list:', '/proc/self/status']);
  return parseCpuList(stdout.replace(/^Cpus_allowed_list:/, ''));
}
