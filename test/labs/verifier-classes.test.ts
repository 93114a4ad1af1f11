// The verifier explained: each class of refusal, on a program the verifier
// really refuses (test/fixtures/verifier/<class>.c, checked as the learner's
// frame-length file), gets its class, the learner's own line, the verifier's
// reason and a hint, in English and in Korean.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { VERIFIER_CLASSES } from '../../labs/exercises/verifier.ts';
import { checkJson } from '../support/exercises.ts';
import { REPO_DIR, runCli } from '../support/run-lab.ts';

const dir = join(REPO_DIR, 'test', 'fixtures', 'verifier');
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.c'));

describe('verifier refusals', () => {
  test('at least eight classes the explainer knows each have a program here that the verifier really refuses', () => {
    const known = VERIFIER_CLASSES.map((c) => c.id as string);
    expect(fixtures.map((f) => f.replace(/\.c$/, '')).filter((c) => !known.includes(c))).toEqual([]);
    expect(fixtures.length).toBeGreaterThanOrEqual(8);
  });

  for (const fixture of fixtures) {
    const verifierClass = fixture.replace(/\.c$/, '');
    test(`${verifierClass}: refused at load, explained with the learner's line`, { timeout: 240_000 }, async () => {
      const path = join(dir, fixture);
      const report = await checkJson(['frame-length', '--file', path]);
      expect(report.status).toBe('error');
      expect(report.stages.find((s) => s.status === 'error')?.id).toBe('load');
      expect(report.verifier?.class).toBe(verifierClass);
      expect(report.verifier?.reason).not.toBe('');
      expect(report.verifier?.hint).not.toBe('');
      // The line the log names is a line of this very file, and its text is there.
      const source = report.verifier?.source;
      expect(source?.file).toBe(`test/fixtures/verifier/${fixture}`);
      const line = readFileSync(path, 'utf8').split('\n')[source!.line - 1]!;
      expect(line.trim()).toContain(source!.text.slice(0, 20));
    });
  }

  test('the explanation follows --lang ko', async () => {
    const result = await runCli(['check', 'frame-length', '--file', join(dir, 'null-check.c'), '--target', 'local', '--lang', 'ko'], {
      env: { XDG_STATE_HOME: join(REPO_DIR, 'build', 'test-state') },
    });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('검증기가 프로그램을 거부했습니다: NULL 검사 없이 쓴 맵 조회 결과');
    expect(result.stdout).toMatch(/여러분의 코드, .*null-check\.c:17/);
    expect(result.stdout).toContain('bpf_map_lookup_elem()은 키가 맵에 없으면 NULL을 돌려줍니다');
  });
});
