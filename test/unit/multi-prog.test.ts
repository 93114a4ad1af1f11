// Parsers for the xdp-dispatcher and xdp-meta labs, on outputs captured from
// real runs (test/fixtures) where this host can produce them.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
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
