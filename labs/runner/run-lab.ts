// Runs one lab on one target: steps with progress, one observation per
// declared check, and cleanup in reverse order of creation that always runs:
// on success, on a failed check, on an error, and on Ctrl-C.
import { randomBytes } from 'node:crypto';
import { explainError, LabError, SkipRun } from '../lib/errors.ts';
import { inLocale, pageUrl, type Locale, type Text } from '../lib/locale.ts';
import type { CheckResult, LabContext, LabDeclaration, RunStatus, Target } from '../lib/types.ts';
import type { Progress, Reporter } from './messages.ts';
import { PHRASES, type Phrases } from './phrases.ts';
import { netnsName } from '../lib/command-line.ts';
import { newRunState, removeState, saveState, type RunState } from './state.ts';

export interface LabReport {
  lab: string;
  /** The run's id: its namespaces and scratch dir carry it. */
  runId: string;
  target: string;
  /** pass: every check passed; skip: none failed, some could not run on this kernel; fail: the rest. */
  status: RunStatus;
  /** Nothing failed (pass or skip). */
  ok: boolean;
  durationMs: number;
  checks: CheckResult[];
  error?: { message: string; hint?: string | undefined };
  /** Why checks were skipped, when status is skip: in the run's language. */
  skipReason?: string;
  /** The same reason in every language (the kernel records keep both, for the compatibility page). */
  skipReasonText?: Text;
}

export interface RunOptions {
  keep: boolean;
  locale: Locale;
  /** Aborted by the CLI on SIGINT/SIGTERM: the next command throws and cleanup runs. */
  signal: AbortSignal;
  /** Site base for links to a lab's page. */
  siteUrl: string;
}

export class Interrupted extends LabError {
  override name = 'Interrupted';
  constructor(message: Text) {
    super(message);
  }
}

interface CleanupAction {
  /** What the action undoes, as "could not <label>" would say it. */
  label: Text;
  action: () => Promise<void>;
}

/** Commands that configure interfaces: a lab may only run them inside its own namespaces. */
const NETWORK_TOOLS = new Set(['ip', 'tc', 'nft', 'iptables', 'ip6tables', 'ethtool', 'tcpdump']);

/** Refuse a command that would act on the host's own network instead of the lab's. */
export function assertInsideLab(argv: readonly string[], netns: string | undefined): void {
  const [tool, sub] = argv;
  if (netns || !tool || !NETWORK_TOOLS.has(tool)) return;
  if (tool === 'ip' && sub === 'netns') return; // creating and deleting our namespaces happens from outside
  const command = argv.join(' ');
  if (argv.includes('-n') || argv.includes('-netns')) {
    throw new LabError({
      en: `refusing "${command}": pass the namespace as the netns option so the runner can check it is the lab's own`,
      ko: `"${command}"은(는) 실행하지 않습니다: 네임스페이스는 netns 옵션으로 넘겨야 러너가 실습의 것인지 확인할 수 있습니다`,
    });
  }
  throw new LabError(
    { en: `refusing "${command}": labs only configure interfaces inside their own namespaces`, ko: `"${command}"은(는) 실행하지 않습니다: 실습은 자기 네임스페이스 안의 인터페이스만 설정합니다` },
    { hint: { en: 'Give the command the netns option with a namespace from ctx.netns().', ko: '명령에 ctx.netns()로 만든 네임스페이스를 netns 옵션으로 주세요.' } },
  );
}

/** Wraps a target so that once the run is interrupted no new command starts, and no command leaves the lab's namespaces. */
function guarded(target: Target, signal: AbortSignal): Target {
  const stop = () => {
    if (signal.aborted) throw new Interrupted({ en: 'interrupted: cleaning up', ko: '중단됨: 정리합니다' });
  };
  return {
    name: target.name,
    repoDir: target.repoDir,
    exec: async (argv, options) => (stop(), assertInsideLab(argv, options?.netns), target.exec(argv, options)),
    spawn: async (argv, options) => (stop(), assertInsideLab(argv, options?.netns), target.spawn(argv, options)),
    close: () => target.close(),
  };
}

/** Every process a lab starts is written into the run's record and killed at cleanup if it still runs. */
function recordingSpawns(target: Target, state: RunState, cleanups: CleanupAction[]): Target {
  return {
    ...target,
    async spawn(argv, options) {
      const child = await target.spawn(argv, options);
      if (child.pid !== undefined) {
        state.pids.push(child.pid);
        await saveState(target, state);
      }
      cleanups.push({ label: { en: `stop ${argv[0]}`, ko: `${argv[0]} 멈추기` }, action: () => child.signal('SIGKILL') });
      return child;
    },
  };
}

export async function runLab(lab: LabDeclaration, rawTarget: Target, reporter: Reporter, options: RunOptions): Promise<LabReport> {
  const started = Date.now();
  const runId = randomBytes(2).toString('hex');
  const state: RunState = newRunState(runId, lab.name);
  const cleanups: CleanupAction[] = [];
  const target = recordingSpawns(guarded(rawTarget, options.signal), state, cleanups);
  const recorded = new Map<string, CheckResult>();
  const declared = new Set(lab.checks.map((c) => c.id));
  let progress: Progress | undefined;
  let failure: LabReport['error'];
  let skipReason: Text | undefined;

  const say = PHRASES[options.locale];
  // Overloaded as LabContext.skip is: without checks it ends the lab (never returns).
  function skip(reason: Text): never;
  function skip(reason: Text, checks: readonly string[]): void;
  function skip(reason: Text, checks?: readonly string[]): void {
    const why = reason[options.locale];
    const ids = checks ?? lab.checks.map((c) => c.id).filter((id) => !recorded.has(id));
    for (const id of ids) ctx.record({ id, ok: true, expected: say.skipExpected, observed: say.skippedObserved(why), skip: why });
    skipReason ??= reason;
    if (!checks) throw new SkipRun(reason);
  }
  const ctx: LabContext = {
    target,
    locale: options.locale,
    runId,
    workDir: state.workDir,
    async netns(role) {
      const name = netnsName(lab.name, runId, role);
      state.netns.push(name);
      await saveState(rawTarget, state); // recorded before it exists: clean can always find it
      await target.exec(['ip', 'netns', 'add', name]);
      cleanups.push({ label: { en: `delete netns ${name}`, ko: `netns ${name} 지우기` }, action: () => rawTarget.exec(['ip', 'netns', 'del', name], { allowFailure: true }).then(() => {}) });
      return name;
    },
    defer(label, action) {
      cleanups.push({ label, action });
    },
    record(result) {
      if (!declared.has(result.id)) throw new Error(`lab ${lab.name} recorded "${result.id}", which its declaration does not list`);
      if (recorded.has(result.id)) throw new Error(`lab ${lab.name} recorded "${result.id}" twice`);
      const check = { ...result, ok: result.ok ?? result.expected === result.observed };
      recorded.set(result.id, check);
      reporter.recorded?.(check, lab.checks.find((c) => c.id === result.id)!.text[options.locale]);
    },
    note(message) {
      progress?.detail(inLocale(message, options.locale));
    },
    skip,
    async step(id, body) {
      const step = lab.steps.find((s) => s.id === id);
      if (!step) throw new Error(`lab ${lab.name} ran step "${id}", which its declaration does not list`);
      progress = reporter.start(step.title[options.locale]);
      try {
        const value = await body();
        progress.done();
        return value;
      } catch (error) {
        progress.fail();
        throw error;
      } finally {
        progress = undefined;
      }
    },
  };

  reporter.heading(say.heading(lab.name, lab.title[options.locale], rawTarget.name, runId));
  try {
    await saveState(rawTarget, state);
    await target.exec(['mkdir', '-p', state.workDir]);
    cleanups.push({ label: { en: `remove ${state.workDir}`, ko: `${state.workDir} 지우기` }, action: () => rawTarget.exec(['rm', '-rf', state.workDir], { allowFailure: true }).then(() => {}) });
    await lab.run(ctx);
  } catch (error) {
    if (error instanceof SkipRun) {
      reporter.warn(`${say.skipped}: ${inLocale(error.text, options.locale)}`);
    } else {
      failure = explainError(error, options.locale);
      reporter.error(failure.message, error instanceof LabError ? error.details : undefined);
    }
  } finally {
    if (options.keep && !(failure && options.signal.aborted)) {
      state.kept = true;
      await saveState(rawTarget, state);
      reporter.info(keepInstructions(state, say));
    } else {
      await runCleanups(cleanups, reporter, say, options.locale);
      await removeState(rawTarget, runId);
    }
  }

  const checks = lab.checks.map(
    (c) => recorded.get(c.id) ?? { id: c.id, ok: false, expected: say.notObservedExpected, observed: say.notObserved },
  );
  reporter.heading(say.checks);
  for (const check of checks) reporter.check(check, lab.checks.find((c) => c.id === check.id)!.text[options.locale]);
  const ok = !failure && checks.every((c) => c.ok);
  const skipped = checks.filter((c) => c.skip !== undefined).length;
  const status: RunStatus = !ok ? 'fail' : skipped > 0 ? 'skip' : 'pass';
  const passed = checks.filter((c) => c.ok && c.skip === undefined).length;
  const mark = { pass: '✔', skip: '−', fail: '✘' }[status];
  reporter.info(`\n${mark} ${say.summary(lab.name, passed, checks.length, ((Date.now() - started) / 1000).toFixed(1))}${skipped ? `, ${say.skippedCount(skipped)}` : ''}`);
  if (!ok) reporter.info(`  ${say.readMore} ${pageUrl(options.siteUrl, lab.page, options.locale)}`);
  return {
    lab: lab.name,
    runId,
    target: rawTarget.name,
    status,
    ok,
    durationMs: Date.now() - started,
    checks,
    ...(failure ? { error: failure } : {}),
    ...(status === 'skip' && skipReason ? { skipReason: skipReason[options.locale], skipReasonText: skipReason } : {}),
  };
}

/** Reverse order of creation; every action runs even if an earlier one fails. */
async function runCleanups(cleanups: CleanupAction[], reporter: Reporter, say: Phrases, locale: Locale): Promise<void> {
  const progress = reporter.start(say.cleanUp);
  let failed = false;
  for (const { label, action } of [...cleanups].reverse()) {
    try {
      await action();
    } catch (error) {
      failed = true;
      progress.detail(say.cleanupFailed(label[locale], error instanceof Error ? error.message : String(error)));
    }
  }
  if (failed) {
    progress.fail();
    reporter.warn(say.someCleanupFailed);
  } else {
    progress.done();
  }
}

function keepInstructions(state: RunState, say: Phrases): string {
  return say.kept(state.netns.map((ns) => `    sudo nsenter --net=/run/netns/${ns} bash`).join('\n'));
}
