// tracefs lines, the tracepoint loader's ready file and run ifindexes (test/fixtures from real runs).
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { runIfindex } from '../../labs/lib/ifindex.ts';
import { parseXdpException } from '../../labs/lib/tracefs.ts';
import { parseLoaderReady } from '../../labs/lib/tracepoint-loader.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

describe('xdp_exception trace lines', () => {
  test('every event line of a real trace parses', () => {
    const lines = fixture('tracefs-xdp-exception.txt')
      .split('\n')
      .filter((l) => l.trim() !== '' && !l.startsWith('#'));
    const events = lines.map(parseXdpException);
    expect(events).toHaveLength(8);
    for (const e of events) expect(e).toEqual({ progId: 1490, action: 'ABORTED', ifindex: 479665 });
  });
  test('another event is an error', () => {
    expect(() => parseXdpException('ping-1 [000] ..s1. 1.0: xdp_redirect: prog_id=1 action=REDIRECT')).toThrow(/not an xdp_exception/);
  });
});

describe('loader ready file', () => {
  test('programs and maps with their ids', () => {
    expect(parseLoaderReady(fixture('xdp-aborted-loader-ready.json'))).toEqual({
      pid: 15339,
      programs: [{ name: 'count_exception', id: 1494 }],
      maps: [
        { name: 'watched_ifindex', id: 80 },
        { name: 'exceptions', id: 81 },
      ],
    });
  });
  test('anything else is an error', () => {
    expect(() => parseLoaderReady('{"programs":[]}')).toThrow(/ready file/);
  });
});

describe('runIfindex', () => {
  test('distinct per run and per slot, above what hosts allocate', () => {
    expect(runIfindex('0000', 0)).toBe(100_000);
    expect(runIfindex('ffff', 7)).toBe(100_000 + 0xffff * 8 + 7);
    expect(runIfindex('1f1c', 1)).not.toBe(runIfindex('1f1d', 1));
  });
  test('refuses a bad run id or slot', () => {
    expect(() => runIfindex('xyz', 0)).toThrow(/run id/);
    expect(() => runIfindex('1f1c', 8)).toThrow(RangeError);
  });
});
