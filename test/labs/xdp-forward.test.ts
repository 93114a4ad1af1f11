// xdp-forward for real: a router in XDP between three namespaces, and the
// cases bpf_fib_lookup hands back to the stack.
import { expect, test } from 'vitest';
import { ourNamespaces, runLabJson } from '../support/run-lab.ts';

test('xdp-forward: XDP forwards, the stack does not count it, and what the helper cannot finish goes to the stack', async () => {
  const { exitCode, report, stderr } = await runLabJson('xdp-forward');
  expect(report.checks.filter((c) => !c.ok), stderr).toEqual([]);
  const observed = Object.fromEntries(report.checks.map((c) => [c.id, c.observed]));
  expect(observed).toMatchObject({
    'stack-forwards': '10 sent, 10 received, IpForwDatagrams +20',
    'fib-success': 'SUCCESS +20',
    'stack-skipped': 'IpForwDatagrams +0, IpInReceives +0',
    'ttl-decremented': 'requests in c: TTL 63 ×10; replies in a: TTL 63 ×10',
    'no-neigh-to-stack': '1 sent, 1 received; SUCCESS +1, NO_NEIGH +1; IpForwDatagrams +1',
    'fwd-disabled-to-stack': '10 sent, 0 received; FWD_DISABLED +10; IpInAddrErrors +10',
    'blackhole-dropped': '10 sent, 0 received; BLACKHOLE +10; IpInReceives +0',
  });
  expect(exitCode).toBe(0);
  expect((await ourNamespaces()).filter((ns) => ns.includes(`-${report.runId}-`))).toEqual([]);
});
