// Every error and hint the runner raises is said in every locale, so that
// --lang decides what a learner reads. The types carry most of it: LabError,
// UsageError, PrerequisiteError, SkipRun, every hint and every cleanup label
// take a Text, so astro check fails on a bare string (test/types/messages.ts
// holds the lines that must not compile). Here, a representative set of
// messages, rendered in each language.
import { describe, expect, test } from 'vitest';
import { explainError, LabError, PrerequisiteError, UsageError } from '../../labs/lib/errors.ts';
import { COMMAND_FAILED } from '../../labs/lib/command-line.ts';
import { errorDocument, humanReporter } from '../../labs/runner/messages.ts';
import { assertInsideLab } from '../../labs/runner/run-lab.ts';
import { parseContext } from '../../labs/runner/context.ts';
import { preflight } from '../../labs/runner/preflight.ts';
import { chooseTarget } from '../../labs/targets/index.ts';
import { knownVagrantFailure, vagrantMissing } from '../../labs/vm/vagrant.ts';
import type { Locale } from '../../labs/lib/locale.ts';
import type { ExecResult, Target } from '../../labs/lib/types.ts';
import { xdpDrop } from '../../labs/catalog/xdp-drop.ts';

function scripted(answers: Record<string, Partial<ExecResult>>): Target {
  return {
    name: 'local',
    repoDir: '/repo',
    async exec(argv) {
      const key = argv.join(' ');
      const answer = Object.entries(answers).find(([start]) => key.startsWith(start))?.[1] ?? {};
      return { command: key, exitCode: 0, stdout: '', stderr: '', ...answer };
    },
    async spawn() {
      throw new Error('not used');
    },
    async close() {},
  };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('it did not fail');
    },
    (error: unknown) => error,
  );
}

function thrown(body: () => unknown): unknown {
  try {
    body();
  } catch (error) {
    return error;
  }
  throw new Error('it did not throw');
}

/** What a learner reads on stderr for an error, in one locale. */
function printed(error: unknown, locale: Locale): string {
  let text = '';
  const reporter = humanReporter({ write: (t) => void (text += t), isTTY: false }, locale);
  if (error instanceof LabError) reporter.error(error.text, error.details);
  else if (error instanceof UsageError) reporter.error(error.text, { hint: error.hint });
  return text;
}

const HANGUL = /[\uac00-\ud7a3]/;
const quiet = () => humanReporter({ write: () => {}, isTTY: false });

describe('errors and hints follow the run’s locale', () => {
  const cases: [string, () => unknown | Promise<unknown>, string][] = [
    ['a usage error (parseArgs)', () => thrown(() => parseContext(['--colour'], {})), "Unknown option '--colour'"],
    ['a usage error (the runner)', () => thrown(() => parseContext(['vm', 'explode'], {})), '"vm" needs one of'],
    ['no root', () => rejection(preflight(scripted({ 'id -u': { stdout: '1000\n' } }), [xdpDrop], { provision: false, reporter: quiet() })), 'the local target needs root'],
    [
      'missing tools',
      () =>
        rejection(
          preflight(scripted({ 'id -u': { stdout: '0\n' }, 'sh -c command -v "$1" probe bpftool': { exitCode: 1 } }), [xdpDrop], { provision: false, reporter: quiet() }),
        ),
      'missing tools: bpftool',
    ],
    ['no target on this OS', () => thrown(() => chooseTarget(undefined, {}, { platform: 'darwin', uid: 501, vagrantInstalled: false, vmCreated: false })), 'no target can run labs on darwin'],
    ['a command outside the lab', () => thrown(() => assertInsideLab(['ip', 'link', 'set', 'dev', 'eth0', 'up'], undefined)), 'labs only configure interfaces inside their own namespaces'],
    ['Vagrant missing', () => vagrantMissing(), 'Vagrant is not installed'],
    ['no libvirt daemon', () => knownVagrantFailure("Failed to connect socket to '/var/run/libvirt/libvirt-sock': No such file or directory"), 'the libvirt daemon is not running'],
    ['a tool not installed', () => new LabError(COMMAND_FAILED.notInstalled('bpftool'), { hint: { en: 'Run `npm run lab -- provision`.', ko: '`npm run lab -- provision`을 실행하세요.' } }), 'bpftool is not installed'],
  ];

  test.each(cases)('%s: English under en, Korean under ko, message and hint', async (_, make, english) => {
    const error = await make();
    expect(error).toBeInstanceOf(Error);
    const en = explainError(error, 'en');
    const ko = explainError(error, 'ko');
    expect(en.message).toContain(english);
    expect(`${en.message} ${en.hint ?? ''}`).not.toMatch(HANGUL);
    expect(ko.message).toMatch(HANGUL);
    if (en.hint !== undefined) expect(ko.hint).toMatch(HANGUL);
    // What the reporter prints, and what --json carries, are the same words.
    expect(printed(error, 'ko')).toContain(ko.message);
    expect(printed(error, 'en')).toContain(en.message);
    expect(errorDocument(error, 'ko', 1)).toMatchObject({ error: { message: ko.message, ...(ko.hint ? { hint: ko.hint } : {}) } });
  });

  test('the English message stays on Error.message, for logs, stacks and the tests that compare it', () => {
    const error = thrown(() => parseContext(['--lang', 'fr'], {})) as UsageError;
    expect(error.message).toBe('unknown language "fr"');
    expect(explainError(error, 'ko').message).toBe('알 수 없는 언어 "fr"');
  });

  test('the reporter prints a Text given to it in its own locale: titles, lines, warnings', () => {
    let text = '';
    const reporter = humanReporter({ write: (t) => void (text += t), isTTY: false }, 'ko');
    reporter.info({ en: 'The lab VM is gone.', ko: '실습 VM을 지웠습니다.' });
    reporter.warn({ en: 'left alone', ko: '그대로 둡니다' });
    const step = reporter.start({ en: 'Shutting the lab VM down', ko: '실습 VM 끄기' });
    step.done();
    expect(text).toMatch(/^실습 VM을 지웠습니다\.\n! 그대로 둡니다\n {2}✔ 실습 VM 끄기 \d+\.\d s\n$/);
    expect(printed(new PrerequisiteError({ en: 'x', ko: '엑스' }, { command: 'ip link' }), 'ko')).toContain('  명령: ip link');
  });
});
