// xdp-frags for real: jumbo frames on a veth, a program without frags refused,
// an xdp.frags program reading across the head/fragment boundary.
import { expect, test } from 'vitest';
import { ourNamespaces, runLabJson } from '../support/run-lab.ts';

test('xdp-frags: the plain program is refused at MTU 9000, the frags program sees and reads the whole frame', async () => {
  const { exitCode, report, stderr } = await runLabJson('xdp-frags');
  expect(report.checks.filter((c) => !c.ok), stderr).toEqual([]);
  // This machine's kernel has frags (5.18+): nothing may be skipped here.
  expect(report.checks.filter((c) => c.skip)).toEqual([]);
  const observed = Object.fromEntries(report.checks.map((c) => [c.id, c.observed]));
  expect(observed).toMatchObject({
    'plain-refused': 'Error: veth: Peer MTU is too large to set XDP.',
    'plain-caps-mtu': 'at MTU 1500: attached; peer to MTU 9000: mtu greater than device maximum',
    'jumbo-whole-length': '1 echo request, 8042 bytes',
    'tail-read': 'at 8026: ret 0, "xdp.frags-jumbo!"',
    'small-one-buffer': '138 bytes, head 138, no boundary; last 16: "xdp.frags-jumbo!"',
  });
  expect(observed['boundary-read']).toMatch(/^at \d+: ret 0, "[a-z.!-]{16}"$/);
  expect(exitCode).toBe(0);
  expect((await ourNamespaces()).filter((ns) => ns.includes(`-${report.runId}-`))).toEqual([]);
});
