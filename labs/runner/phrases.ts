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
  /** A check skipped on this kernel: what it needed, and what it observed. */
  skipExpected: string;
  skippedObserved(reason: string): string;
  /** A check the lab never reached. */
  notObservedExpected: string;
  notObserved: string;
  cleanupFailed(label: string, error: string): string;
  someCleanupFailed: string;
  /** --keep: how to step into the namespaces left up, and how to remove them. */
  kept(enter: string): string;
  /** The command line's own words (npm run lab, --all, provision). */
  cli: {
    list: string;
    listLine(page: string, targets: string): string;
    offTarget(lab: string, target: string, declared: string): string;
    summary: string;
    notOnTarget(target: string): string;
    totals(passed: number, failed: number, skipped: number): string;
    provisioned: string;
    /** After a lab's line in the --all summary: why it skipped. */
    skipNote(reason: string): string;
    /** Ctrl-C (or SIGTERM): the first one stops after the current command and cleans up, a second one leaves at once. */
    stopping(signal: string): string;
    stoppingNow(signal: string): string;
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
    skipExpected: 'a kernel that has what this check needs',
    skippedObserved: (reason) => `skipped: ${reason}`,
    notObservedExpected: 'an observation',
    notObserved: 'not observed: the lab stopped before this check',
    cleanupFailed: (label, error) => `could not ${label}: ${error}`,
    someCleanupFailed: 'Some cleanup failed; `npm run lab -- clean` removes whatever is left.',
    kept: (enter) => `\nThe lab's network is still up (--keep). Step into a namespace with:\n${enter}\nRemove everything with:  npm run lab -- clean`,
    cli: {
      list: 'Labs (run one with: npm run lab <name>)\n',
      listLine: (page, targets) => `page: ${page}   targets: ${targets}`,
      offTarget: (lab, target, declared) => `${lab} does not run on the ${target} target (its declaration lists ${declared}); skipped.`,
      summary: 'Summary',
      notOnTarget: (target) => `not on the ${target} target`,
      totals: (passed, failed, skipped) => `passed ${passed}, failed ${failed}, skipped ${skipped}`,
      provisioned: 'Every tool the labs need is installed.',
      skipNote: (reason) => `(skip: ${reason})`,
      stopping: (signal) => `${signal}: stopping after the current command and cleaning up (press Ctrl-C again to force).`,
      stoppingNow: (signal) => `${signal} again: exiting without finishing cleanup. Run \`npm run lab -- clean\`.`,
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
    skipExpected: '이 확인 항목에 필요한 기능이 있는 커널',
    skippedObserved: (reason) => `건너뜀: ${reason}`,
    notObservedExpected: '관측 결과',
    notObserved: '관측하지 못함: 이 확인 항목에 이르기 전에 실습이 멈췄습니다',
    cleanupFailed: (label, error) => `정리하지 못함 (${label}): ${error}`,
    someCleanupFailed: '일부 정리에 실패했습니다. 남은 것은 `npm run lab -- clean`으로 지울 수 있습니다.',
    kept: (enter) => `\n실습 네트워크를 그대로 두었습니다 (--keep). 네임스페이스에 들어가려면:\n${enter}\n모두 지우려면:  npm run lab -- clean`,
    cli: {
      list: '실습 목록 (실행: npm run lab <이름>)\n',
      listLine: (page, targets) => `페이지: ${page}   실행 환경: ${targets}`,
      offTarget: (lab, target, declared) => `${lab}은(는) ${target} 대상에서 실행되지 않아 건너뜁니다 (선언된 대상: ${declared}).`,
      summary: '요약',
      notOnTarget: (target) => `${target} 대상에서는 실행하지 않음`,
      totals: (passed, failed, skipped) => `통과 ${passed}, 실패 ${failed}, 건너뜀 ${skipped}`,
      provisioned: '실습에 필요한 도구가 모두 설치되어 있습니다.',
      skipNote: (reason) => `(건너뜀: ${reason})`,
      stopping: (signal) => `${signal}: 지금 실행 중인 명령이 끝나면 멈추고 정리합니다 (바로 끝내려면 Ctrl-C를 한 번 더 누르세요).`,
      stoppingNow: (signal) => `${signal}을(를) 다시 받았습니다: 정리를 마치지 않고 끝냅니다. \`npm run lab -- clean\`을 실행하세요.`,
    },
  },
};
