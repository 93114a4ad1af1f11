// xdp-dispatcher for real: tail calls through a PROG_ARRAY everywhere; libxdp's
// dispatcher where the kernel allows freplace, a skip quoting libxdp where not.
import { expect, test } from 'vitest';
import { ourNamespaces, runLabJson } from '../support/run-lab.ts';

const DISPATCHER = ['dispatcher-loaded', 'dispatcher-chain', 'dispatcher-priority', 'dispatcher-actions'];

test('xdp-dispatcher: tail calls jump, fall through and swap; the dispatcher runs or says why not', async () => {
  const { exitCode, report, stderr } = await runLabJson('xdp-dispatcher');
  expect(report.checks.filter((c) => !c.ok), stderr).toEqual([]);
  const observed = Object.fromEntries(report.checks.map((c) => [c.id, c.observed]));
  expect(observed).toMatchObject({
    'tail-loaded': 'xdp_tail_entry native; [1] tail_icmp, [17] tail_udp_drop',
    'tail-icmp': '5/5 answered, tail_icmp 5, miss 0',
    'tail-udp': 'tail_udp_drop 5, UdpNoPorts +0',
    'tail-missing': 'miss +5, UdpNoPorts +5',
  });
  expect(observed['tail-swap']).toMatch(/^0\/5 answered, prog id \d+ still attached$/);
  const dispatcher = report.checks.filter((c) => DISPATCHER.includes(c.id));
  if (report.status === 'skip') {
    // Every dispatcher check, and only those, skipped with libxdp's own words.
    expect(report.checks.filter((c) => c.skip).map((c) => c.id)).toEqual(DISPATCHER);
    expect(report.skipReason).toMatch(/libxdp could not build a dispatcher on this kernel and attached a single program instead: "[^"]+"/);
  } else {
    expect(report.status).toBe('pass');
    expect(Object.fromEntries(dispatcher.map((c) => [c.id, c.observed]))).toEqual({
      'dispatcher-loaded': 'xdp_dispatcher: xdp_count prio 10 [XDP_PASS], xdp_drop_all prio 20 [XDP_PASS]',
      'dispatcher-chain': '0/5 answered, xdp_count ran 5, xdp_drop_all ran 5',
      'dispatcher-priority': '0/5 answered, xdp_count ran 0, xdp_drop_all ran 5',
      'dispatcher-actions': '5/5 answered, xdp_count ran 5, xdp_drop_all ran 5',
    });
  }
  expect(exitCode).toBe(0);
  expect((await ourNamespaces()).filter((ns) => ns.includes(`-${report.runId}-`))).toEqual([]);
});
