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
  /** The label of the failed command under an error. */
  command: string;
  /** After a step's title, in a log, once it runs long. */
  stillRunning: string;
  summary(lab: string, passed: number, total: number, seconds: string): string;
  readMore: string;
  skipped: string;
  skippedCount(n: number): string;
  unexpected(detail: string): string;
  /** The command line's own words (npm run lab, --all, provision). */
  cli: {
    list: string;
    listLine(page: string, targets: string): string;
    offTarget(lab: string, target: string, declared: string): string;
    summary: string;
    notOnTarget(target: string): string;
    totals(passed: number, failed: number, skipped: number): string;
    provisioned: string;
  };
}

export const PHRASES: Record<Locale, Phrases> = {
  en: {
    heading: (lab, title, target, runId) => `${lab} — ${title}  (target: ${target}, run ${runId})`,
    checks: 'Checks',
    cleanUp: 'Clean up',
    expected: 'expected',
    observed: 'observed',
    frame: 'frame',
    command: 'command',
    stillRunning: 'still running',
    summary: (lab, passed, total, seconds) => `${lab}: ${passed} of ${total} checks passed in ${seconds} s`,
    readMore: 'Read about what this lab shows:',
    skipped: 'Skipped on this kernel',
    skippedCount: (n) => `${n} skipped`,
    unexpected: (detail) => `unexpected error: ${detail}`,
    cli: {
      list: 'Labs (run one with: npm run lab <name>)\n',
      listLine: (page, targets) => `page: ${page}   targets: ${targets}`,
      offTarget: (lab, target, declared) => `${lab} does not run on the ${target} target (its declaration lists ${declared}); skipped.`,
      summary: 'Summary',
      notOnTarget: (target) => `not on the ${target} target`,
      totals: (passed, failed, skipped) => `passed ${passed}, failed ${failed}, skipped ${skipped}`,
      provisioned: 'Every tool the labs need is installed.',
    },
  },
  ko: {
    heading: (lab, title, target, runId) => `${lab} — ${title}  (대상: ${target}, 실행 ${runId})`,
    checks: '확인 항목',
    cleanUp: '정리',
    expected: '기대값',
    observed: '관측값',
    frame: '프레임',
    command: '명령',
    stillRunning: '진행 중',
    summary: (lab, passed, total, seconds) => `${lab}: 확인 ${total}개 중 ${passed}개 통과 (${seconds}초)`,
    readMore: '이 실습이 보여 주는 내용:',
    skipped: '이 커널에서는 건너뜀',
    skippedCount: (n) => `${n}개 건너뜀`,
    unexpected: (detail) => `예상하지 못한 오류: ${detail}`,
    cli: {
      list: '실습 목록 (실행: npm run lab <이름>)\n',
      listLine: (page, targets) => `페이지: ${page}   실행 환경: ${targets}`,
      offTarget: (lab, target, declared) => `${lab}은(는) ${target} 대상에서 실행되지 않아 건너뜁니다 (선언된 대상: ${declared}).`,
      summary: '요약',
      notOnTarget: (target) => `${target} 대상에서는 실행하지 않음`,
      totals: (passed, failed, skipped) => `통과 ${passed}, 실패 ${failed}, 건너뜀 ${skipped}`,
      provisioned: '실습에 필요한 도구가 모두 설치되어 있습니다.',
    },
  },
};
