// xdp-redirect for real: three namespaces, a DEVMAP filled from the right one,
// and every redirected frame counted where it lands.
import { expect, test } from 'vitest';
import { ourNamespaces, runLabJson } from '../support/run-lab.ts';

test('xdp-redirect: every check passes on the local target, and nothing is left behind', async () => {
  const { exitCode, report, stderr } = await runLabJson('xdp-redirect');
  expect(report.checks.filter((c) => !c.ok), stderr).toEqual([]);
  expect(exitCode).toBe(0);
  expect((await ourNamespaces()).filter((ns) => ns.includes(`-${report.runId}-`))).toEqual([]);
});

test('xdp-redirect: two runs at once each fill and read only their own maps', async () => {
  const runs = await Promise.all([runLabJson('xdp-redirect'), runLabJson('xdp-redirect')]);
  for (const { report } of runs) {
    const observed = Object.fromEntries(report.checks.map((c) => [c.id, c.observed]));
    expect(observed).toMatchObject({
      'foreign-ifindex-refused': 'Error: update failed: Invalid argument',
      'ping-diverted': '10 sent, 0 received',
      'frames-arrive': '10 arrived in c, xdp_xmit +10',
      'b-stack-skipped': 'IcmpInEchos +0',
      'no-receiver-refused': '10 × err=-95, drops +10, xdp_xmit +0',
      'gro-target-arrives': 'xdp_redirect +10, xdp_xmit +10, 10 arrived in c',
    });
    expect(report.ok).toBe(true);
  }
});
