// xdp-debug for real: the pings a program drops, found in the trace buffer and
// the counters; xdpdump's capture where the kernel lets it attach.
import { expect, test } from 'vitest';
import { ourNamespaces, runLabJson } from '../support/run-lab.ts';

test('xdp-debug: bpf_printk lines, ethtool and ip counters, a silent stack, and xdpdump or its reason', async () => {
  const { exitCode, report, stderr } = await runLabJson('xdp-debug');
  expect(report.checks.filter((c) => !c.ok), stderr).toEqual([]);
  expect(Object.fromEntries(report.checks.map((c) => [c.id, c.observed]))).toMatchObject({
    'pings-vanish': '5 sent, 0 received',
    'printk-lines': '1, 2, 3, 4, 5',
    'ethtool-xdp-drops': 'rx_queue_0_xdp_drops +5',
    'ip-link-counts': 'rx packets +5, dropped +0',
    'stack-never-saw': 'IpInReceives +0, IcmpInEchos +0',
  });
  const capture = report.checks.find((c) => c.id === 'xdpdump-capture')!;
  if (capture.skip) {
    expect(report.checks.filter((c) => c.skip).map((c) => c.id)).toEqual(['xdpdump-capture']);
    expect(capture.skip).toMatch(/^xdpdump could not attach its fexit program to the XDP program on this kernel: ".+"$/);
  } else {
    expect(capture.observed).toBe('5 echo requests');
  }
  expect(exitCode).toBe(0);
  expect((await ourNamespaces()).filter((ns) => ns.includes(`-${report.runId}-`))).toEqual([]);
});
