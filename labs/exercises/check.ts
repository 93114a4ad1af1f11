// `npm run lab -- check <exercise>`: judge the learner's program in four
// stages, each timed — compile (clang), load (the verifier), unit (crafted
// frames through BPF_PROG_TEST_RUN) and live (real traffic in the exercise's
// own namespaces). A stage that fails stops the rest.
//
// The check runs as a lab run (labs/runner/run-lab.ts), so it gets what every
// lab gets: namespaces recorded before they exist, cleanup in reverse order on
// every outcome and on Ctrl-C, a state record `npm run lab -- clean` can read.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { CheckDeclaration, CheckResult, LabContext, LabDeclaration, Target } from '../lib/types.ts';
import { inLocale, textOf, type Locale, type Text } from '../lib/locale.ts';
import type { Progress as StepProgress, Reporter } from '../runner/messages.ts';
import { PHRASES } from '../runner/phrases.ts';
import { explainError, LabError } from '../lib/errors.ts';
import { runLab } from '../runner/run-lab.ts';
import { REPO_DIR } from '../lib/paths.ts';
import { EXERCISE_PHRASES, type StageId, type StageStatus } from './phrases.ts';
import type { ExerciseDeclaration } from './types.ts';
import { judgeUnit, parseToolOutput, toolCommands, unitTool, UnitToolUnavailable, type ToolEvent } from './unit.ts';
import { explainVerifier, type VerifierExplanation } from './verifier.ts';

export type ExerciseStatus = 'pass' | 'fail' | 'error' | 'skip';

export interface StageReport {
  id: StageId;
  status: StageStatus;
  durationMs: number;
  message: string;
}

export interface ExerciseReport {
  exercise: string;
  /** The file that was judged, as the learner would type it. */
  file: string;
  target: string;
  status: ExerciseStatus;
  durationMs: number;
  stages: StageReport[];
  checks: (CheckResult & { frame?: string; hex?: string })[];
  /** Present when the verifier refused the program. */
  verifier?: VerifierExplanation;
  /** What to do about an error, in the learner's language. */
  hint?: string;
  /** True when the file was saved again while it was being checked. */
  changedDuringCheck?: boolean;
  /** status skip: why, in every language, with the stage it stopped at (the kernel records keep both). */
  skipReasonText?: Text;
}

export interface CheckOptions {
  locale: Locale;
  signal: AbortSignal;
  siteUrl: string;
  /** Judge this file instead of bpf/exercises/<id>.c. */
  file?: string;
  /** Judge the reference solution (instructors, CI). */
  solution?: boolean;
  /** Show each failing frame as hex too. */
  verbose?: boolean;
}

/** The file a check judges: --file, --solution, or the learner's own. */
export function exerciseFile(exercise: ExerciseDeclaration, options: Pick<CheckOptions, 'file' | 'solution'>): { absolute: string; display: string } {
  const absolute = options.file ? resolve(options.file) : resolve(REPO_DIR, options.solution ? 'bpf/solutions' : 'bpf/exercises', `${exercise.id}.c`);
  const inRepo = relative(REPO_DIR, absolute);
  return { absolute, display: inRepo.startsWith('..') || isAbsolute(inRepo) ? absolute : inRepo };
}

/** Stops a stage: its status, and a message and hint for the learner. */
class StageStop extends Error {
  readonly status: 'fail' | 'error' | 'skip';
  readonly hint: string | undefined;
  readonly stderr: string | undefined;
  constructor(status: 'fail' | 'error' | 'skip', message: string, hint?: string, stderr?: string) {
    super(message);
    this.status = status;
    this.hint = hint;
    this.stderr = stderr;
  }
}

/** A target's machine does not change while the runner runs (watch mode checks many times): ask once. */
const machines = new Map<string, Promise<string>>();
function targetMachine(ctx: LabContext): Promise<string> {
  const key = `${ctx.target.name}:${ctx.target.repoDir}`;
  let machine = machines.get(key);
  if (!machine) {
    machine = ctx.target.exec(['uname', '-m']).then((r) => r.stdout.trim());
    machines.set(key, machine);
  }
  return machine;
}

const MULTIARCH: Record<string, string> = { x86_64: 'x86_64-linux-gnu', aarch64: 'aarch64-linux-gnu' };

async function compileStage(ctx: LabContext, source: { text: string; display: string; dir: string | undefined }, id: string, locale: Locale): Promise<string> {
  const say = EXERCISE_PHRASES[locale];
  const srcDir = `${ctx.workDir}/src`;
  const copy = `${srcDir}/${id}.c`;
  // The source goes over as text, so the VM judges exactly what was saved when the check began.
  await ctx.target.exec(['sh', '-c', 'mkdir -p "$1" && cat > "$2"', 'copy', srcDir, copy], { input: source.text });
  const machine = await targetMachine(ctx);
  const includes = [MULTIARCH[machine] ? `-I/usr/include/${MULTIARCH[machine]}` : '', `-I${ctx.target.repoDir}/bpf`, `-I${ctx.target.repoDir}/bpf/exercises`, source.dir ? `-I${source.dir}` : ''];
  const object = `${ctx.workDir}/${id}.o`;
  const result = await ctx.target.exec(['clang', '-O2', '-g', '-Wall', '-target', 'bpf', ...includes.filter(Boolean), '-c', copy, '-o', object], {
    allowFailure: true,
    timeoutMs: 60_000,
  });
  if (result.exitCode !== 0) {
    const message = result.stderr.split(copy).join(source.display).trimEnd();
    const header = /fatal error: '([^']+)' file not found/.exec(message)?.[1];
    const stop = say.compileFailed(source.display);
    throw new StageStop('error', stop.message, header ? `${say.missingInclude(header)} ${stop.hint}` : stop.hint, message);
  }
  return object;
}

function loadStage(events: ToolEvent[], exercise: ExerciseDeclaration, source: { text: string; display: string }, locale: Locale): VerifierExplanation | undefined {
  const say = EXERCISE_PHRASES[locale];
  const programs = events.find((e) => e.event === 'programs');
  const xdp = programs?.event === 'programs' ? programs.programs.filter((p) => p.xdp) : [];
  if (programs && !xdp.some((p) => p.name === exercise.program)) {
    const stop = xdp.length === 0 ? say.noXdpProgram(source.display, exercise.program) : say.wrongName(xdp.map((p) => p.name), exercise.program);
    throw new StageStop('error', stop.message, stop.hint);
  }
  const opened = events.find((e) => e.event === 'open-failed');
  if (opened?.event === 'open-failed') throw new StageStop('error', opened.libbpf.trim() || say.openFailed(opened.errno));
  const refused = events.find((e) => e.event === 'load-failed');
  if (refused?.event !== 'load-failed') return undefined;
  if (!refused.log.trim() && !/extern|GPL|PROG LOAD LOG/.test(refused.libbpf)) {
    throw new StageStop('error', say.kernelRefusedOther(refused.errno), undefined, refused.libbpf);
  }
  return explainVerifier(refused.log, refused.libbpf, { file: source.display, text: source.text }, locale, refused.errno);
}

const stageTitle = (id: StageId, locale: Locale) => EXERCISE_PHRASES[locale].stage[id];

/** The exercise as a lab: its stages are the lab's steps, its unit and live checks the lab's checks. */
function asLab(exercise: ExerciseDeclaration, body: (ctx: LabContext) => Promise<void>): LabDeclaration {
  const stage = (id: StageId) => ({ id, title: { en: stageTitle(id, 'en'), ko: stageTitle(id, 'ko') } });
  const checks: CheckDeclaration[] = [...exercise.unit, ...(exercise.live?.checks ?? [])].map(({ id, text }) => ({ id, text }));
  return {
    name: exercise.id,
    title: exercise.title,
    summary: exercise.task,
    page: exercise.page,
    sources: [],
    topology: '',
    minKernel: exercise.minKernel,
    modes: ['native'],
    targets: ['local', 'vagrant'],
    tools: ['clang', 'ip', 'bpftool', 'sha256sum', ...(exercise.live?.tools ?? [])],
    minutes: exercise.minutes,
    steps: [stage('compile'), stage('load'), stage('unit'), ...(exercise.live ? [stage('live'), ...exercise.live.steps] : [])],
    checks,
    run: body,
  };
}

/** Passes the lab runner's progress through, and keeps its headings, check lines and summary out: the check prints its own. */
function stagesOnly(reporter: Reporter, locale: Locale): Reporter {
  const quiet: StepProgress = { detail: () => {}, done: () => {}, fail: () => {} };
  return {
    ...reporter,
    heading: () => {},
    info: () => {},
    check: () => {},
    error: () => {},
    start: (title) => (title === PHRASES[locale].cleanUp ? quiet : reporter.start(title)),
  };
}

export async function checkExercise(exercise: ExerciseDeclaration, target: Target, reporter: Reporter, options: CheckOptions): Promise<ExerciseReport> {
  const say = EXERCISE_PHRASES[options.locale];
  const started = Date.now();
  const file = exerciseFile(exercise, options);
  const stages: StageReport[] = [];
  let verifier: VerifierExplanation | undefined;
  let stop: StageStop | undefined;
  let unitChecks: ExerciseReport['checks'] = [];

  reporter.heading(say.heading(exercise.id, exercise.title[options.locale], file.display, target.name));
  let text: string;
  try {
    text = readFileSync(file.absolute, 'utf8');
  } catch {
    const missing = say.missingFile(file.display);
    return finish({ status: 'error', stages: [{ id: 'compile', status: 'error', durationMs: 0, message: missing.message }], hint: missing.hint });
  }
  if (!text.trim()) {
    const empty = say.emptyFile(file.display);
    return finish({ status: 'error', stages: [{ id: 'compile', status: 'error', durationMs: 0, message: empty.message }], hint: empty.hint });
  }
  const hash = createHash('sha256').update(text).digest('hex');
  const source = { text, display: file.display, dir: target.name === 'local' ? dirname(file.absolute) : undefined };

  /** Runs one stage as a step of the lab run, timed; a StageStop ends the check there. */
  const stage = async <T>(ctx: LabContext, id: StageId, body: () => Promise<T>): Promise<T | undefined> => {
    if (stop) return undefined;
    const t0 = Date.now();
    try {
      // The live stage is made of the exercise's own steps, each shown as it runs.
      const value = id === 'live' ? await body() : await ctx.step(id, body);
      stages.push({ id, status: 'pass', durationMs: Date.now() - t0, message: '' });
      return value;
    } catch (error) {
      if (error instanceof StageStop) {
        stages.push({ id, status: error.status, durationMs: Date.now() - t0, message: error.message });
        stop = error;
        return undefined;
      }
      // Not a verdict: a command of this stage failed (the live stage's network, say), or the check was
      // interrupted. Either way this stage is where it happened, and its message is the error's.
      const message = explainError(error, options.locale).message;
      stages.push({ id, status: 'error', durationMs: Date.now() - t0, message });
      if (!(error instanceof LabError) || options.signal.aborted) throw error;
      const { hint, command, stderr } = error.details;
      stop = new StageStop('error', message, hint && inLocale(hint, options.locale), [command ? `$ ${command}` : '', stderr ?? ''].filter(Boolean).join('\n') || undefined);
      return undefined;
    }
  };

  let skipped: { stage: StageId; reason: Text } | undefined;
  const lab = asLab(exercise, async (ctx) => {
    if (exercise.probe) {
      const lacking = await exercise.probe(ctx);
      if (lacking) {
        skipped = { stage: 'compile', reason: lacking };
        stop = new StageStop('skip', say.skipped(lacking[options.locale]));
        stages.push({ id: 'compile', status: 'skip', durationMs: 0, message: stop.message });
        return;
      }
    }
    const object = await stage(ctx, 'compile', () => compileStage(ctx, source, exercise.id, options.locale));
    if (!object) return;
    let tool: string;
    try {
      tool = await unitTool(ctx);
    } catch (error) {
      if (!(error instanceof UnitToolUnavailable)) throw error;
      skipped = { stage: 'load', reason: error.reason };
      stop = new StageStop('skip', say.skipped(error.reason[options.locale]));
      stages.push({ id: 'load', status: 'skip', durationMs: 0, message: stop.message });
      return;
    }
    let events: ToolEvent[] = [];
    await stage(ctx, 'load', async () => {
      const unitNs = await ctx.netns('unit');
      // A program too large to verify can keep the verifier busy for many seconds before it says so.
      const run = await ctx.target.exec([tool, object, exercise.program], { netns: unitNs, input: toolCommands(exercise), allowFailure: true, timeoutMs: 120_000 });
      events = parseToolOutput(run.stdout);
      verifier = loadStage(events, exercise, source, options.locale);
      if (verifier) throw new StageStop('error', say.verifierRefused, verifier.hint);
      if (!events.some((e) => e.event === 'loaded')) throw new StageStop('error', say.toolStopped(run.exitCode), undefined, run.stderr);
    });
    await stage(ctx, 'unit', async () => {
      unitChecks = judgeUnit(exercise, events, options.locale).checks;
      const failed = unitChecks.filter((c) => !c.ok).length;
      if (failed > 0) throw new StageStop('fail', say.unitFailed(failed, unitChecks.length));
    });
    if (exercise.live) {
      await stage(ctx, 'live', () => exercise.live!.run(ctx, { object, name: exercise.program }));
    }
  });

  const run = await runLab(lab, target, stagesOnly(reporter, options.locale), {
    keep: false,
    locale: options.locale,
    signal: options.signal,
    siteUrl: options.siteUrl,
  });
  // The lab run's checks: unit ones were judged here, live ones recorded by the exercise's live run.
  const liveIds = new Set(exercise.live?.checks.map((c) => c.id) ?? []);
  const recordedLive = run.checks.filter((c) => liveIds.has(c.id) && !c.observed.startsWith('not observed'));
  const checks = [...unitChecks, ...recordedLive];
  const liveFailed = recordedLive.some((c) => !c.ok);
  if (liveFailed && stages.at(-1)?.id === 'live') stages.at(-1)!.status = 'fail';
  if (run.error && !stop) {
    // The lab runner caught something no stage turned into a verdict: an interrupted run, a tool that failed.
    stop = new StageStop('error', run.error.message, run.error.hint);
  }
  const status: ExerciseStatus = stop?.status ?? (liveFailed ? 'fail' : run.status === 'skip' ? 'skip' : 'pass');
  if (!stop && run.status === 'skip' && run.skipReasonText) skipped = { stage: 'live', reason: run.skipReasonText };
  return finish({ status, stages, checks, ...(stop?.hint ? { hint: stop.hint } : {}), stderr: stop?.stderr, changed: changedSince(file.absolute, hash) });

  function finish(result: {
    status: ExerciseStatus;
    stages: StageReport[];
    checks?: ExerciseReport['checks'];
    hint?: string;
    stderr?: string | undefined;
    changed?: boolean;
  }): ExerciseReport {
    const report: ExerciseReport = {
      exercise: exercise.id,
      file: file.display,
      target: target.name,
      status: result.status,
      durationMs: Date.now() - started,
      stages: fillStages(result.stages),
      checks: result.checks ?? [],
      ...(verifier ? { verifier } : {}),
      ...(result.hint ? { hint: result.hint } : {}),
      ...(result.changed ? { changedDuringCheck: true } : {}),
      ...(result.status === 'skip' && skipped ? { skipReasonText: stagedReason(skipped.stage, skipped.reason) } : {}),
    };
    printReport(reporter, exercise, report, [...exercise.unit, ...(exercise.live?.checks ?? [])], options, result.stderr);
    return report;
  }
}

/** A skip reason with the stage it stopped at, in every locale: "load: the unit stage needs libbpf 0.7 …". */
function stagedReason(stage: StageId, reason: Text): Text {
  return textOf((locale) => `${stage}: ${reason[locale]}`);
}

function changedSince(path: string, hash: string): boolean {
  try {
    return createHash('sha256').update(readFileSync(path, 'utf8')).digest('hex') !== hash;
  } catch {
    return true;
  }
}

const STAGES: StageId[] = ['compile', 'load', 'unit', 'live'];

function fillStages(ran: StageReport[]): StageReport[] {
  const seen = new Set(ran.map((s) => s.id));
  return [...ran, ...STAGES.filter((id) => !seen.has(id)).map((id) => ({ id, status: 'not-run' as const, durationMs: 0, message: '' }))];
}

/** The human report: stages were shown as they ran; now the checks, what was not reached, and what to do next. */
function printReport(
  reporter: Reporter,
  exercise: ExerciseDeclaration,
  report: ExerciseReport,
  declared: readonly CheckDeclaration[],
  options: CheckOptions,
  stderr: string | undefined,
): void {
  const say = EXERCISE_PHRASES[options.locale];
  const stopped = report.stages.find((s) => s.status !== 'pass' && s.status !== 'not-run');
  if (report.verifier) {
    const v = report.verifier;
    reporter.error(`${say.verifierRefused}: ${v.title}`, {
      stderr: [v.source ? `${say.yourLine(v.source.file, v.source.line)}:  ${v.source.text}` : '', `${say.verifierSays}:  ${v.reason}`].filter(Boolean).join('\n'),
      hint: v.hint,
    });
    if (options.verbose) reporter.info(v.excerpt.split('\n').map((l) => `    ${l}`).join('\n'));
  } else if (stopped?.status === 'skip') {
    // A kernel or libbpf that lacks something is not the learner's error: a warning, not a ✘.
    reporter.warn(stopped.message);
  } else if (stopped && stopped.status !== 'fail') {
    reporter.error(stopped.message, { stderr, hint: report.hint });
  }
  if (report.checks.length > 0) {
    reporter.heading(PHRASES[options.locale].checks);
    for (const check of report.checks) {
      const sentence = declared.find((c) => c.id === check.id)?.text[options.locale] ?? check.id;
      reporter.check(verboseFrame(check, options.verbose), sentence);
    }
  }
  const notReached = declared.length - report.checks.length;
  if (notReached > 0 && stopped) reporter.info(`  ${say.notReached(notReached, say.stageName[stopped.id])}`);
  if (report.changedDuringCheck) reporter.warn(say.changedWhileChecking(report.file));
  const passed = report.checks.filter((c) => c.ok).length;
  const mark = { pass: '✔', fail: '✘', error: '✘', skip: '−' }[report.status];
  reporter.info(`\n${mark} ${say.summary(exercise.id, say.status[report.status], passed, declared.length, (report.durationMs / 1000).toFixed(1))}`);
}

function verboseFrame(check: ExerciseReport['checks'][number], verbose: boolean | undefined): ExerciseReport['checks'][number] {
  if (verbose || !check.hex) return check;
  const { hex: _hidden, ...rest } = check;
  return rest;
}

