// Per-CPU map dumps captured from bpftool 7.1 on a 2-CPU machine (test/fixtures).
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { busyCpus, entryFor, parsePercpuDump, sumOverCpus } from '../../labs/lib/percpu-maps.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

interface Counter {
  packets: number;
  bytes: number;
}

describe('bpftool -j map dump of a BPF_MAP_TYPE_PERCPU_ARRAY', () => {
  test('struct values: one per CPU, summed by the reader (5 pings on CPU 0, 5 datagrams on CPU 1)', () => {
    const entries = parsePercpuDump<Counter>(fixture('bpftool-map-dump-percpu-counters.json'));
    expect(entries.map((e) => e.key)).toEqual([0, 1, 2, 3, 4]);
    const icmp = entryFor(entries, 0);
    expect(icmp.perCpu).toEqual([
      { cpu: 0, value: { packets: 5, bytes: 490 } },
      { cpu: 1, value: { packets: 0, bytes: 0 } },
    ]);
    expect(sumOverCpus(icmp, (c) => c.packets)).toBe(5);
    expect(sumOverCpus(entryFor(entries, 1), (c) => c.bytes)).toBe(370);
    expect(busyCpus(icmp, (c) => c.packets)).toBe('0');
    expect(busyCpus(entryFor(entries, 1), (c) => c.packets)).toBe('1');
    expect(busyCpus(entryFor(entries, 2), (c) => c.packets)).toBe('none');
    expect(busyCpus(entryFor(entries, 2), (c) => c.packets, '없음')).toBe('없음');
  });

  test('u64 values', () => {
    const entries = parsePercpuDump<number>(fixture('bpftool-map-dump-percpu-u64.json'));
    expect(sumOverCpus(entryFor(entries, 0), (v) => v)).toBe(3);
  });

  test('a map that is not per-CPU is refused, not misread', () => {
    expect(() => parsePercpuDump(fixture('bpftool-map-dump-skb-counts.json'))).toThrow(/per-CPU/);
  });

  test('a missing key is named', () => {
    expect(() => entryFor(parsePercpuDump<number>(fixture('bpftool-map-dump-percpu-u64.json')), 9)).toThrow(/no key 9/);
  });
});
