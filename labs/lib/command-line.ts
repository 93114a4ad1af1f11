// Commands as a learner would read or type them, and the one answer to "is this
// one of the runner's namespaces?". Both targets and the VM package use these,
// so none of them imports another just to quote a word.
import { LabError } from './errors.ts';
import type { Text } from './locale.ts';

/** How a command that a target ran went wrong, in the same words on every target. */
export const COMMAND_FAILED = {
  notInstalled: (tool: string): Text => ({ en: `${tool} is not installed`, ko: `${tool}이(가) 설치되어 있지 않습니다` }),
  timedOut: (seconds: number): Text => ({ en: `timed out after ${seconds} s`, ko: `${seconds}초 안에 끝나지 않았습니다` }),
  exitCode: (code: number): Text => ({ en: `command failed with exit code ${code}`, ko: `명령이 종료 코드 ${code}로 실패했습니다` }),
  doesNotCompile: (source: string): Text => ({ en: `${source} does not compile`, ko: `${source}을(를) 컴파일할 수 없습니다` }),
  notMounted: (fs: string): Text => ({ en: `${fs} is not mounted and could not be mounted`, ko: `${fs}가 마운트되어 있지 않고 마운트할 수도 없습니다` }),
  mountByHand: (command: string): Text => ({ en: `Mount it with: ${command}`, ko: `직접 마운트하세요: ${command}` }),
};

/** Quote one word for a POSIX shell, leaving plain words as they are. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** An argv as a learner would type it. */
export function displayCommand(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}

/** Namespace names: xl-<lab>-<run>-<role>. The xl- prefix and the run id keep them apart from the user's and each other's. */
export function netnsName(lab: string, runId: string, role: string): string {
  return `xl-${lab}-${runId}-${role}`;
}

const LAB_NETNS = /^xl-[a-z0-9-]+-([0-9a-f]{4})-[a-z0-9]+$/;

/** Is this one of the runner's own namespaces (of any run)? */
export function isLabNetns(name: string): boolean {
  return LAB_NETNS.test(name);
}

/** The run a lab namespace belongs to, or undefined for any other name. */
export function runOfNetns(name: string): string | undefined {
  return LAB_NETNS.exec(name)?.[1];
}

/** The argv prefix that runs a command inside one of the runner's namespaces; refuses any other. */
export function nsenterPrefix(netns: string | undefined): string[] {
  if (!netns) return [];
  if (!isLabNetns(netns)) {
    throw new LabError({
      en: `refusing to run in namespace "${netns}": labs only act inside their own xl-… namespaces`,
      ko: `네임스페이스 "${netns}" 안에서는 실행하지 않습니다: 실습은 자기 xl-… 네임스페이스 안에서만 동작합니다`,
    });
  }
  return ['nsenter', `--net=/run/netns/${netns}`, '--'];
}
