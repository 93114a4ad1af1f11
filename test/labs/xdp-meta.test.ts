// xdp-meta for real: metadata written by XDP and read by tc from the same
// packet, and what veth's RX metadata kfuncs return for skbs and for xdp_frames.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { ourNamespaces, runLabJson } from '../support/run-lab.ts';

test('xdp-meta: tc reads what XDP wrote, and veth answers the kfuncs from the skb', async () => {
  const { exitCode, report, stderr } = await runLabJson('xdp-meta');
  expect(report.checks.filter((c) => !c.ok), stderr).toEqual([]);
  const observed = Object.fromEntries(report.checks.map((c) => [c.id, c.skip ? `skipped: ${c.skip}` : c.observed]));
  expect(observed).toMatchObject({
    'meta-unaligned-refused': '-13 (EACCES)',
    'meta-read-by-tc': "5 × 8 B, magic 0x584c4d42, seq = tc's, length 98 = skb's",
    'meta-none-without-xdp': '5 × 0 B',
  });
  // The kfunc half runs where the kernel has them (6.3 on), judged here apart from the lab's own probe.
  const kallsyms = readFileSync('/proc/kallsyms', 'utf8');
  if (/ bpf_xdp_metadata_rx_hash$/m.test(kallsyms) && / veth_xdp_rx_hash(\s|$)/m.test(kallsyms)) {
    expect(observed).toMatchObject({
      'hints-skb-hash': '5 × ret 0, hash = skb->hash, XDP_RSS_TYPE_L4_ANY',
      'hints-skb-timestamp': '5 × ret 0, timestamp 0',
      'hints-frame-nodata': '5 × 32 B, rx_hash -61 (ENODATA), rx_timestamp -61 (ENODATA)',
    });
    expect(report.status).toBe('pass');
  } else {
    expect(report.status).toBe('skip');
  }
  expect(exitCode).toBe(0);
  expect((await ourNamespaces()).filter((ns) => ns.includes(`-${report.runId}-`))).toEqual([]);
});
