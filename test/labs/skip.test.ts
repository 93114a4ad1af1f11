// Skip is a status: checks a kernel cannot run are reported apart, nothing fails,
// and cleanup runs as after any other outcome.
import { describe, expect, test } from 'vitest';
import { runLab } from '../../labs/runner/run-lab.ts';
import { createLocalTarget } from '../../labs/targets/local.ts';
import { skippingLab } from '../fixtures/labs.ts';
import { capturingReporter } from '../support/capture.ts';
import { ourNamespaces, REPO_DIR } from '../support/run-lab.ts';

const options = { keep: false, locale: 'en' as const, signal: new AbortController().signal, siteUrl: 'http://127.0.0.1:4321' };

describe('a lab that skips', () => {
  test('some checks: the others still run, the status is skip, the reason is shown', async () => {
    const { reporter, text } = capturingReporter();
    const report = await runLab(skippingLab('some'), createLocalTarget(REPO_DIR), reporter, options);
    expect(report.status).toBe('skip');
    expect(report.ok).toBe(true);
    expect(report.skipReason).toBe('this kernel has no frobnicator');
    // The records of kernel runs keep the reason in every language, whatever --lang was.
    expect(report.skipReasonText).toEqual({ en: 'this kernel has no frobnicator', ko: '이 커널에는 frobnicator가 없습니다' });
    expect(report.checks.map((c) => [c.id, c.ok, c.skip ?? null])).toEqual([
      ['first', true, null],
      ['second', true, 'this kernel has no frobnicator'],
      ['third', true, null],
    ]);
    expect(text()).toContain('SKIP second');
    expect(await ourNamespaces()).not.toContainEqual(expect.stringContaining(`-${report.runId}-`));
  });

  test('the rest: the lab stops there, in Korean too, and cleans up', async () => {
    const { reporter, text } = capturingReporter();
    const report = await runLab(skippingLab('rest'), createLocalTarget(REPO_DIR), reporter, { ...options, locale: 'ko' });
    expect(report.status).toBe('skip');
    expect(report.checks.find((c) => c.id === 'third')?.skip).toBe('이 커널에는 frobnicator가 없습니다');
    expect(report.skipReason).toBe('이 커널에는 frobnicator가 없습니다');
    expect(report.skipReasonText?.en).toBe('this kernel has no frobnicator');
    expect(report.error).toBeUndefined();
    expect(text()).toContain('이 커널에서는 건너뜀');
    expect(await ourNamespaces()).not.toContainEqual(expect.stringContaining(`-${report.runId}-`));
  });
});
