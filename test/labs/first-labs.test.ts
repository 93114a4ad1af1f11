// The seed's labs, run for real on the local target through the CLI: real
// programs attached to real interfaces, real packets, exact counters.
import { describe, expect, test } from 'vitest';
import { observations, ourNamespaces, sharedLabRun } from '../support/run-lab.ts';

describe.each(['xdp-pass', 'xdp-drop', 'go-loader'])('%s on the local target', (name) => {
  test('every declared check passes, and the run leaves nothing behind', async () => {
    const { exitCode, report, stderr } = await sharedLabRun(name);
    expect(report.checks.filter((c) => !c.ok), stderr).toEqual([]);
    expect(report).toMatchObject({ lab: name, target: 'local', ok: true });
    expect(exitCode).toBe(0);
    expect((await ourNamespaces()).filter((ns) => ns.includes(`-${report.runId}-`))).toEqual([]);
  });
});

test('xdp-drop observes the kernel refusing native mode on lo, in its own words', async () => {
  const { report } = await sharedLabRun('xdp-drop');
  const refused = report.checks.find((c) => c.id === 'lo-native-refused');
  expect(refused?.observed).toBe('Error: Underlying driver does not support XDP in native mode.');
});

test('xdp-drop counts exactly the packets it dropped, per device and mode', async () => {
  const { report } = await sharedLabRun('xdp-drop');
  const counted = report.checks.filter((c) => c.id.endsWith('-counted'));
  expect(counted.map((c) => [c.id, c.observed])).toEqual([
    ['lo-generic-counted', '10'],
    ['veth-native-counted', '10'],
    ['veth-generic-counted', '10'],
  ]);
});

test('xdp-pass: exact observations (every ping through, one run per packet)', async () => {
  const { report } = await sharedLabRun('xdp-pass');
  expect(observations(report)).toEqual({ attached: 'xdp_pass, native', 'traffic-flows': '20 received', 'run-count': '20' });
});

test('go-loader: exact observations, from the first ping to the link closed by SIGTERM', async () => {
  const { report } = await sharedLabRun('go-loader');
  expect(observations(report)).toEqual({
    'ping-before': '10 received',
    attached: 'xdp_drop, generic',
    dropped: '10 sent, 0 received',
    counted: '10',
    'loader-exit': '0',
    detached: 'no program',
    'ping-after': '10 received',
  });
});
