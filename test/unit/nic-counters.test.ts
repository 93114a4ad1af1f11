// nstat and ethtool output, captured from real runs of the catalog labs (test/fixtures).
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { counter, parseEthtoolCurrentRx, parseEthtoolStats } from '../../labs/lib/ethtool-stats.ts';
import { parseNstat } from '../../labs/lib/nstat.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

describe('nstat -j', () => {
  test('counters by name', () => {
    expect(parseNstat(fixture('nstat-icmp.json'))).toEqual({ IcmpInEchos: 10, IcmpOutEchoReps: 10 });
  });
  test('output without the kernel object is an error', () => {
    expect(() => parseNstat('{}')).toThrow(/kernel/);
  });
});

describe('ethtool -S on a veth', () => {
  test('XDP_TX refused by the peer: xdp_tx and xdp_tx_errors', () => {
    const stats = parseEthtoolStats(fixture('ethtool-S-veth-xdp-tx.txt'));
    expect(counter(stats, 'rx_queue_0_xdp_tx')).toBe(10);
    expect(counter(stats, 'rx_queue_0_xdp_tx_errors')).toBe(10);
    expect(counter(stats, 'peer_ifindex')).toBe(2);
  });
  test('frames sent by redirect: tx_queue_0_xdp_xmit', () => {
    expect(counter(parseEthtoolStats(fixture('ethtool-S-veth-redirect.txt')), 'tx_queue_0_xdp_xmit')).toBe(10);
  });
  test('a counter the driver does not have is named in the error', () => {
    expect(() => counter(parseEthtoolStats(fixture('ethtool-S-veth-redirect.txt')), 'rx_xdp_tx_errors')).toThrow(/rx_xdp_tx_errors/);
  });
  test('output without counters is an error', () => {
    expect(() => parseEthtoolStats('no stats available\n')).toThrow(/no counters/);
  });
});

describe('ethtool -l', () => {
  test('the RX channels in use, not the maximum', () => {
    expect(parseEthtoolCurrentRx(fixture('ethtool-l-veth.txt'))).toBe(1);
  });
  test('output without current settings is an error', () => {
    expect(() => parseEthtoolCurrentRx('Channel parameters for veth0:\n')).toThrow(/current RX/);
  });
});
