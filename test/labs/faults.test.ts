// What happens when things go wrong around a lab: Ctrl-C in the middle, two
// labs at once, a run killed with SIGKILL and cleaned up afterwards.
import { execa } from 'execa';
import { expect, test } from 'vitest';
import { CLI, ourNamespaces, REPO_DIR, runCli, runLabJson } from '../support/run-lab.ts';
import { existsSync } from 'node:fs';

const launch = (name: string) => execa(process.execPath, [...CLI, name, '--target', 'local', '--lang', 'en'], { cwd: REPO_DIR, reject: false });

/** Start a lab in the background and resolve once its namespaces exist, with its run id. */
async function startLab(name: string): Promise<{ child: ReturnType<typeof launch>; runId: string }> {
  const child = launch(name);
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`lab never got going:\n${output}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const runId = /run ([0-9a-f]{4})\)/.exec(output)?.[1];
      // The network step's line appears once both namespaces and the veth exist.
      if (runId && output.includes('Create two namespaces joined by a veth pair')) {
        clearTimeout(timer);
        resolve({ child, runId });
      }
    });
  });
}

const leftovers = async (runId: string) => (await ourNamespaces()).filter((ns) => ns.includes(`-${runId}-`));

test('SIGINT in the middle of a lab cleans up and exits 1', async () => {
  const { child, runId } = await startLab('xdp-drop');
  expect((await leftovers(runId)).length).toBe(2);
  child.kill('SIGINT');
  const result = await child;
  expect(result.stderr).toContain('SIGINT: stopping after the current command and cleaning up');
  expect(result.exitCode).toBe(1);
  expect(await leftovers(runId)).toEqual([]);
  expect(existsSync(`/run/xdp-labs/runs/${runId}.json`)).toBe(false);
  expect(existsSync(`/tmp/xdp-labs-${runId}`)).toBe(false);
});

test('two labs at once both pass', async () => {
  const [drop, pass] = await Promise.all([runLabJson('xdp-drop'), runLabJson('xdp-pass')]);
  expect(drop.report.checks.filter((c) => !c.ok)).toEqual([]);
  expect(pass.report.checks.filter((c) => !c.ok)).toEqual([]);
  expect([drop.exitCode, pass.exitCode]).toEqual([0, 0]);
});

test('clean removes what a run killed with SIGKILL left behind', async () => {
  const { child, runId } = await startLab('xdp-drop');
  child.kill('SIGKILL');
  await child;
  expect((await leftovers(runId)).length).toBe(2);
  expect(existsSync(`/run/xdp-labs/runs/${runId}.json`)).toBe(true);

  const status = await runCli(['status', '--target', 'local']);
  expect(status.stdout).toMatch(new RegExp(`${runId}\\s+xdp-drop\\s+leftover`));

  const result = await runCli(['clean', '--target', 'local']);
  expect(result.stdout).toContain(`Remove run ${runId} of xdp-drop (2 namespace(s))`);
  expect(result.exitCode).toBe(0);
  expect(await leftovers(runId)).toEqual([]);
  expect(existsSync(`/run/xdp-labs/runs/${runId}.json`)).toBe(false);
  expect(existsSync(`/tmp/xdp-labs-${runId}`)).toBe(false);
});

test('--keep leaves the network up with instructions, and clean removes it', async () => {
  const result = await runCli(['xdp-pass', '--target', 'local', '--keep']);
  expect(result.exitCode).toBe(0);
  const runId = /run ([0-9a-f]{4})\)/.exec(result.stdout)![1]!;
  expect(result.stdout).toContain(`sudo nsenter --net=/run/netns/xl-xdp-pass-${runId}-a bash`);
  expect((await leftovers(runId)).length).toBe(2);
  await runCli(['clean', '--target', 'local']);
  expect(await leftovers(runId)).toEqual([]);
});

test('clean leaves alone a namespace that no lab run recorded', async () => {
  const name = `xl-manual-${Math.floor(Math.random() * 0xffff).toString(16).padStart(4, '0')}-a`;
  await execa('ip', ['netns', 'add', name]);
  try {
    const result = await runCli(['clean', '--target', 'local']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(`${name} looks like a lab namespace but no lab run recorded it; left alone`);
    expect(await ourNamespaces()).toContain(name);
  } finally {
    await execa('ip', ['netns', 'del', name]);
  }
});
