// The runner's own words in each language the site is written in; a lab's
// titles, steps and checks come from its declaration.
import type { Locale } from '../lib/locale.ts';

export interface Phrases {
  heading(lab: string, title: string, target: string, runId: string): string;
  checks: string;
  cleanUp: string;
  expected: string;
  observed: string;
  frame: string;
  summary(lab: string, passed: number, total: number, seconds: string): string;
  readMore: string;
  skipped: string;
  skippedCount(n: number): string;
  unexpected(detail: string): string;
}

export const PHRASES: Record<Locale, Phrases> = {
  en: {
    heading: (lab, title, target, runId) => `${lab} — ${title}  (target: ${target}, run ${runId})`,
    checks: 'Checks',
    cleanUp: 'Clean up',
    expected: 'expected',
    observed: 'observed',
    frame: 'frame',
    summary: (lab, passed, total, seconds) => `${lab}: ${passed} of ${total} checks passed in ${seconds} s`,
    readMore: 'Read about what this lab shows:',
    skipped: 'Skipped on this kernel',
    skippedCount: (n) => `${n} skipped`,
    unexpected: (detail) => `unexpected error: ${detail}`,
  },
  ko: {
    heading: (lab, title, target, runId) => `${lab} — ${title}  (대상: ${target}, 실행 ${runId})`,
    checks: '확인 항목',
    cleanUp: '정리',
    expected: '기대값',
    observed: '관측값',
    frame: '프레임',
    summary: (lab, passed, total, seconds) => `${lab}: 확인 ${total}개 중 ${passed}개 통과 (${seconds}초)`,
    readMore: '이 실습이 보여 주는 내용:',
    skipped: '이 커널에서는 건너뜀',
    skippedCount: (n) => `${n}개 건너뜀`,
    unexpected: (detail) => `예상하지 못한 오류: ${detail}`,
  },
};
