// xdp-parse for real on the local target: drops echo requests only, checked both ways.
import { expect, test } from 'vitest';
import { ourNamespaces, runLabJson } from '../support/run-lab.ts';

test('xdp-parse: every check passes on the local target, and nothing is left behind', async () => {
  const { exitCode, report, stderr } = await runLabJson('xdp-parse');
  expect(report.checks.filter((c) => !c.ok), stderr).toEqual([]);
  expect(exitCode).toBe(0);
  expect((await ourNamespaces()).filter((ns) => ns.includes(`-${report.runId}-`))).toEqual([]);
  const verdicts = report.checks.find((c) => c.id === 'vlan-echo-dropped')?.observed ?? '';
  expect(verdicts.split(' ')).toHaveLength(4);
  expect(verdicts).not.toContain('XDP_PASS');
});
