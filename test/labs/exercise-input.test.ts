// Bad input to the exercise commands, each a test: a clear message that says
// what to do, the right exit code, and nothing left behind. Then the loop a
// learner lives in: watch mode re-checks on save, Ctrl-C in any stage cleans
// up, the progress file survives corruption, hints and the solution open in order.
import { execa } from 'execa';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { checkJson } from '../support/exercises.ts';
import { pathWithout } from '../support/path-without.ts';
import { CLI, ourNamespaces, REPO_DIR, runCli } from '../support/run-lab.ts';

const scratch = mkdtempSync(join(tmpdir(), 'xl-exercise-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const SOLUTION = join(REPO_DIR, 'bpf', 'solutions', 'frame-length.c');
const STARTER = join(REPO_DIR, 'bpf', 'exercises', 'frame-length.c');

function file(name: string, text: string): string {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}

async function noLeftovers(): Promise<void> {
  expect((await ourNamespaces()).filter((ns) => ns.startsWith('xl-frame-length-'))).toEqual([]);
}

describe('the command line', () => {
  test('an unknown exercise exits 2 and names the closest ones', async () => {
    const result = await runCli(['check', 'frame-lenght']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('no exercise named "frame-lenght"');
    expect(result.stderr).toContain('Did you mean: frame-length');
  });
  test('check without an exercise exits 2 and shows an example', async () => {
    const result = await runCli(['check']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('npm run lab -- check frame-length');
  });
  test('hint, solution and reset of an unknown exercise exit 2 too', async () => {
    for (const verb of ['hint', 'solution', 'reset']) expect((await runCli([verb, 'nope'])).exitCode).toBe(2);
  });
});

describe('files that are not a program to check', () => {
  test('a missing file: error, with how to restore the starter', async () => {
    const report = await checkJson(['frame-length', '--file', join(scratch, 'absent.c')]);
    expect(report.status).toBe('error');
    expect(report.stages[0]).toMatchObject({ id: 'compile', status: 'error' });
    expect(report.stages[0]!.message).toContain('absent.c does not exist');
    expect(report.hint).toContain('npm run lab -- reset');
  });
  test('an empty file', async () => {
    const report = await checkJson(['frame-length', '--file', file('empty.c', '\n\n')]);
    expect(report.status).toBe('error');
    expect(report.stages[0]!.message).toContain('is empty');
  });
  test('no SEC("xdp") function: says where SEC("xdp") goes', async () => {
    const report = await checkJson(['frame-length', '--file', file('nosec.c', '#include <linux/bpf.h>\nint xdp_frame_len(struct xdp_md *ctx) { return 2; }\n')]);
    expect(report.status).toBe('error');
    expect(report.stages.find((s) => s.status === 'error')).toMatchObject({ id: 'load', message: expect.stringContaining('has no XDP program') });
    expect(report.hint).toContain('SEC("xdp") int xdp_frame_len');
  });
  test('a function name the exercise does not expect: says which it found and which it wants', async () => {
    const source = readFileSync(SOLUTION, 'utf8').replace('int xdp_frame_len(', 'int xdp_len(');
    const report = await checkJson(['frame-length', '--file', file('renamed.c', source)]);
    expect(report.status).toBe('error');
    expect(report.stages.find((s) => s.status === 'error')?.message).toBe('the checks run a function named xdp_frame_len, and this file has xdp_len');
  });
  test('an #include that does not exist: clang\'s line, and the headers XDP programs use', async () => {
    const report = await checkJson(['frame-length', '--file', file('include.c', '#include <linux/bpf.h>\n#include <bpf/bpf_helperz.h>\n')]);
    expect(report.status).toBe('error');
    expect(report.stages[0]).toMatchObject({ id: 'compile', status: 'error' });
    expect(report.hint).toContain('There is no header "bpf/bpf_helperz.h" here');
    const human = await runCli(['check', 'frame-length', '--file', join(scratch, 'include.c'), '--target', 'local']);
    expect(human.stdout).toMatch(/include\.c:2:10: fatal error: 'bpf\/bpf_helperz\.h' file not found/);
  });
  test('clang missing: the package to install, with --no-provision', async () => {
    const bin = join(scratch, 'bin');
    mkdirSync(bin, { recursive: true });
    const result = await runCli(['check', 'frame-length', '--target', 'local', '--no-provision'], { env: { PATH: pathWithout(bin, ['clang']) }, extendEnv: false });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('missing tools: clang');
    expect(result.stderr).toContain('apt-get install clang');
  });
});

/** Start the CLI and resolve when its output shows `pattern`. */
function startCli(args: string[], env: Record<string, string> = {}) {
  const child = execa(process.execPath, [...CLI, ...args, '--lang', 'en'], { cwd: REPO_DIR, reject: false, all: true, env: { XDG_STATE_HOME: join(scratch, 'state'), ...env } });
  let text = '';
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  child.all!.on('data', (chunk: Buffer) => {
    text += chunk.toString();
    for (const w of waiters.filter((w) => w.pattern.test(text))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  });
  return {
    child,
    output: () => text,
    seen: (pattern: RegExp): Promise<void> => (pattern.test(text) ? Promise.resolve() : new Promise((resolve) => waiters.push({ pattern, resolve }))),
  };
}

describe('the file changes while it is checked', () => {
  test('the result is for the version saved when the check began, and it says so', async () => {
    const path = file('changing.c', readFileSync(SOLUTION, 'utf8'));
    const run = startCli(['check', 'frame-length', '--file', path, '--target', 'local']);
    await run.seen(/✔ Compile/);
    writeFileSync(path, readFileSync(STARTER, 'utf8'));
    const result = await run.child;
    expect(result.exitCode).toBe(0); // the solution, as saved when the check began, passes
    expect(run.output()).toContain('changed while it was being checked');
    await noLeftovers();
  });
});

describe('Ctrl-C', () => {
  const stages: [string, RegExp, string][] = [
    ['compile', /checking .* \(target: local\)/, SOLUTION],
    ['load', /✔ Compile/, join(REPO_DIR, 'test', 'fixtures', 'verifier', 'too-complex.c')],
    ['live', /✔ Unit/, SOLUTION],
  ];
  for (const [stage, when, source] of stages) {
    test(`in the ${stage} stage: stops, cleans up, leaves nothing behind`, async () => {
      const run = startCli(['check', 'frame-length', '--file', source, '--target', 'local']);
      await run.seen(when);
      run.child.kill('SIGINT');
      const result = await run.child;
      expect(result.exitCode).toBe(1);
      expect(run.output()).toContain('SIGINT: stopping after the current command and cleaning up');
      await noLeftovers();
    });
  }
  test('in watch mode: the watch ends, nothing is left behind', async () => {
    const path = file('watched.c', readFileSync(STARTER, 'utf8'));
    const run = startCli(['check', 'frame-length', '--file', path, '--target', 'local', '--watch']);
    await run.seen(/frame-length: fail/);
    run.child.kill('SIGINT');
    const result = await run.child;
    expect(result.exitCode).toBe(1);
    await noLeftovers();
  });
});

describe('watch mode', () => {
  test('checks again on every save: the starter fails, the saved solution passes', async () => {
    const path = file('watch-me.c', readFileSync(STARTER, 'utf8'));
    const run = startCli(['check', 'frame-length', '--file', path, '--target', 'local', '--watch']);
    await run.seen(/frame-length: fail/);
    copyFileSync(SOLUTION, `${path}.new`);
    // Save the way editors do: a new file renamed over the old one.
    execa('mv', [`${path}.new`, path]);
    await run.seen(/Saved: checking again[\s\S]*frame-length: pass/);
    run.child.kill('SIGINT');
    await run.child;
    await noLeftovers();
  });
});

describe('progress, hints and the solution', () => {
  const state = join(scratch, 'progress-state');
  const env = { XDG_STATE_HOME: state };
  const progressFile = join(state, 'xdp-labs', 'progress.json');

  test('a corrupt progress file is a fresh start, never a crash, and is written anew', async () => {
    mkdirSync(join(state, 'xdp-labs'), { recursive: true });
    writeFileSync(progressFile, '{"version": 1, "exercises": {"frame-length": tru');
    const list = await runCli(['exercises', '--json'], { env });
    expect(list.exitCode).toBe(0);
    const parsed = JSON.parse(list.stdout) as { exercises: { id: string; status: string }[] };
    expect(parsed.exercises.every((e) => e.status === 'not-started')).toBe(true);
    expect(parsed.exercises[0]).toMatchObject({ id: 'frame-length', page: 'exercises/frame-length' });
  });

  test('the solution is locked until the learner passes; hints come one at a time', async () => {
    const locked = await runCli(['solution', 'frame-length'], { env });
    expect(locked.exitCode).toBe(1);
    expect(locked.stderr + locked.stdout).toContain('opens once your program passes');
    const first = await runCli(['hint', 'frame-length'], { env });
    expect(first.stdout).toContain('Hint 1 of 3');
    const second = await runCli(['hint', 'frame-length', '--lang', 'ko'], { env });
    expect(second.stdout).toContain('힌트 3개 중 2번째');
    const third = await runCli(['hint', 'frame-length'], { env });
    expect(third.stdout).toContain('Hint 3 of 3');
    expect(third.stdout).toContain('That was the last hint');
  });

  test('--file and --solution never count as the learner passing', async () => {
    expect((await runCli(['check', 'frame-length', '--solution', '--target', 'local'], { env })).exitCode).toBe(0);
    const list = JSON.parse((await runCli(['exercises', '--json'], { env })).stdout) as { exercises: { id: string; status: string }[] };
    expect(list.exercises.find((e) => e.id === 'frame-length')?.status).toBe('not-started');
    expect(JSON.parse(readFileSync(progressFile, 'utf8'))).toMatchObject({ version: 1 });
  });

  test('with --force the solution shows as a diff against the learner\'s file', async () => {
    const result = await runCli(['solution', 'frame-length', '--force'], { env });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('--- bpf/exercises/frame-length.c');
    expect(result.stdout).toContain('+++ bpf/solutions/frame-length.c');
    expect(result.stdout).toMatch(/^\+\s+if \(len < MIN_LEN \|\| len > MAX_LEN\)/m);
  });

  test('reset without a terminal and without --yes refuses, and changes nothing', async () => {
    const before = readFileSync(STARTER, 'utf8');
    const result = await runCli(['reset', 'frame-length'], { env });
    expect(result.exitCode).toBe(1);
    expect(result.stderr + result.stdout).toContain('Add --yes');
    expect(readFileSync(STARTER, 'utf8')).toBe(before);
  });
});
