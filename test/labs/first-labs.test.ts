// The seed's labs, run for real on the local target through the CLI: real
// programs attached to real interfaces, real packets, exact counters.
import { describe, expect, test } from 'vitest';
import { ourNamespaces, runLabJson } from '../support/run-lab.ts';

describe.each(['xdp-pass', 'xdp-drop', 'go-loader'])('%s on the local target', (name) => {
  test('every declared check passes, and the run leaves nothing behind', async () => {
    const { exitCode, report, stderr } = await runLabJson(name);
    expect(report.checks.filter((c) => !c.ok), stderr).toEqual([]);
    expect(report).toMatchObject({ lab: name, target: 'local', ok: true });
    expect(exitCode).toBe(0);
    expect((await ourNamespaces()).filter((ns) => ns.includes(`-${report.runId}-`))).toEqual([]);
  });
});

test('xdp-drop observes the kernel refusing native mode on lo, in its own words', async () => {
  const { report } = await runLabJson('xdp-drop');
  const refused = report.checks.find((c) => c.id === 'lo-native-refused');
  expect(refused?.observed).toBe('Error: Underlying driver does not support XDP in native mode.');
});

test('xdp-drop counts exactly the packets it dropped, per device and mode', async () => {
  const { report } = await runLabJson('xdp-drop');
  const counted = report.checks.filter((c) => c.id.endsWith('-counted'));
  expect(counted.map((c) => [c.id, c.observed])).toEqual([
    ['lo-generic-counted', '10'],
    ['veth-native-counted', '10'],
    ['veth-generic-counted', '10'],
  ]);
});
