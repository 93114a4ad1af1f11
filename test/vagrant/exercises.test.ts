// A quick subset of the exercises inside the lab VM: the same check command
// with --target vagrant judges the learner's file as saved on the host (sent
// over at each check, not whatever the VM's synced copy holds).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import type { ExerciseReport } from '../../labs/exercises/check.ts';
import { REPO_DIR, runCli } from '../support/run-lab.ts';

const scratch = mkdtempSync(join(tmpdir(), 'xl-vm-exercise-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function checkInVm(args: string[]): Promise<ExerciseReport> {
  const result = await runCli(['check', ...args, '--target', 'vagrant', '--json'], { env: { XDG_STATE_HOME: join(scratch, 'state') } });
  try {
    return JSON.parse(result.stdout) as ExerciseReport;
  } catch {
    throw new Error(`no JSON from check in the VM (exit ${result.exitCode}):\n${result.stdout}\n${result.stderr}`);
  }
}

test('frame-length: the solution passes every stage in the VM, the live one included', async () => {
  const report = await checkInVm(['frame-length', '--solution']);
  expect(report.checks.filter((c) => !c.ok)).toEqual([]);
  expect(report).toMatchObject({ status: 'pass', target: 'vagrant' });
  expect(report.stages.map((s) => s.status)).toEqual(['pass', 'pass', 'pass', 'pass']);
});

test('bounds-check: the starter is refused by the VM kernel\'s verifier, explained with the learner\'s line', async () => {
  const report = await checkInVm(['bounds-check']);
  expect(report.status).toBe('error');
  expect(report.verifier?.class).toBe('packet-bounds');
  expect(report.verifier?.source?.file).toBe('bpf/exercises/bounds-check.c');
});

test('a file saved on the host is what the VM judges: the starter fails, the same path holding the solution passes', async () => {
  const file = join(scratch, 'mine.c');
  writeFileSync(file, readFileSync(join(REPO_DIR, 'bpf/exercises/frame-length.c'), 'utf8'));
  expect((await checkInVm(['frame-length', '--file', file])).status).toBe('fail');
  writeFileSync(file, readFileSync(join(REPO_DIR, 'bpf/solutions/frame-length.c'), 'utf8'));
  expect((await checkInVm(['frame-length', '--file', file])).status).toBe('pass');
});
