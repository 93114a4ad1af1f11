// af-xdp for real on the local target, and its receiver's handling of bad input.
import { execa } from 'execa';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { observations, ourNamespaces, REPO_DIR, sharedLabRun } from '../support/run-lab.ts';

test('af-xdp: every check passes on the local target, and nothing is left behind', async () => {
  const { exitCode, report, stderr } = await sharedLabRun('af-xdp');
  expect(report.checks.filter((c) => !c.ok), stderr).toEqual([]);
  expect(exitCode).toBe(0);
  expect((await ourNamespaces()).filter((ns) => ns.includes(`-${report.runId}-`))).toEqual([]);
});

test('af-xdp: exact observations (8 frames of 74 bytes in the socket, 3 datagrams and 5 pings to the stack)', async () => {
  const { report } = await sharedLabRun('af-xdp');
  expect(observations(report)).toEqual({
    attached: 'af_xdp_redirect, native',
    'socket-bound': 'copy mode',
    'frames-received': '8 frames, 592 bytes',
    'frames-checked': '8 of 8',
    'stack-bypassed': '3 datagrams',
    'others-pass': '5 received',
  });
});

describe('af_xdp_rx, the AF_XDP receiver', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xl-afxdp-'));
  const binary = join(dir, 'af_xdp_rx');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const build = () => execa('clang', ['-O2', '-Wall', 'labs/tools/af_xdp_rx.c', '-lbpf', '-o', binary], { cwd: REPO_DIR });
  const receiver = async (args: string[]) => {
    await build();
    return execa(binary, args, { reject: false });
  };

  test('missing arguments: usage, exit 2', async () => {
    const result = await receiver(['veth0']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('usage:');
  });
  test('an interface that does not exist: exit 1, names it', async () => {
    const result = await receiver(['xl-nosuchdev', '0', '1', '1', join(dir, 'ready')]);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('xl-nosuchdev: No such device');
  });
  test('a map id that names no map: exit 1, says which step failed', async () => {
    // lo of a fresh namespace: binding in copy mode works on any device; the map lookup is what fails.
    await build();
    const ns = `xl-afxdp-test-${process.pid}`;
    await execa('ip', ['netns', 'add', ns]);
    try {
      const result = await execa('nsenter', [`--net=/run/netns/${ns}`, '--', binary, 'lo', '0', '2147483647', '1', join(dir, 'ready')], { reject: false });
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toContain('opening the XSKMAP: No such file or directory');
    } finally {
      await execa('ip', ['netns', 'del', ns]);
    }
  });
});
