// Exercise tests run the real `check` command on real files: the starter must
// fail the way its exercise is about, the reference solution must pass, and
// every fixture in test/fixtures/exercises/<id>/ must get the verdict its first
// line announces:
//
//   // expect: pass                              a correct program written differently
//   // expect: fail <check-id> [<check-id> …]    a plausible mistake, caught by exactly these checks
//   // expect: error <stage> [<verifier class>]  refused at compile or load (with the verifier's class)
//
// A fixture is either a whole program, <name>.c, or, when it is the reference
// solution with one mistake, <name>.patch: a unified diff (`diff -u`, `git diff`)
// of bpf/solutions/<id>.c, so it does not repeat the solution and follows it when
// it changes. A patch's expectation line, and a comment saying what the mistake
// is, come before its `---` header (patch skips the text before it); a second
// line `// base: <path from the repository>` makes another file its base (a lab's
// program copied by a learner). The test applies it with GNU patch, exactly (no
// fuzz), to a copy in a temporary directory, checks that copy and removes it; a
// patch that no longer applies fails its test: re-make it against its base.
import { execa } from 'execa';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { ExerciseReport } from '../../labs/exercises/check.ts';
import { ourNamespaces, REPO_DIR, runCli } from './run-lab.ts';

export interface Expectation {
  status: 'pass' | 'fail' | 'error';
  /** fail: the checks that must fail (and no others); error: the stage, then the verifier class. */
  details: string[];
}

export function parseExpectation(source: string, file: string): Expectation {
  const match = /^\/\/ expect: (pass|fail|error)\b(.*)$/m.exec(source.split('\n')[0] ?? '');
  if (!match) throw new Error(`${file} must start with "// expect: pass|fail <checks>|error <stage> [class]"`);
  return { status: match[1] as Expectation['status'], details: match[2]!.trim().split(/\s+/).filter(Boolean) };
}

export async function checkJson(args: string[]): Promise<ExerciseReport> {
  const result = await runCli(['check', ...args, '--target', 'local', '--json'], { env: { XDG_STATE_HOME: join(REPO_DIR, 'build', 'test-state') } });
  try {
    return JSON.parse(result.stdout) as ExerciseReport;
  } catch {
    throw new Error(`check ${args.join(' ')} printed no JSON (exit ${result.exitCode}).\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`);
  }
}

export function assertMatches(report: ExerciseReport, expectation: Expectation): void {
  const failing = report.checks.filter((c) => !c.ok).map((c) => c.id);
  const context = JSON.stringify({ status: report.status, stages: report.stages, failing: report.checks.filter((c) => !c.ok) }, null, 2);
  expect(report.status, context).toBe(expectation.status);
  if (expectation.status === 'pass') expect(failing, context).toEqual([]);
  if (expectation.status === 'fail') expect(failing.sort(), context).toEqual([...expectation.details].sort());
  if (expectation.status === 'error') {
    const [stage, verifierClass] = expectation.details;
    expect(report.stages.find((s) => s.status === 'error')?.id, context).toBe(stage);
    if (verifierClass) expect(report.verifier?.class, context).toBe(verifierClass);
  }
}

/** The fixtures of an exercise, whole programs (.c) and patches of its solution (.patch), by name. */
export function exerciseFixtures(id: string): string[] {
  return readdirSync(fixtureDir(id))
    .filter((f) => f.endsWith('.c') || f.endsWith('.patch'))
    .sort();
}

export function fixtureDir(id: string): string {
  return join(REPO_DIR, 'test', 'fixtures', 'exercises', id);
}

/** What a patch fixture applies to, from the repository: its `// base:` line, or the exercise's solution. */
export function patchBase(id: string, source: string): string {
  return /^\/\/ base: (\S+)\s*$/.exec(source.split('\n')[1] ?? '')?.[1] ?? `bpf/solutions/${id}.c`;
}

/**
 * Runs `use` on the program a fixture (its path) stands for: a .c as it is, a
 * .patch applied to a copy of its base in a temporary directory, removed afterwards.
 */
export async function withFixtureProgram<T>(id: string, path: string, use: (file: string) => Promise<T>): Promise<T> {
  if (!path.endsWith('.patch')) return use(path);
  const base = patchBase(id, readFileSync(path, 'utf8'));
  const dir = mkdtempSync(join(tmpdir(), `xdp-labs-fixture-${id}-`));
  try {
    const file = join(dir, `${basename(path, '.patch')}.c`);
    // --forward: a patch that looks reversed is refused, not applied backwards; --fuzz=0: only where it was made.
    const options = ['--batch', '--forward', '--fuzz=0', '--no-backup-if-mismatch', '--reject-file=-', '--silent'];
    const result = await execa('patch', [...options, '--output', file, '--input', path, join(REPO_DIR, base)], { reject: false, all: true });
    if (result.exitCode !== 0) {
      const why = result.exitCode === undefined ? 'GNU patch did not run: is it installed? (labs/provision/test-packages.txt)' : String(result.all ?? '').trim();
      const shown = relative(REPO_DIR, path).startsWith('..') ? path : relative(REPO_DIR, path);
      throw new Error(`${shown} does not apply to ${base}: re-make the patch against ${base}.\n${why}`);
    }
    return await use(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The whole contract of one exercise, as one describe block. */
export function describeExercise(id: string, starter: Expectation): void {
  const dir = fixtureDir(id);
  const fixtures = exerciseFixtures(id);
  describe(`exercise ${id}`, () => {
    test('the starter does not pass, and fails the way the exercise is about', async () => {
      assertMatches(await checkJson([id]), starter);
    });
    test('the reference solution passes every check, and nothing is left behind', async () => {
      const report = await checkJson([id, '--solution']);
      assertMatches(report, { status: 'pass', details: [] });
      expect(report.checks.length).toBeGreaterThan(0);
      expect((await ourNamespaces()).filter((ns) => ns.startsWith(`xl-${id}-`))).toEqual([]);
    });
    test('there are at least two plausible wrong programs and one correct program written differently', () => {
      const expectations = fixtures.map((f) => parseExpectation(readFileSync(join(dir, f), 'utf8'), f));
      expect(expectations.filter((e) => e.status !== 'pass').length).toBeGreaterThanOrEqual(2);
      expect(expectations.filter((e) => e.status === 'pass').length).toBeGreaterThanOrEqual(1);
    });
    for (const fixture of fixtures) {
      const path = join(dir, fixture);
      test(`${fixture}: ${parseExpectation(readFileSync(path, 'utf8'), fixture).status}`, async () => {
        const report = await withFixtureProgram(id, path, (file) => checkJson([id, '--file', file]));
        assertMatches(report, parseExpectation(readFileSync(path, 'utf8'), fixture));
      });
    }
  });
}
