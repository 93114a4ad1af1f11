// Exercise tests run the real `check` command on real files: the starter must
// fail the way its exercise is about, the reference solution must pass, and
// every fixture in test/fixtures/exercises/<id>/ must get the verdict its first
// line announces:
//
//   // expect: pass                              a correct program written differently
//   // expect: fail <check-id> [<check-id> …]    a plausible mistake, caught by exactly these checks
//   // expect: error <stage> [<verifier class>]  refused at compile or load (with the verifier's class)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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

/** The whole contract of one exercise, as one describe block. */
export function describeExercise(id: string, starter: Expectation): void {
  const dir = join(REPO_DIR, 'test', 'fixtures', 'exercises', id);
  const fixtures = readdirSync(dir).filter((f) => f.endsWith('.c')).sort();
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
        assertMatches(await checkJson([id, '--file', path]), parseExpectation(readFileSync(path, 'utf8'), fixture));
      });
    }
  });
}
