// skb-evidence for real on the local target: SKBs counted by tp_btf programs.
import { execa } from 'execa';
import { expect, test } from 'vitest';
import { observations, ourNamespaces, runLabJson, sharedLabRun } from '../support/run-lab.ts';

/** Names of the loaded BPF programs whose name starts with skb_evidence (names are cut to 15 characters). */
async function tracingPrograms(): Promise<string[]> {
  const { stdout } = await execa('bpftool', ['-j', 'prog', 'show']);
  return (JSON.parse(stdout) as { name?: string }[]).map((p) => p.name ?? '').filter((n) => n.startsWith('skb_evidence'));
}

test('skb-evidence: every check passes on the local target, and the tracing programs are gone after it', async () => {
  const { exitCode, report, stderr } = await sharedLabRun('skb-evidence');
  expect(report.checks.filter((c) => !c.ok), stderr).toEqual([]);
  expect(exitCode).toBe(0);
  expect((await ourNamespaces()).filter((ns) => ns.includes(`-${report.runId}-`))).toEqual([]);
  expect(await tracingPrograms()).toEqual([]);
});

test('skb-evidence: exact SKB counts: none natively, one per frame generically, ping\'s own SKBs freed', async () => {
  const { report } = await sharedLabRun('skb-evidence');
  expect(observations(report)).toEqual({
    filter: '10 received',
    'native-ran': '1000 runs',
    'native-no-skb': 'netif_receive_skb 0, kfree_skb 0',
    'generic-ran': '1000 runs',
    'generic-skb': 'netif_receive_skb 1000, kfree_skb 1000',
    'ping-trap': 'netif_receive_skb 0, kfree_skb 10',
  });
});

test('skb-evidence: two runs at once each count only their own device', async () => {
  const [first, second] = await Promise.all([runLabJson('skb-evidence'), runLabJson('skb-evidence')]);
  for (const { report, stderr } of [first, second]) expect(report.checks.filter((c) => !c.ok), stderr).toEqual([]);
});
