// Small pure helpers of the catalog labs (xdp-counter, xdp-parse, skb-evidence).
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { leUint, parseMapDump } from '../../labs/lib/bpf-maps.ts';
import { runIpv6 } from '../../labs/lib/ipv6.ts';
import { isAtLeast, parseKernelRelease } from '../../labs/lib/kernel.ts';
import { actionName, parseProgRun } from '../../labs/lib/prog-run.ts';
import { parseCpuList, udpPayload } from '../../labs/lib/senders.ts';
import { countsSince, parseTracerReady } from '../../labs/lib/skb-tracer.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

describe('bpftool prog run', () => {
  test('the verdict of a run', () => {
    expect(actionName(parseProgRun(fixture('bpftool-prog-run-drop.json')))).toBe('XDP_DROP');
    expect(actionName(2)).toBe('XDP_PASS');
    expect(actionName(7)).toBe('unknown verdict 7');
  });
  test("the kernel's refusal is an error (an empty frame: shorter than an Ethernet header)", () => {
    expect(() => parseProgRun(fixture('bpftool-prog-run-error.json'))).toThrow(/Invalid argument/);
  });
});

describe('skb-evidence loader', () => {
  test('the ready file names the counters map', () => {
    expect(parseTracerReady(fixture('skb-tracer-ready.json'))).toBe(90);
    expect(() => parseTracerReady('{}')).toThrow(/ready file/);
  });
  test('the counters map: key 0 received, key 1 freed', () => {
    const entries = parseMapDump(fixture('bpftool-map-dump-skb-counts.json'));
    expect(entries.map((e) => [leUint(e.key), leUint(e.value)])).toEqual([
      [0, 4],
      [1, 4],
    ]);
  });
  test('differences between two readings', () => {
    expect(countsSince({ received: 3, freed: 5 }, { received: 13, freed: 5 })).toEqual({ received: 10, freed: 0 });
  });
});

describe('kernel release', () => {
  test('major and minor from uname -r, compared as numbers', () => {
    expect(parseKernelRelease('6.18.44-fc-v1045\n')).toEqual([6, 18]);
    expect(parseKernelRelease('5.15.0-91-generic')).toEqual([5, 15]);
    expect(isAtLeast([6, 18], [6, 3])).toBe(true);
    expect(isAtLeast([6, 2], [6, 3])).toBe(false);
    expect(isAtLeast([5, 13], [5, 13])).toBe(true);
    expect(() => parseKernelRelease('Linux')).toThrow(/uname -r/);
  });
});

describe('senders', () => {
  test('CPU lists as /proc prints them', () => {
    expect(parseCpuList('0-1')).toEqual([0, 1]);
    expect(parseCpuList(' 0,2-4,7\n')).toEqual([0, 2, 3, 4, 7]);
    expect(() => parseCpuList('zero')).toThrow(/CPU list/);
  });
  test('UDP payloads have exactly the asked length', () => {
    expect(udpPayload(32)).toHaveLength(32);
    expect(udpPayload(1)).toBe('x');
  });
});

describe('IPv6 addresses', () => {
  test('one /64 per run', () => {
    expect(runIpv6('3fa0', 2)).toBe('fd58:3fa0::2');
    expect(() => runIpv6('nope', 1)).toThrow();
  });
});

describe('af-xdp receiver output', () => {
  test('its JSON line', async () => {
    const { parseAfXdpResult } = await import('../../labs/catalog/af-xdp.ts');
    expect(parseAfXdpResult('{"received":8,"bytes":592,"udp_to_port":8}')).toEqual({ received: 8, bytes: 592, udpToPort: 8 });
    expect(() => parseAfXdpResult('{"received":8}')).toThrow(/no result/);
  });
});
