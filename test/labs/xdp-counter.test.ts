// xdp-counter for real on the local target: per-CPU counters that match the traffic exactly.
import { expect, test } from 'vitest';
import { ourNamespaces, runLabJson } from '../support/run-lab.ts';

test('xdp-counter: every check passes on the local target, and nothing is left behind', async () => {
  const { exitCode, report, stderr } = await runLabJson('xdp-counter');
  expect(report.checks.filter((c) => !c.ok), stderr).toEqual([]);
  expect(exitCode).toBe(0);
  expect((await ourNamespaces()).filter((ns) => ns.includes(`-${report.runId}-`))).toEqual([]);
});

test('xdp-counter: the counts are exact, not approximately right', async () => {
  const { report } = await runLabJson('xdp-counter');
  const observed = Object.fromEntries(report.checks.map((c) => [c.id, c.observed]));
  expect(observed).toMatchObject({
    'proto-icmp': '10 packets, 980 bytes',
    'proto-udp': '10 packets, 740 bytes',
    'action-pass': '16 packets',
    'action-drop': '4 packets',
  });
});
