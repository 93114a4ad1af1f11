// Running checks the way the command line asks: one exercise, every exercise,
// or one exercise again on every save (--watch). Results of the learner's own
// file go into their progress; --solution and --file never do.
import { watch } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Target } from '../lib/types.ts';
import type { Reporter } from '../runner/messages.ts';
import { checkExercise, exerciseFile, type CheckOptions, type ExerciseReport } from './check.ts';
import { pageUrl } from '../lib/locale.ts';
import { exercises } from './index.ts';
import { EXERCISE_PHRASES } from './phrases.ts';
import { recordResult } from './progress.ts';
import type { ExerciseDeclaration } from './types.ts';

export interface RunChecksOptions extends CheckOptions {
  json: boolean;
}

function tellNext(reporter: Reporter, exercise: ExerciseDeclaration, report: ExerciseReport, options: RunChecksOptions): void {
  const say = EXERCISE_PHRASES[options.locale];
  if (report.status === 'pass') {
    const next = exercises[exercises.indexOf(exercise) + 1];
    reporter.info(`  ${say.nextStep.pass(next?.id)}`);
  } else if (report.status !== 'skip') {
    reporter.info(`  ${say.nextStep.fail(exercise.id)}`);
    reporter.info(`  ${say.readMore} ${pageUrl(options.siteUrl, exercise.page, options.locale)}`);
  }
}

export async function checkOne(exercise: ExerciseDeclaration, target: Target, reporter: Reporter, options: RunChecksOptions): Promise<ExerciseReport> {
  const report = await checkExercise(exercise, target, reporter, options);
  const ownFile = !options.file && !options.solution;
  if (ownFile && !report.changedDuringCheck && !options.signal.aborted && report.status !== 'skip') {
    recordResult(exercise.id, report.status === 'pass');
  }
  if (!options.json) tellNext(reporter, exercise, report, options);
  return report;
}

export async function checkAll(target: Target, reporter: Reporter, options: RunChecksOptions): Promise<{ ok: boolean; exercises: ExerciseReport[] }> {
  const reports: ExerciseReport[] = [];
  for (const exercise of exercises) {
    if (options.signal.aborted) break;
    reports.push(await checkExercise(exercise, target, reporter, options));
  }
  const count = (status: string) => reports.filter((r) => r.status === status).length;
  if (!options.json) {
    const say = EXERCISE_PHRASES[options.locale];
    reporter.heading(say.summaryHeading);
    for (const r of reports) reporter.info(`  ${{ pass: '✔', fail: '✘', error: '✘', skip: '−' }[r.status]} ${r.exercise.padEnd(18)} ${say.status[r.status].padEnd(5)} ${(r.durationMs / 1000).toFixed(1)} s`);
    reporter.info(`\n  ${say.allCounts(count('pass'), count('fail'), count('error'), count('skip'))}`);
  }
  return { ok: reports.length === exercises.length && reports.every((r) => r.status === 'pass' || r.status === 'skip'), exercises: reports };
}

/** Check, then check again whenever the file is saved, until Ctrl-C (the signal). */
export async function watchOne(exercise: ExerciseDeclaration, target: Target, reporter: Reporter, options: RunChecksOptions): Promise<ExerciseReport | undefined> {
  const say = EXERCISE_PHRASES[options.locale];
  const file = exerciseFile(exercise, options);
  let last: ExerciseReport | undefined;
  let pending = true;
  let wake: (() => void) | undefined;
  // Editors save by writing in place or by renaming a new file over the old:
  // watch the directory and pick out the file's name.
  const watcher = watch(dirname(file.absolute), (_event, name) => {
    if (name !== basename(file.absolute)) return;
    pending = true;
    wake?.();
  });
  const stopped = new Promise<void>((resolve) => options.signal.addEventListener('abort', () => resolve(), { once: true }));
  reporter.info(say.watching(file.display));
  try {
    while (!options.signal.aborted) {
      if (!pending) {
        await Promise.race([new Promise<void>((resolve) => (wake = resolve)), stopped]);
        if (options.signal.aborted) break;
        // A save is often several writes in a row: let them settle.
        await new Promise((resolve) => setTimeout(resolve, 50));
        reporter.info(`\n— ${say.watchAgain} (${new Date().toLocaleTimeString(options.locale)}) —`);
      }
      pending = false;
      last = await checkOne(exercise, target, reporter, options);
    }
  } finally {
    watcher.close();
  }
  return last;
}

