// Parsers for the xdp-dispatcher, xdp-meta and xdp-debug labs, on outputs
// captured from real runs (test/fixtures, transcripts) where this host can produce them.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseLinkRx, printkSeqs } from '../../labs/catalog/xdp-debug.ts';
import { parseNetShowTc } from '../../labs/lib/tc.ts';
import { parseXdpLoaderStatus } from '../../labs/lib/xdp-loader.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

describe('xdp-loader status', () => {
  test('the fallback: one plain program on the device, no components, other devices empty', () => {
    const devices = parseXdpLoaderStatus(fixture('xdp-loader-status-fallback.txt'));
    expect(devices.get('v0')).toEqual({ main: { name: 'xdp_count', mode: 'native', id: 854 }, components: [] });
    expect(devices.get('lo')).toEqual({ main: undefined, components: [] });
    expect([...devices.keys()]).toEqual(['lo', 'v1', 'v0', 'x1', 'x0']);
  });

  test('a dispatcher with components, laid out as xdp-loader prints them ("%-16s %-5d %-16s %-8s %-4u %-17s %s")', () => {
    // This host's kernel refuses the dispatcher, so the lines follow xdp-loader's printf formats.
    const text = [
      'CURRENT XDP PROGRAM STATUS:',
      '',
      'Interface        Prio  Program name      Mode     ID   Tag               Chain actions',
      '--------------------------------------------------------------------------------------',
      'veth0                  xdp_dispatcher    native   41   94d5f00c20184d17 ',
      ' =>              5     xdp_drop_all               45   6e3f6d5b8d31e2a1  XDP_DROP,XDP_PASS',
      ' =>              10    xdp_count                  44   0afa56fcd9325709  XDP_PASS',
      '',
    ].join('\n');
    expect(parseXdpLoaderStatus(text).get('veth0')).toEqual({
      main: { name: 'xdp_dispatcher', mode: 'native', id: 41 },
      components: [
        { prio: 5, name: 'xdp_drop_all', id: 45, actions: 'XDP_DROP,XDP_PASS' },
        { prio: 10, name: 'xdp_count', id: 44, actions: 'XDP_PASS' },
      ],
    });
  });
});

test('bpftool net show: the tc filter on clsact ingress, by the name tc gave it', () => {
  expect(parseNetShowTc(fixture('bpftool-net-show-tc.json'))).toEqual([{ id: 864, name: 'tc_read_meta.o:[tc]', kind: 'clsact/ingress' }]);
});

describe('xdp-debug', () => {
  test('bpf_printk lines from the trace buffer: only the ones for this ifindex, in order', () => {
    const recorded = readFileSync(new URL('../../content/transcripts/xdp-debug.txt', import.meta.url), 'utf8').split('\n');
    const line = recorded.find((l) => l.includes('bpf_trace_printk: xdp-debug ifindex'))!;
    const ifindex = Number(/ifindex (\d+):/.exec(line)![1]);
    const foreign = line.replace(`ifindex ${ifindex}:`, `ifindex ${ifindex + 1}:`);
    expect(printkSeqs([...recorded, foreign, '# tracer: nop'], ifindex)).toEqual([1, 2, 3, 4, 5]);
    expect(printkSeqs(recorded, ifindex + 1)).toEqual([]);
  });

  test('ip -s -j link: received and dropped from stats64', () => {
    expect(parseLinkRx(fixture('ip-stats-veth.json'))).toEqual({ packets: 43285085, dropped: 0 });
    expect(() => parseLinkRx('[{"ifname":"veth0"}]')).toThrow(/stats64/);
  });
});
