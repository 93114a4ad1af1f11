// Parsers fed with outputs captured from real runs on this machine (test/fixtures).
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseLinkXdp, parsePing, parseProgStats } from '../../labs/lib/parse.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

describe('ip -j link', () => {
  test('no program attached', () => {
    expect(parseLinkXdp(fixture('ip-link-lo-none.json'))).toEqual({ ifindex: 1, ifname: 'lo', mode: null, progId: null, progName: null });
  });
  test('generic program on lo: mode 2', () => {
    const link = parseLinkXdp(fixture('ip-link-lo-generic.json'));
    expect(link).toMatchObject({ ifname: 'lo', mode: 'generic', progName: 'xdp_drop' });
    expect(link.progId).toBeGreaterThan(0);
  });
  test('native program on a veth: mode 1', () => {
    expect(parseLinkXdp(fixture('ip-link-veth-native.json'))).toMatchObject({ ifname: 'veth0', mode: 'native', progName: 'xdp_pass' });
  });
  test('an empty answer is an error, not "no program"', () => {
    expect(() => parseLinkXdp('[]')).toThrow(/no link/);
  });
});

describe('bpftool -j prog show', () => {
  test('run_cnt is absent while zero', () => {
    expect(parseProgStats(fixture('bpftool-prog-zero.json'))).toMatchObject({ name: 'xdp_drop', runCount: 0, runTimeNs: 0 });
  });
  test('run_cnt after five packets', () => {
    const stats = parseProgStats(fixture('bpftool-prog-counted.json'));
    expect(stats.runCount).toBe(5);
    expect(stats.runTimeNs).toBeGreaterThan(0);
  });
});

describe('ping summary', () => {
  test('all lost', () => {
    expect(parsePing(fixture('ping-all-lost.txt'))).toEqual({ transmitted: 5, received: 0, lossPercent: 100 });
  });
  test('all answered', () => {
    expect(parsePing(fixture('ping-all-answered.txt'))).toEqual({ transmitted: 5, received: 5, lossPercent: 0 });
  });
  test('a ping that printed no summary is an error', () => {
    expect(() => parsePing('ping: connect: Network is unreachable\n')).toThrow(/no summary/);
  });
});
