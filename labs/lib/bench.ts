// Pure helpers for drop-bench: read the counter each drop path keeps (so the
// lab can prove every frame died where it was meant to), and summarise
// repeated measurements.

/** `tc -s -j qdisc show dev DEV`: the drops the clsact qdisc counted (TC_ACT_SHOT at ingress). */
export function parseClsactDrops(json: string): number {
  const qdiscs = JSON.parse(json) as { kind: string; drops?: number }[];
  const clsact = qdiscs.find((q) => q.kind === 'clsact');
  if (!clsact) throw new Error('tc shows no clsact qdisc on the device');
  return clsact.drops ?? 0;
}

/** `nft -j list table FAMILY NAME`: the packets of the first rule with a counter. */
export function parseNftCounter(json: string): number {
  const { nftables } = JSON.parse(json) as { nftables: { rule?: { expr: { counter?: { packets: number } }[] } }[] };
  for (const item of nftables) {
    const counter = item.rule?.expr.find((e) => e.counter)?.counter;
    if (counter) return counter.packets;
  }
  throw new Error('nft lists no rule with a counter in that table');
}

/** `iptables -t raw -L PREROUTING -n -v -x`: packets of the first DROP rule. */
export function parseIptablesDrops(text: string): number {
  const line = text.split('\n').find((l) => /^\s*\d+\s+\d+\s+DROP\b/.test(l));
  if (!line) throw new Error(`iptables lists no DROP rule:\n${text}`);
  return Number(line.trim().split(/\s+/)[0]);
}

/** `ip -s -j link show dev DEV`: frames the device received, whatever became of them. */
export function parseRxPackets(json: string): number {
  const [link] = JSON.parse(json) as { stats64?: { rx?: { packets?: number } } }[];
  const packets = link?.stats64?.rx?.packets;
  if (typeof packets !== 'number') throw new Error('ip -s -j link printed no rx packet count');
  return packets;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('the median of nothing');
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface PathResult {
  label: string;
  /** Mpps of each repeat. */
  runs: number[];
}

/** The table the lab prints: median Mpps of each path, and how many times faster native XDP was. */
export function resultTable(results: readonly PathResult[], baseline: string): string[] {
  const base = results.find((r) => r.label === baseline);
  if (!base) throw new Error(`no result for ${baseline}`);
  const baseMedian = median(base.runs);
  const width = Math.max(...results.map((r) => r.label.length), 'path'.length);
  const rows = results.map((r) => {
    const m = median(r.runs);
    return `${r.label.padEnd(width)}  ${m.toFixed(2).padStart(6)}  ${(baseMedian / m).toFixed(2).padStart(6)}×   (${r.runs.map((v) => v.toFixed(2)).join(' ')})`;
  });
  return [`${'path'.padEnd(width)}  ${'Mpps'.padStart(6)}  ${'native÷'.padStart(7)}   (each repeat)`, ...rows];
}
