// xdp-md for real: the fields of struct xdp_md against ip, ethtool and ping,
// and the verifier's refusal of egress_ifindex in its own words.
import { expect, test } from 'vitest';
import { ourNamespaces, runLabJson } from '../support/run-lab.ts';

test('xdp-md: every check passes on the local target, and nothing is left behind', async () => {
  const { exitCode, report, stderr } = await runLabJson('xdp-md');
  expect(report.checks.filter((c) => !c.ok), stderr).toEqual([]);
  expect(exitCode).toBe(0);
  expect((await ourNamespaces()).filter((ns) => ns.includes(`-${report.runId}-`))).toEqual([]);
});

test('xdp-md: exact lengths and the exact verifier message', async () => {
  const { report } = await runLabJson('xdp-md');
  const observed = Object.fromEntries(report.checks.map((c) => [c.id, c.observed]));
  expect(observed).toMatchObject({
    'frame-lengths': '5 × 98 B, 5 × 242 B, 5 × 1042 B',
    'rx-queue': 'queue 0 of 1 RX channel',
    'egress-refused': 'invalid bpf_context access off=20 size=4',
  });
});
