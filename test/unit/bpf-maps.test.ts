// bpftool map output, captured from real runs of the catalog labs (test/fixtures).
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { bpftoolError, leUint, parseMapDump, parseMapInfo, parseProgMapIds, u32Bytes, hexWords } from '../../labs/lib/bpf-maps.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

describe('bpftool -j prog show', () => {
  test('the map ids of a program', () => {
    expect(parseProgMapIds(fixture('bpftool-prog-with-maps.json'))).toEqual([93]);
  });
  test('a program without maps has none', () => {
    expect(parseProgMapIds(fixture('bpftool-prog-zero.json'))).toEqual([]);
  });
});

describe('bpftool -j map show', () => {
  test('a devmap', () => {
    expect(parseMapInfo(fixture('bpftool-map-show-devmap.json'))).toEqual({ id: 93, name: 'egress_port', type: 'devmap' });
  });
  test('a hash map', () => {
    expect(parseMapInfo(fixture('bpftool-map-show-exceptions.json'))).toEqual({ id: 81, name: 'exceptions', type: 'hash' });
  });
});

describe('bpftool -j map dump', () => {
  test('a devmap carries no BTF: raw bytes only', () => {
    const [slot, ...rest] = parseMapDump(fixture('bpftool-map-dump-devmap.json'));
    expect(rest).toEqual([]);
    expect(slot!.key).toEqual([0, 0, 0, 0]);
    expect(leUint(slot!.value)).toBe(191146);
    expect(slot!.formatted).toBeUndefined();
  });
  test('a struct key: bytes and BTF view agree', () => {
    const entries = parseMapDump(fixture('bpftool-map-dump-frames-seen.json'));
    expect(entries).toHaveLength(3);
    for (const e of entries) {
      const key = e.formatted!.key as { ingress_ifindex: number; rx_queue_index: number; frame_len: number };
      expect(leUint(e.key.slice(0, 4))).toBe(key.ingress_ifindex);
      expect(leUint(e.key.slice(4, 8))).toBe(key.rx_queue_index);
      expect(leUint(e.key.slice(8, 12))).toBe(key.frame_len);
      expect(leUint(e.value)).toBe(e.formatted!.value);
    }
    expect(entries.map((e) => leUint(e.key.slice(8, 12))).sort((a, b) => a - b)).toEqual([98, 242, 1042]);
  });
  test('the exceptions map of xdp-aborted', () => {
    const [entry] = parseMapDump(fixture('bpftool-map-dump-exceptions.json'));
    expect(entry!.formatted).toEqual({ key: { prog_id: 1490, act: 0 }, value: 8 });
    expect(leUint(entry!.key.slice(0, 4))).toBe(1490);
  });
  test('an empty map is an empty list', () => {
    expect(parseMapDump('[]')).toEqual([]);
  });
  test('something that is not a byte is an error', () => {
    expect(() => parseMapDump('[{"key":["0x00"],"value":["zz"]}]')).toThrow(/byte/);
  });
});

describe('u32Bytes', () => {
  test('little-endian hex bytes, as bpftool map update takes them', () => {
    expect(u32Bytes(191146)).toEqual(['0xaa', '0xea', '0x02', '0x00']);
    expect(u32Bytes(0)).toEqual(['0x00', '0x00', '0x00', '0x00']);
    expect(u32Bytes(0xffffffff)).toEqual(['0xff', '0xff', '0xff', '0xff']);
  });
  test('round trip through leUint', () => {
    for (const n of [1, 2, 255, 256, 65535, 624287, 2 ** 31]) expect(leUint(u32Bytes(n).map((b) => Number.parseInt(b, 16)))).toBe(n);
  });
  test('refuses what is not a u32', () => {
    for (const n of [-1, 1.5, 2 ** 32, Number.NaN]) expect(() => u32Bytes(n)).toThrow(RangeError);
  });
});

describe('bpftool errors', () => {
  test('a refused DEVMAP update: the Error line', () => {
    expect(bpftoolError(fixture('bpftool-map-update-refused.txt'))).toBe('Error: update failed: Invalid argument');
  });
  test('without an Error line, the whole message', () => {
    expect(bpftoolError('libbpf: something\n')).toBe('libbpf: something');
  });
});

describe('hexWords', () => {
  test('bytes as bpftool takes them after "key hex": two digits each, leading zero kept', () => {
    expect(hexWords([10, 0, 0, 1])).toEqual(['0a', '00', '00', '01']);
  });
  test('a number that is not a byte is refused', () => {
    expect(() => hexWords([256])).toThrow(RangeError);
  });
});
