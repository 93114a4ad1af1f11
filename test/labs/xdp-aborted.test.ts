// xdp-aborted for real: a tracepoint program and a trace instance that watch the
// whole machine, so these tests also check that they see only their own run,
// and that nothing global outlives the run — not even after a SIGKILL.
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { expect, test } from 'vitest';
import { CLI, ourNamespaces, REPO_DIR, runCli, runLabJson } from '../support/run-lab.ts';

const instance = (runId: string) => `/sys/kernel/tracing/instances/xl-${runId}`;
const loaders = async (runId: string) =>
  (await execa('pgrep', ['-f', `/tmp/xdp-labs-${runId}/xdp_aborted_loader`], { reject: false })).stdout.split('\n').filter(Boolean);
const leftovers = async (runId: string) => ({
  netns: (await ourNamespaces()).filter((ns) => ns.includes(`-${runId}-`)),
  traceInstance: existsSync(instance(runId)),
  loaders: await loaders(runId),
});
const nothingLeft = { netns: [], traceInstance: false, loaders: [] };

test('xdp-aborted: every check passes on the local target, and nothing is left behind', async () => {
  const { exitCode, report, stderr } = await runLabJson('xdp-aborted');
  expect(report.checks.filter((c) => !c.ok), stderr).toEqual([]);
  expect(exitCode).toBe(0);
  expect(await leftovers(report.runId)).toEqual(nothingLeft);
});

test('xdp-aborted: two runs at once each count only their own exceptions', async () => {
  const runs = await Promise.all([runLabJson('xdp-aborted'), runLabJson('xdp-aborted')]);
  for (const { report } of runs) {
    const observed = Object.fromEntries(report.checks.map((c) => [c.id, c.observed]));
    expect(observed['exception-count']).toBe('8 events');
    expect(observed['exception-ifindex']).toMatch(/^8 events on ifindex \d+$/);
    expect(observed['drop-is-silent']).toBe('8 lost, 0 new exceptions');
    expect(report.ok).toBe(true);
  }
  const ids = runs.map(({ report }) => report.checks.find((c) => c.id === 'exception-prog-id')!.observed);
  expect(ids[0]).not.toBe(ids[1]);
});

test('xdp-aborted: mounts tracefs itself when it is not mounted', async () => {
  // A private mount namespace: tracefs is unmounted there only, never on the host.
  const script = 'umount /sys/kernel/tracing 2>/dev/null; test ! -d /sys/kernel/tracing/events || exit 3; exec "$0" "$@"';
  const result = await execa('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', script, process.execPath, ...CLI, 'xdp-aborted', '--target', 'local', '--json'], {
    cwd: REPO_DIR,
    reject: false,
  });
  expect(result.exitCode, String(result.stderr)).toBe(0);
  const report = JSON.parse(String(result.stdout)) as { ok: boolean; runId: string };
  expect(report.ok).toBe(true);
  expect(await leftovers(report.runId)).toEqual(nothingLeft);
});

test('xdp-aborted: after a SIGKILL, clean stops the loader and removes the trace instance', async () => {
  const child = execa(process.execPath, [...CLI, 'xdp-aborted', '--target', 'local'], { cwd: REPO_DIR, reject: false });
  let output = '';
  const runId = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the lab never reached its observers:\n${output}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const id = /run ([0-9a-f]{4})\)/.exec(output)?.[1];
      if (id && output.includes('watching ifindex')) {
        clearTimeout(timer);
        resolve(id);
      }
    });
  });
  expect((await leftovers(runId)).loaders).toHaveLength(1);
  child.kill('SIGKILL');
  await child;
  expect(existsSync(instance(runId))).toBe(true);
  const clean = await runCli(['clean', '--target', 'local']);
  expect(clean.exitCode, clean.stdout + clean.stderr).toBe(0);
  expect(await leftovers(runId)).toEqual(nothingLeft);
});
