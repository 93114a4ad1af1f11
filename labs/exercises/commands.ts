// The learner's commands around `check`: the curriculum with progress, the
// hint ladder, the reference solution as a diff (once theirs passes), and
// reset to the starter (with a backup). They touch only the learner's file and
// their progress file; nothing here needs root or a target.
import { execa } from 'execa';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { UsageError } from '../lib/errors.ts';
import { pagePath, textOf, type Locale } from '../lib/locale.ts';
import type { Reporter } from '../runner/messages.ts';
import { closest } from '../runner/suggest.ts';
import { REPO_DIR } from '../lib/paths.ts';
import { exerciseFile } from './check.ts';
import { exercises, findExercise } from './index.ts';
import { EXERCISE_PHRASES } from './phrases.ts';
import { readProgress, recordHint, statusOf } from './progress.ts';
import type { ExerciseDeclaration } from './types.ts';

/** The exercise named on the command line, or a usage error with the closest names (exit 2). */
export function resolveExercise(id: string): ExerciseDeclaration {
  const exercise = findExercise(id);
  if (exercise) return exercise;
  const near = closest(id, exercises.map((e) => e.id));
  const say = (locale: Locale) => EXERCISE_PHRASES[locale].unknownExercise(id);
  throw new UsageError(
    textOf((l) => say(l).message),
    textOf((l) => (near.length ? `${EXERCISE_PHRASES[l].didYouMean}: ${near.join(', ')}? ${say(l).hint}` : say(l).hint)),
  );
}

export function listExercises(reporter: Reporter, locale: Locale, json: boolean): number {
  const progress = readProgress();
  const rows = exercises.map((e) => {
    const status = statusOf(progress, e.id);
    const passedAt = progress.exercises[e.id]?.passedAt;
    return { id: e.id, title: e.title[locale], page: e.page, status, ...(passedAt ? { passedAt } : {}) };
  });
  if (json) {
    reporter.raw(JSON.stringify({ exercises: rows }, null, 2));
    return 0;
  }
  const say = EXERCISE_PHRASES[locale];
  reporter.info(`${say.listHeading}\n`);
  rows.forEach((row, i) => {
    const mark = row.status === 'passed' ? '✔' : row.status === 'failing' ? '✘' : '·';
    const status = row.status === 'passed' ? say.progress.passed(row.passedAt!.slice(0, 10)) : say.progress[row.status];
    reporter.info(`  ${String(i + 1).padStart(2)}. ${mark} ${row.id.padEnd(18)} ${row.title}`);
    reporter.info(`      ${''.padEnd(18)} ${status}   ${pagePath(row.page, locale)}`);
  });
  return 0;
}


export function showHint(exercise: ExerciseDeclaration, reporter: Reporter, locale: Locale): number {
  const say = EXERCISE_PHRASES[locale];
  const seen = recordHint(exercise.id, exercise.hints.length);
  reporter.heading(say.hintHeading(seen, exercise.hints.length));
  reporter.info(`  ${exercise.hints[seen - 1]![locale]}`);
  if (seen === exercise.hints.length) reporter.info(`\n  ${say.lastHint.replace('<exercise>', exercise.id)}`);
  return 0;
}

export async function showSolution(exercise: ExerciseDeclaration, reporter: Reporter, locale: Locale, force: boolean): Promise<number> {
  const say = EXERCISE_PHRASES[locale];
  if (!force && statusOf(readProgress(), exercise.id) !== 'passed') {
    const locked = say.solutionLocked(exercise.id);
    reporter.error(locked.message, { hint: locked.hint });
    return 1;
  }
  const mine = exerciseFile(exercise, {});
  const reference = exerciseFile(exercise, { solution: true });
  reporter.info(say.solutionHeading(exercise.id));
  const learner = existsSync(mine.absolute) ? mine.display : '/dev/null';
  // diff exits 1 when the files differ, which is the point here.
  const diff = await execa('diff', ['-u', '--label', mine.display, '--label', reference.display, learner, reference.display], { cwd: REPO_DIR, reject: false });
  reporter.raw(diff.stdout || { en: '(your file is the reference solution, byte for byte)', ko: '(여러분의 파일이 참고 답안과 똑같습니다)' }[locale]);
  return 0;
}

/** The starter as the repository has it: the version in git's HEAD. */
async function starterText(path: string): Promise<string> {
  const result = await execa('git', ['show', `HEAD:${path}`], { cwd: REPO_DIR, reject: false, stripFinalNewline: false });
  if (result.exitCode !== 0) {
    throw new UsageError(
      { en: `the starter of ${path} is not in this clone's git history`, ko: `${path}의 시작 코드가 이 클론의 git 기록에 없습니다` },
      { en: 'Clone the repository with git to be able to reset exercises.', ko: '연습문제를 reset하려면 저장소를 git으로 클론하세요.' },
    );
  }
  return String(result.stdout);
}

export async function resetExercise(exercise: ExerciseDeclaration, reporter: Reporter, locale: Locale, yes: boolean): Promise<number> {
  const say = EXERCISE_PHRASES[locale];
  const file = exerciseFile(exercise, {});
  const starter = await starterText(file.display);
  if (!yes) {
    if (!process.stdin.isTTY) {
      reporter.error(say.resetNeedsAnswer.message, { hint: say.resetNeedsAnswer.hint });
      return 1;
    }
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    const answer = (await rl.question(say.resetAsk(file.display))).trim().toLowerCase();
    rl.close();
    if (!['y', 'yes', '예', 'ㅛ'].includes(answer)) {
      reporter.info(say.resetKept);
      return 0;
    }
  }
  let backup: string | undefined;
  if (existsSync(file.absolute) && readFileSync(file.absolute, 'utf8') !== starter) {
    backup = `${file.display}.${new Date().toISOString().replace(/[:.]/g, '-')}.bak`;
    copyFileSync(file.absolute, `${REPO_DIR}/${backup}`);
  }
  writeFileSync(file.absolute, starter);
  reporter.info(say.resetDone(file.display, backup));
  return 0;
}
