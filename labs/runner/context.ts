// The command line, parsed once into a typed Context that every command reads.
import { parseArgs } from 'node:util';
import { UsageError } from '../lib/errors.ts';
import { LOCALES, isLocale, localeOf, type Locale, type Text } from '../lib/locale.ts';

export type Command =
  | { kind: 'list' }
  | { kind: 'run'; labs: string[] }
  | { kind: 'all' }
  | { kind: 'clean' }
  | { kind: 'status' }
  | { kind: 'provision' }
  | { kind: 'doctor' }
  | { kind: 'vm'; action: 'up' | 'status' | 'ssh' | 'halt' | 'destroy' }
  | { kind: 'help' }
  | { kind: 'check'; exercise: string | undefined; all: boolean; file: string | undefined; solution: boolean; watch: boolean; verbose: boolean }
  | { kind: 'exercises' }
  | { kind: 'hint'; exercise: string }
  | { kind: 'solution'; exercise: string; force: boolean }
  | { kind: 'reset'; exercise: string; yes: boolean };

export interface Context {
  command: Command;
  target: string | undefined;
  json: boolean;
  /** --events: progress as newline-delimited JSON events, ending with the --json document (labs/runner/event-reporter.ts). */
  events: boolean;
  keep: boolean;
  provision: boolean;
  locale: Locale;
}

const VM_ACTIONS = ['up', 'status', 'ssh', 'halt', 'destroy'] as const;

/** `npm run lab -- --help`, in each language. */
export const USAGE: Text = {
  en: `Usage: npm run lab [-- <command or lab> [options]]

  npm run lab                         list every lab
  npm run lab <lab>                   run one lab (for example: npm run lab xdp-drop)
  npm run lab -- <lab> --target T     run it on a chosen target: local or vagrant
  npm run lab -- --all                run every lab (an instructor's preflight)
  npm run lab -- clean                remove whatever an earlier run left behind
  npm run lab -- status               list lab runs and leftovers
  npm run lab -- provision            install the tools the labs need (apt-get, as root)
  npm run lab -- vm up|status|ssh|halt|destroy   manage the workshop VM
  npm run lab -- doctor               check the VM setup step by step

Exercises (you write the XDP program, the runner judges what it does to packets):
  npm run lab -- exercises            the curriculum in order, with your progress
  npm run lab -- check <exercise>     judge bpf/exercises/<exercise>.c: compile, load, unit, live
  npm run lab -- check <exercise> --watch   check again on every save
  npm run lab -- check --all [--solution]   every exercise (the reference solutions with --solution)
  npm run lab -- hint <exercise>      the next hint
  npm run lab -- solution <exercise>  the reference solution as a diff, once yours passes (--force: now)
  npm run lab -- reset <exercise>     restore the starter, keeping a backup of your file (--yes: no question)

Options:
  --target local|vagrant   where to run (default: $XDP_LAB_TARGET, else Vagrant if installed, else local)
  --json                   print one JSON document instead of the human output
  --events                 stream progress as JSON lines, the last one holding the --json document
  --keep                   leave the lab's network up after the checks
  --no-provision           never install missing tools; say what is missing instead
  --lang ${LOCALES.join('|')}             language of the output (default from $LANG)
  --file PATH              (check) judge another file
  --verbose                (check) the verifier's whole excerpt, failing frames as hex`,
  ko: `사용법: npm run lab [-- <명령 또는 실습> [옵션]]

  npm run lab                         모든 실습 목록
  npm run lab <실습>                  실습 하나 실행 (예: npm run lab xdp-drop)
  npm run lab -- <실습> --target T    실행할 대상을 정해 실행: local 또는 vagrant
  npm run lab -- --all                모든 실습 실행 (강사의 사전 점검용)
  npm run lab -- clean                이전 실행이 남긴 것을 정리
  npm run lab -- status               실습 실행과 남은 것 목록
  npm run lab -- provision            실습에 필요한 도구 설치 (apt-get, root 권한)
  npm run lab -- vm up|status|ssh|halt|destroy   워크숍 VM 관리
  npm run lab -- doctor               VM 설정을 단계별로 확인

연습문제 (XDP 프로그램은 직접 작성하고, 러너는 그 프로그램이 패킷에 한 일을 보고 판단합니다):
  npm run lab -- exercises            연습문제 순서와 진행 상황
  npm run lab -- check <연습문제>     bpf/exercises/<연습문제>.c 검사: 컴파일, 로드, 단위 시험, 실제 트래픽
  npm run lab -- check <연습문제> --watch   저장할 때마다 다시 검사
  npm run lab -- check --all [--solution]   모든 연습문제 검사 (--solution이면 참고 답안)
  npm run lab -- hint <연습문제>      다음 힌트
  npm run lab -- solution <연습문제>  통과한 뒤 참고 답안을 diff로 보기 (--force: 지금 바로)
  npm run lab -- reset <연습문제>     시작 코드로 되돌리기, 내 파일은 백업 (--yes: 묻지 않음)

옵션:
  --target local|vagrant   실행할 곳 (기본값: $XDP_LAB_TARGET, 없으면 Vagrant가 설치된 경우 Vagrant, 그 밖에는 local)
  --json                   사람이 읽는 출력 대신 JSON 문서 하나를 출력
  --events                 진행 상황을 JSON 줄로 내보내고, 마지막 줄에 --json 문서를 담음
  --keep                   확인 항목을 마친 뒤에도 실습 네트워크를 남겨 둠
  --no-provision           없는 도구를 설치하지 않고 무엇이 없는지만 알림
  --lang ${LOCALES.join('|')}             출력 언어 (기본값은 $LANG에 따름)
  --file PATH              (check) 다른 파일을 검사
  --verbose                (check) 검증기 발췌 전체, 실패한 프레임은 hex로`,
};

/** The locale to report in before (or when) the command line fails to parse: a valid --lang, else $LANG. */
export function earlyLocale(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Locale {
  const at = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const value = at < 0 ? undefined : argv[at]!.includes('=') ? argv[at]!.split('=')[1] : argv[at + 1];
  return value !== undefined && isLocale(value) ? value : localeOf(env['LANG']);
}

export function parseContext(argv: string[], env: NodeJS.ProcessEnv = process.env): Context {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        target: { type: 'string', short: 't' },
        all: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        events: { type: 'boolean', default: false },
        keep: { type: 'boolean', default: false },
        'no-provision': { type: 'boolean', default: false },
        lang: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        file: { type: 'string' },
        solution: { type: 'boolean', default: false },
        watch: { type: 'boolean', default: false },
        verbose: { type: 'boolean', short: 'v', default: false },
        force: { type: 'boolean', default: false },
        yes: { type: 'boolean', short: 'y', default: false },
      },
    });
  } catch (error) {
    throw optionError(error, 'npm run lab -- --help');
  }
  const { values, positionals } = parsed;
  const lang = values.lang ?? localeOf(env['LANG']);
  if (!isLocale(lang)) {
    throw new UsageError(
      { en: `unknown language "${lang}"`, ko: `알 수 없는 언어 "${lang}"` },
      { en: `Use ${LOCALES.map((l) => `--lang ${l}`).join(' or ')}.`, ko: `${LOCALES.map((l) => `--lang ${l}`).join(' 또는 ')}를 쓰세요.` },
    );
  }
  const locale: Locale = lang;
  const base = { target: values.target, json: values.json || values.events, events: values.events, keep: values.keep, provision: !values['no-provision'], locale };

  if (values.help) return { ...base, command: { kind: 'help' } };
  const exerciseCommand = exerciseCommandOf(positionals, values);
  if (exerciseCommand) return { ...base, command: exerciseCommand };
  if (values.all) {
    if (positionals.length > 0) throw new UsageError({ en: '--all runs every lab; do not name labs with it', ko: '--all은 모든 실습을 실행합니다. 실습 이름을 함께 주지 마세요' });
    return { ...base, command: { kind: 'all' } };
  }
  const [first, ...rest] = positionals;
  switch (first) {
    case undefined:
      return { ...base, command: { kind: 'list' } };
    case 'clean':
    case 'status':
    case 'provision':
    case 'doctor':
      if (rest.length) throw new UsageError(takesNoArguments(first));
      return { ...base, command: { kind: first } };
    case 'vm': {
      const action = rest[0] as (typeof VM_ACTIONS)[number] | undefined;
      if (!action || !VM_ACTIONS.includes(action) || rest.length > 1) {
        throw new UsageError(
          { en: `"vm" needs one of: ${VM_ACTIONS.join(', ')}`, ko: `"vm" 다음에는 ${VM_ACTIONS.join(', ')} 중 하나가 와야 합니다` },
          forExample('npm run lab -- vm up'),
        );
      }
      return { ...base, command: { kind: 'vm', action } };
    }
    default:
      return { ...base, command: { kind: 'run', labs: positionals } };
  }
}

const takesNoArguments = (command: string): Text => ({ en: `"${command}" takes no arguments`, ko: `"${command}"에는 인자를 붙이지 않습니다` });
const needsOneExercise = (command: string): Text => ({ en: `"${command}" needs one exercise`, ko: `"${command}"에는 연습문제를 하나 지정해야 합니다` });
const forExample = (command: string): Text => ({ en: `For example: ${command}`, ko: `예: ${command}` });

/**
 * util.parseArgs refused the command line: its own (English) message, and in
 * the other languages what it found wrong, read from its error code.
 */
export function optionError(error: unknown, help: string): UsageError {
  const message = error instanceof Error ? error.message : String(error);
  // The option as it was typed: "'-t, --target <value>'" names it by its long form.
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
  const option = /--[\w-]+/.exec(quoted)?.[0] ?? quoted;
  const code = (error as { code?: unknown }).code;
  const ko =
    code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
      ? `알 수 없는 옵션 '${option}'`
      : code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && /does not take an argument/.test(message)
        ? `옵션 '${option}'은(는) 값을 받지 않습니다`
        : code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'
          ? `옵션 '${option}'에 값이 없습니다`
          : `명령줄을 읽지 못했습니다: ${message}`;
  return new UsageError({ en: message, ko }, { en: `Run \`${help}\` for the options.`, ko: `옵션은 \`${help}\`로 볼 수 있습니다.` });
}

const EXERCISE_VERBS = ['check', 'exercises', 'hint', 'solution', 'reset'] as const;

/** The exercise commands: `check`, `exercises`, `hint`, `solution`, `reset`. */
function exerciseCommandOf(
  positionals: string[],
  values: { all: boolean; file?: string | undefined; solution: boolean; watch: boolean; verbose: boolean; force: boolean; yes: boolean },
): Command | undefined {
  const [verb, ...rest] = positionals;
  if (!EXERCISE_VERBS.includes(verb as (typeof EXERCISE_VERBS)[number])) return undefined;
  if (verb === 'exercises') {
    if (rest.length) throw new UsageError(takesNoArguments(verb));
    return { kind: 'exercises' };
  }
  if (verb === 'check') {
    if (values.all && rest.length) {
      throw new UsageError({ en: 'check --all checks every exercise; do not name one with it', ko: 'check --all은 모든 연습문제를 검사합니다. 연습문제 이름을 함께 주지 마세요' });
    }
    if (values.all && (values.file || values.watch)) {
      throw new UsageError({ en: '--file and --watch check one exercise; leave out --all', ko: '--file과 --watch는 연습문제 하나를 검사할 때 씁니다. --all을 빼세요' });
    }
    if (!values.all && rest.length !== 1) {
      throw new UsageError(needsOneExercise(verb), {
        en: 'For example: npm run lab -- check frame-length   (npm run lab -- exercises lists them)',
        ko: '예: npm run lab -- check frame-length   (목록은 npm run lab -- exercises)',
      });
    }
    if (values.file && values.solution) {
      throw new UsageError({ en: '--file and --solution both name the file to check; use one', ko: '--file과 --solution은 둘 다 검사할 파일을 정합니다. 하나만 쓰세요' });
    }
    return { kind: 'check', exercise: rest[0], all: values.all, file: values.file, solution: values.solution, watch: values.watch, verbose: values.verbose };
  }
  if (rest.length !== 1) throw new UsageError(needsOneExercise(verb!), forExample(`npm run lab -- ${verb} frame-length`));
  const exercise = rest[0]!;
  if (verb === 'hint') return { kind: 'hint', exercise };
  if (verb === 'solution') return { kind: 'solution', exercise, force: values.force };
  return { kind: 'reset', exercise, yes: values.yes };
}
