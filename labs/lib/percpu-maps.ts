// Per-CPU BPF maps through bpftool. In a BPF_MAP_TYPE_PERCPU_ARRAY (or
// PERCPU_HASH) every key has one value per possible CPU: a program adds to
// the copy of the CPU it runs on, and a reader must add the copies up itself.
// `bpftool -j map dump` prints them as "values": [{cpu, value}, ...].
import type { LabContext } from './types.ts';

/** One key of a per-CPU map: its value on each CPU, as bpftool decoded it with the map's BTF. */
export interface PercpuEntry<V> {
  key: number;
  perCpu: { cpu: number; value: V }[];
}

interface RawPercpuEntry {
  formatted?: { key: unknown; values: { cpu: number; value: unknown }[] };
  values?: unknown;
}

/**
 * `bpftool -j map dump` of a per-CPU map whose key is a u32 and whose values
 * bpftool can format (the map carries BTF, as maps declared in SEC(".maps") do).
 */
export function parsePercpuDump<V = unknown>(json: string): PercpuEntry<V>[] {
  const entries = JSON.parse(json) as RawPercpuEntry[];
  return entries.map((entry) => {
    if (!entry.formatted || typeof entry.formatted.key !== 'number' || !Array.isArray(entry.formatted.values)) {
      throw new Error('bpftool printed no per-CPU "formatted" values: is this a per-CPU map with BTF?');
    }
    return { key: entry.formatted.key, perCpu: entry.formatted.values.map((v) => ({ cpu: v.cpu, value: v.value as V })) };
  });
}

/** Add one numeric field up over all CPUs. */
export function sumOverCpus<V>(entry: PercpuEntry<V>, pick: (value: V) => number): number {
  return entry.perCpu.reduce((total, { value }) => total + pick(value), 0);
}

/** The entry for `key`; a map without it is a lab bug worth a clear message. */
export function entryFor<V>(entries: readonly PercpuEntry<V>[], key: number): PercpuEntry<V> {
  const entry = entries.find((e) => e.key === key);
  if (!entry) throw new Error(`the map has no key ${key} (keys: ${entries.map((e) => e.key).join(', ')})`);
  return entry;
}

/** The CPUs whose copy of a value is not zero, e.g. "0" or "0,1"; `none` (in the run's language) when no copy is. */
export function busyCpus<V>(entry: PercpuEntry<V>, pick: (value: V) => number, none = 'none'): string {
  return entry.perCpu.filter(({ value }) => pick(value) !== 0).map(({ cpu }) => cpu).join(',') || none;
}

export async function dumpPercpuMap<V>(ctx: LabContext, mapId: number): Promise<PercpuEntry<V>[]> {
  const { stdout } = await ctx.target.exec(['bpftool', '-j', 'map', 'dump', 'id', String(mapId)]);
  return parsePercpuDump<V>(stdout);
}
