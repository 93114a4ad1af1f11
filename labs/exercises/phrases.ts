// Every word the exercise flow says, in each language of the site: stages,
// results, errors with what to do, hints and the solution's framing. An
// exercise's own title, task, checks and hints come from its declaration.
import type { Locale } from '../lib/locale.ts';

export type StageId = 'compile' | 'load' | 'unit' | 'live';
export type StageStatus = 'pass' | 'fail' | 'error' | 'skip' | 'not-run';

export interface ExercisePhrases {
  stage: Record<StageId, string>;
  /** The stage's name inside a sentence. */
  stageName: Record<StageId, string>;
  heading(id: string, title: string, file: string, target: string): string;
  status: Record<'pass' | 'fail' | 'error' | 'skip', string>;
  summary(id: string, status: string, passed: number, total: number, seconds: string): string;
  notReached(count: number, stage: string): string;
  expected: string;
  observed: string;
  frame: string;
  missingFile(file: string): { message: string; hint: string };
  emptyFile(file: string): { message: string; hint: string };
  compileFailed(file: string): { message: string; hint: string };
  missingInclude(header: string): string;
  noXdpProgram(file: string, expected: string): { message: string; hint: string };
  wrongName(found: string[], expected: string): { message: string; hint: string };
  verifierRefused: string;
  yourLine(file: string, line: number): string;
  verifierSays: string;
  kernelRefusedOther(errno: number): string;
  /** libbpf could not open the object and said nothing itself. */
  openFailed(errno: number): string;
  changedWhileChecking(file: string): string;
  skipped(reason: string): string;
  unknownExercise(id: string): { message: string; hint: string };
  readMore: string;
  nextStep: { pass(next: string | undefined): string; fail(id: string): string };
  watching(file: string): string;
  watchAgain: string;
  hintHeading(n: number, total: number): string;
  lastHint: string;
  solutionLocked(id: string): { message: string; hint: string };
  solutionHeading(id: string): string;
  resetAsk(file: string): string;
  resetDone(file: string, backup: string | undefined): string;
  resetKept: string;
  resetNeedsAnswer: { message: string; hint: string };
  listHeading: string;
  progress: { 'not-started': string; failing: string; passed(date: string): string };
  byteDiff(field: string, offset: number, expected: string, observed: string): string;
  lengthDiff(expected: number, observed: number): string;
  mapEntry(name: string, value: number | string): string;
  noMap(map: string): string;
  noEntry(name: string): string;
  moreFrames(n: number): string;
  unitFailed(failed: number, total: number): string;
  didYouMean: string;
  summaryHeading: string;
  allCounts(passed: number, failed: number, errors: number, skipped: number): string;
  outputAsExpected: string;
  frameNotRun: string;
  testRunFailed(errno: number): string;
  toolStopped(exitCode: number): string;
}

export const EXERCISE_PHRASES: Record<Locale, ExercisePhrases> = {
  en: {
    stage: { compile: 'Compile', load: 'Load (the verifier)', unit: 'Unit: crafted frames through BPF_PROG_TEST_RUN', live: 'Live: real traffic' },
    stageName: { compile: 'compile', load: 'load', unit: 'unit', live: 'live' },
    heading: (id, title, file, target) => `${id} — ${title}\n  checking ${file} (target: ${target})`,
    status: { pass: 'pass', fail: 'fail', error: 'error', skip: 'skip' },
    summary: (id, status, passed, total, seconds) => `${id}: ${status} — ${passed} of ${total} checks passed in ${seconds} s`,
    notReached: (count, stage) => `${count} more check${count === 1 ? '' : 's'} not reached: the ${stage} stage did not pass.`,
    expected: 'expected',
    observed: 'observed',
    frame: 'frame',
    missingFile: (file) => ({ message: `${file} does not exist`, hint: `Restore the starter with: npm run lab -- reset ${file.replace(/^.*\//, '').replace(/\.c$/, '')}` }),
    emptyFile: (file) => ({ message: `${file} is empty`, hint: 'Write your program in it, or restore the starter with `npm run lab -- reset <exercise>`.' }),
    compileFailed: (file) => ({ message: `${file} does not compile`, hint: "clang's message above names the line. Fix it, save, and check again." }),
    missingInclude: (header) => `There is no header "${header}" here. XDP programs include <linux/bpf.h>, <bpf/bpf_helpers.h>, <bpf/bpf_endian.h> and kernel UAPI headers such as <linux/if_ether.h>, <linux/ip.h>, <linux/ipv6.h>, <linux/udp.h>, <linux/tcp.h>.`,
    noXdpProgram: (file, expected) => ({
      message: `${file} has no XDP program`,
      hint: `Put SEC("xdp") on the line above your function: SEC("xdp") int ${expected}(struct xdp_md *ctx) { … }`,
    }),
    wrongName: (found, expected) => ({
      message: `the checks run a function named ${expected}, and this file has ${found.join(', ')}`,
      hint: `Name your SEC("xdp") function ${expected} (the starter's name): the checks look it up by name.`,
    }),
    verifierRefused: 'The verifier refused the program',
    yourLine: (file, line) => `your code, ${file}:${line}`,
    verifierSays: 'the verifier says',
    kernelRefusedOther: (errno) => `The kernel refused the program (errno ${errno}) without a verifier log.`,
    openFailed: (errno) => `libbpf could not open the object (errno ${errno})`,
    changedWhileChecking: (file) => `${file} changed while it was being checked: this result is for the version saved when the check began. Check again to judge the new one.`,
    skipped: (reason) => `Skipped on this kernel: ${reason}`,
    unknownExercise: (id) => ({ message: `no exercise named "${id}"`, hint: 'Run `npm run lab -- exercises` to list them.' }),
    readMore: 'Read the exercise again:',
    nextStep: {
      pass: (next) => (next ? `Next: npm run lab -- check ${next}` : 'That was the last exercise. Well done.'),
      fail: (id) => `Stuck? npm run lab -- hint ${id}`,
    },
    watching: (file) => `Watching ${file}: every save checks it again. Ctrl-C stops.`,
    watchAgain: 'Saved: checking again',
    hintHeading: (n, total) => `Hint ${n} of ${total}`,
    lastHint: 'That was the last hint. `npm run lab -- solution <exercise> --force` shows the reference solution.',
    solutionLocked: (id) => ({
      message: `the solution of ${id} opens once your program passes`,
      hint: `Check it with \`npm run lab -- check ${id}\`, ask for a hint with \`npm run lab -- hint ${id}\`, or see it anyway with \`npm run lab -- solution ${id} --force\`.`,
    }),
    solutionHeading: (id) => `The reference solution of ${id}, as a diff against your file (- yours, + the reference):`,
    resetAsk: (file) => `Replace ${file} with the starter? Your version is kept as a backup. [y/N] `,
    resetDone: (file, backup) => `${file} is the starter again.${backup ? ` Your version is in ${backup}.` : ''}`,
    resetKept: 'Nothing changed.',
    resetNeedsAnswer: { message: 'reset asks before it replaces your file, and there is no terminal to ask on', hint: 'Add --yes to replace it without asking.' },
    listHeading: 'Exercises, in order (check one with: npm run lab -- check <exercise>)',
    progress: { 'not-started': 'not started', failing: 'failing', passed: (date) => `passed ${date}` },
    byteDiff: (field, offset, expected, observed) => `${field} (byte ${offset}) is ${observed}, expected ${expected}`,
    lengthDiff: (expected, observed) => `the frame is ${observed} bytes, expected ${expected}`,
    mapEntry: (name, value) => `${name} = ${value}`,
    noMap: (map) => `no map named ${map} in the program`,
    noEntry: (name) => `${name}: no entry`,
    moreFrames: (n) => `(and ${n} more frame${n === 1 ? '' : 's'} of this check)`,
    unitFailed: (failed, total) => `${failed} of ${total} unit checks failed`,
    didYouMean: 'Did you mean',
    summaryHeading: 'Summary',
    allCounts: (passed, failed, errors, skipped) => `passed ${passed}, failed ${failed}, errors ${errors}, skipped ${skipped}`,
    outputAsExpected: 'output frame as expected',
    frameNotRun: 'not run',
    testRunFailed: (errno) => `BPF_PROG_TEST_RUN failed (errno ${errno})`,
    toolStopped: (exitCode) => `the unit tool stopped before loading the program (exit ${exitCode})`,
  },
  ko: {
    stage: { compile: '컴파일', load: '로드(검증기)', unit: '단위 시험: 직접 만든 프레임을 BPF_PROG_TEST_RUN으로 실행', live: '실제 트래픽' },
    stageName: { compile: '컴파일', load: '로드', unit: '단위 시험', live: '실제 트래픽' },
    heading: (id, title, file, target) => `${id} — ${title}\n  ${file} 검사 중 (대상: ${target})`,
    status: { pass: '통과', fail: '실패', error: '오류', skip: '건너뜀' },
    summary: (id, status, passed, total, seconds) => `${id}: ${status} — 확인 ${total}개 중 ${passed}개 통과 (${seconds}초)`,
    notReached: (count, stage) => `확인 ${count}개는 실행하지 못했습니다. ${stage} 단계를 통과하지 못했습니다.`,
    expected: '기대값',
    observed: '관측값',
    frame: '프레임',
    missingFile: (file) => ({ message: `${file} 파일이 없습니다`, hint: `시작 코드를 되살리려면: npm run lab -- reset ${file.replace(/^.*\//, '').replace(/\.c$/, '')}` }),
    emptyFile: (file) => ({ message: `${file} 파일이 비어 있습니다`, hint: '여기에 프로그램을 작성하거나 `npm run lab -- reset <연습문제>`로 시작 코드를 되살리세요.' }),
    compileFailed: (file) => ({ message: `${file}을(를) 컴파일할 수 없습니다`, hint: 'clang 메시지가 문제의 줄을 알려 줍니다. 고쳐서 저장한 뒤 다시 검사하세요.' }),
    missingInclude: (header) => `"${header}" 헤더는 여기에 없습니다. XDP 프로그램은 <linux/bpf.h>, <bpf/bpf_helpers.h>, <bpf/bpf_endian.h>와 <linux/if_ether.h>, <linux/ip.h>, <linux/ipv6.h>, <linux/udp.h>, <linux/tcp.h> 같은 커널 UAPI 헤더를 씁니다.`,
    noXdpProgram: (file, expected) => ({
      message: `${file}에 XDP 프로그램이 없습니다`,
      hint: `함수 바로 윗줄에 SEC("xdp")를 붙이세요: SEC("xdp") int ${expected}(struct xdp_md *ctx) { … }`,
    }),
    wrongName: (found, expected) => ({
      message: `확인 항목은 ${expected}라는 함수를 실행하는데, 이 파일에는 ${found.join(', ')}만 있습니다`,
      hint: `SEC("xdp") 함수 이름을 시작 코드와 같은 ${expected}로 하세요. 확인 항목이 이 이름으로 함수를 찾습니다.`,
    }),
    verifierRefused: '검증기가 프로그램을 거부했습니다',
    yourLine: (file, line) => `여러분의 코드, ${file}:${line}`,
    verifierSays: '검증기 메시지',
    kernelRefusedOther: (errno) => `커널이 검증기 로그 없이 프로그램을 거부했습니다(errno ${errno}).`,
    openFailed: (errno) => `libbpf가 오브젝트 파일을 열지 못했습니다(errno ${errno})`,
    changedWhileChecking: (file) => `검사하는 동안 ${file}이(가) 바뀌었습니다. 이 결과는 검사를 시작할 때 저장돼 있던 내용에 대한 것입니다. 새 내용을 확인하려면 다시 검사하세요.`,
    skipped: (reason) => `이 커널에서는 건너뜀: ${reason}`,
    unknownExercise: (id) => ({ message: `"${id}"라는 연습문제가 없습니다`, hint: '`npm run lab -- exercises`로 목록을 보세요.' }),
    readMore: '연습문제 설명 다시 읽기:',
    nextStep: {
      pass: (next) => (next ? `다음: npm run lab -- check ${next}` : '마지막 연습문제였습니다. 수고하셨습니다.'),
      fail: (id) => `막혔다면: npm run lab -- hint ${id}`,
    },
    watching: (file) => `${file}을(를) 지켜보는 중입니다. 저장할 때마다 다시 검사합니다. 멈추려면 Ctrl-C.`,
    watchAgain: '저장됨: 다시 검사합니다',
    hintHeading: (n, total) => `힌트 ${total}개 중 ${n}번째`,
    lastHint: '마지막 힌트였습니다. `npm run lab -- solution <연습문제> --force`로 참고 답안을 볼 수 있습니다.',
    solutionLocked: (id) => ({
      message: `${id}의 답안은 여러분의 프로그램이 통과한 뒤에 열립니다`,
      hint: `\`npm run lab -- check ${id}\`로 검사하거나, \`npm run lab -- hint ${id}\`로 힌트를 보거나, 그래도 보려면 \`npm run lab -- solution ${id} --force\`를 쓰세요.`,
    }),
    solutionHeading: (id) => `${id}의 참고 답안을 여러분의 파일과 비교한 diff입니다(- 여러분 코드, + 참고 답안):`,
    resetAsk: (file) => `${file}을(를) 시작 코드로 되돌릴까요? 지금 내용은 백업으로 남깁니다. [y/N] `,
    resetDone: (file, backup) => `${file}이(가) 시작 코드로 돌아갔습니다.${backup ? ` 이전 내용은 ${backup}에 있습니다.` : ''}`,
    resetKept: '아무것도 바꾸지 않았습니다.',
    resetNeedsAnswer: { message: 'reset은 파일을 바꾸기 전에 물어보는데, 물어볼 터미널이 없습니다', hint: '묻지 않고 바꾸려면 --yes를 붙이세요.' },
    listHeading: '연습문제 순서 (검사: npm run lab -- check <연습문제>)',
    progress: { 'not-started': '시작 전', failing: '실패 중', passed: (date) => `${date} 통과` },
    byteDiff: (field, offset, expected, observed) => `${field}(${offset}번째 바이트)가 ${observed}입니다. 기대값은 ${expected}`,
    lengthDiff: (expected, observed) => `프레임이 ${observed}바이트입니다. 기대값은 ${expected}바이트`,
    mapEntry: (name, value) => `${name} = ${value}`,
    noMap: (map) => `프로그램에 ${map}라는 맵이 없습니다`,
    noEntry: (name) => `${name}: 항목 없음`,
    moreFrames: (n) => `(이 확인 항목의 프레임 ${n}개가 더 있습니다)`,
    unitFailed: (failed, total) => `단위 확인 ${total}개 중 ${failed}개 실패`,
    didYouMean: '혹시 이것인가요',
    summaryHeading: '요약',
    allCounts: (passed, failed, errors, skipped) => `통과 ${passed}, 실패 ${failed}, 오류 ${errors}, 건너뜀 ${skipped}`,
    outputAsExpected: '출력 프레임 일치',
    frameNotRun: '실행되지 않음',
    testRunFailed: (errno) => `BPF_PROG_TEST_RUN 실패(errno ${errno})`,
    toolStopped: (exitCode) => `단위 시험 도구가 프로그램을 로드하기 전에 멈췄습니다(종료 코드 ${exitCode})`,
  },
};
