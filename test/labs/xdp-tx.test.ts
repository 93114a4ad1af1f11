// xdp-tx for real: the failure without a program on the peer, GRO on the peer not
// helping, then replies that come from XDP, counted exactly by the driver and by both namespaces' stacks.
import { expect, test } from 'vitest';
import { ourNamespaces, runLabJson } from '../support/run-lab.ts';

test('xdp-tx: every check passes on the local target, and nothing is left behind', async () => {
  const { exitCode, report, stderr } = await runLabJson('xdp-tx');
  expect(report.checks.filter((c) => !c.ok), stderr).toEqual([]);
  expect(exitCode).toBe(0);
  expect((await ourNamespaces()).filter((ns) => ns.includes(`-${report.runId}-`))).toEqual([]);
});

test('xdp-tx: the counts are exact', async () => {
  const { report } = await runLabJson('xdp-tx');
  const observed = Object.fromEntries(report.checks.map((c) => [c.id, c.observed]));
  expect(observed).toMatchObject({
    'no-peer-lost': '10 sent, 0 received',
    'no-peer-tx-errors': '+10',
    'gro-peer-not-delivered': '10 sent, 0 received; xdp_tx +10, xdp_tx_errors +0',
    replies: '10 sent, 10 received',
    'sent-by-xdp': 'xdp_tx +10, 10 runs',
    'stack-silent': 'IcmpInEchos +0, IcmpOutEchoReps +0',
    'checksum-valid': 'IcmpInEchoReps +10, IcmpInCsumErrors +0',
  });
});
