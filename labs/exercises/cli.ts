// The exercise commands of `npm run lab`, dispatched from labs/cli.ts.
import type { Target } from '../lib/types.ts';
import type { Command, Context } from '../runner/context.ts';
import type { Reporter } from '../runner/messages.ts';
import { preflight } from '../runner/preflight.ts';
import { listExercises, resetExercise, resolveExercise, showHint, showSolution } from './commands.ts';
import { exercises } from './index.ts';
import { checkAll, checkOne, watchOne, type RunChecksOptions } from './run-checks.ts';

type ExerciseCommand = Extract<Command, { kind: 'check' | 'exercises' | 'hint' | 'solution' | 'reset' }>;

export interface ExerciseCliDeps {
  ctx: Context;
  reporter: Reporter;
  signal: AbortSignal;
  siteUrl: string;
  withTarget<T>(body: (target: Target) => Promise<T>): Promise<T>;
}

/** Tools every check needs in the target, named the way preflight reads them (as a lab's declaration would). */
const CHECK_TOOLS = { tools: ['clang', 'ip', 'bpftool', 'sha256sum'] };

export async function exerciseCommand(command: ExerciseCommand, deps: ExerciseCliDeps): Promise<number> {
  const { ctx, reporter } = deps;
  const locale = ctx.locale;
  switch (command.kind) {
    case 'exercises':
      return listExercises(reporter, locale, ctx.json);
    case 'hint':
      return showHint(resolveExercise(command.exercise), reporter, locale);
    case 'solution':
      return showSolution(resolveExercise(command.exercise), reporter, locale, command.force);
    case 'reset':
      return resetExercise(resolveExercise(command.exercise), reporter, locale, command.yes);
    case 'check': {
      const selected = command.all ? [...exercises] : [resolveExercise(command.exercise!)];
      const options: RunChecksOptions = {
        locale,
        signal: deps.signal,
        siteUrl: deps.siteUrl,
        json: ctx.json,
        ...(command.file ? { file: command.file } : {}),
        solution: command.solution,
        verbose: command.verbose,
      };
      return deps.withTarget(async (target) => {
        const liveTools = selected.flatMap((e) => e.live?.tools ?? []);
        await preflight(target, [{ tools: [...CHECK_TOOLS.tools, ...liveTools] }], { provision: ctx.provision, reporter });
        if (command.all) {
          const result = await checkAll(target, reporter, options);
          if (ctx.json) reporter.raw(JSON.stringify(result, null, 2));
          return result.ok ? 0 : 1;
        }
        const exercise = selected[0]!;
        const report = command.watch ? await watchOne(exercise, target, reporter, options) : await checkOne(exercise, target, reporter, options);
        if (ctx.json && report) reporter.raw(JSON.stringify(report, null, 2));
        return report?.status === 'pass' ? 0 : 1;
      });
    }
  }
}
