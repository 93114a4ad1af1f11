// Pure helpers for drop-bench: read the counter each drop path keeps (so the
// lab can prove every frame died where it was meant to), and summarise
// repeated measurements.
import type { Localized } from './locale.ts';

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

/** The words of the tables below, in each language; units (Mpps, ns/fr, rx ns) are the same in both. */
export interface TableWords {
  path: string;
  /** Heads the ratio column: how many times native XDP's rate this path's is. */
  ratio: string;
  eachRepeat: string;
  eachRound: string;
  generatorAlone: string;
}

export const TABLE_WORDS: Localized<TableWords> = {
  en: { path: 'path', ratio: 'native÷', eachRepeat: '(each repeat)', eachRound: '(rx ns, each round)', generatorAlone: 'generator alone' },
  ko: { path: '경로', ratio: '네이티브÷', eachRepeat: '(측정마다)', eachRound: '(rx ns, 라운드마다)', generatorAlone: '생성기 단독' },
};

/** East Asian wide characters (Hangul, CJK, full-width forms): a terminal gives each two columns. */
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60\uffe0-\uffe6]/;

/** How many columns a string takes in a terminal. */
export function columns(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
  return width;
}
const padEnd = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - columns(text)));
const padStart = (text: string, width: number) => ' '.repeat(Math.max(0, width - columns(text))) + text;

export interface PathResult {
  label: string;
  /** Mpps of each repeat. */
  runs: number[];
}

/** The table the lab prints: median Mpps of each path, and how many times faster native XDP was; aligned for the terminal in either language. */
export function resultTable(results: readonly PathResult[], baseline: string, words: TableWords = TABLE_WORDS.en): string[] {
  const base = results.find((r) => r.label === baseline);
  if (!base) throw new Error(`no result for ${baseline}`);
  const baseMedian = median(base.runs);
  const width = Math.max(...results.map((r) => columns(r.label)), columns(words.path));
  const ratioWidth = Math.max(7, columns(words.ratio));
  const rows = results.map((r) => {
    const m = median(r.runs);
    return `${padEnd(r.label, width)}  ${m.toFixed(2).padStart(6)}  ${padStart((baseMedian / m).toFixed(2), ratioWidth - 1)}×   (${r.runs.map((v) => v.toFixed(2)).join(' ')})`;
  });
  return [`${padEnd(words.path, width)}  ${'Mpps'.padStart(6)}  ${padStart(words.ratio, ratioWidth)}   ${words.eachRepeat}`, ...rows];
}

/** Per round, a path's time per frame less the generator's own in the same round: what receiving and dropping cost. */
export function receiveCosts(pathNs: readonly number[], generatorNs: readonly number[]): number[] {
  if (pathNs.length !== generatorNs.length) throw new Error(`${pathNs.length} path rounds but ${generatorNs.length} generator rounds`);
  return pathNs.map((ns, i) => ns - generatorNs[i]!);
}

export interface PathCost {
  id: string;
  label: string;
  /** Kernel time per frame in each round, generator included. */
  totalNs: number[];
  /** The same less the generator's own time per frame in that round. */
  receiveNs: number[];
}

/** The cost table the lab prints: median ns per frame with and without the generator, and each round's receive cost. */
export function costTable(costs: readonly PathCost[], generatorNs: readonly number[], words: TableWords = TABLE_WORDS.en): string[] {
  const width = Math.max(...costs.map((c) => columns(c.label)), columns(words.generatorAlone), columns(words.path));
  const ns = (v: number) => v.toFixed(0).padStart(6);
  const rows = costs.map((c) => `${padEnd(c.label, width)}  ${ns(median(c.totalNs))}  ${ns(median(c.receiveNs))}   (${c.receiveNs.map((v) => v.toFixed(0)).join(' ')})`);
  return [
    `${padEnd(words.path, width)}  ${'ns/fr'.padStart(6)}  ${'rx ns'.padStart(6)}   ${words.eachRound}`,
    `${padEnd(words.generatorAlone, width)}  ${ns(median(generatorNs))}  ${'—'.padStart(6)}   (${generatorNs.map((v) => v.toFixed(0)).join(' ')})`,
    ...rows,
  ];
}

/** What drop-bench keeps of a run for the page's chart (content/records/drop-bench.json). */
export interface DropBenchRecord {
  lab: 'drop-bench';
  recordedAt: string;
  kernel: string;
  cpuModel: string;
  cpus: number;
  /** /proc/loadavg's 1-minute figure before and after: how busy the machine was. */
  load: { before: number; after: number };
  frameBytes: number;
  rounds: number;
  generatorNs: number;
  paths: { id: string; label: string; mpps: number; totalNs: number; receiveNs: number; receiveNsRounds: number[] }[];
}
