// `npm run lab`: the one entry point. It parses the command line once, runs
// the command, and is the only place that sets the exit code:
//   0 every check passed, 1 a check failed or a lab could not run, 2 usage error.
import { labs, findLab } from './catalog/index.ts';
import { LabError, UsageError } from './lib/errors.ts';
import { pagePath } from './lib/locale.ts';
import type { LabDeclaration, Target } from './lib/types.ts';
import { clean, status } from './runner/clean.ts';
import { earlyLocale, parseContext, USAGE, type Context } from './runner/context.ts';
import { bookUrl } from './runner/book-url.ts';
import { eventReporter, ndjson } from './runner/event-reporter.ts';
import { PHRASES } from './runner/phrases.ts';
import { errorDocument, humanReporter, jsonReporter, processStderr, processStdout, type Reporter } from './runner/messages.ts';
import { labsWithoutPackages, preflight } from './runner/preflight.ts';
import { runLab, type LabReport } from './runner/run-lab.ts';
import { closest } from './runner/suggest.ts';
import { chooseTarget, hostFacts, openTarget } from './targets/index.ts';

const SITE_URL = bookUrl();

function listLabs(reporter: Reporter, ctx: Context): number {
  const say = PHRASES[ctx.locale].cli;
  reporter.info(say.list);
  for (const lab of labs) {
    reporter.info(`  ${lab.name.padEnd(14)} ${lab.title[ctx.locale]}`);
    reporter.info(`  ${''.padEnd(14)} ${say.listLine(pagePath(lab.page, ctx.locale), lab.targets.join(', '))}`);
  }
  return 0;
}

function resolveLabs(names: string[]): LabDeclaration[] {
  return names.map((name) => {
    const lab = findLab(name);
    if (!lab) {
      const near = closest(name, labs.map((l) => l.name));
      throw new UsageError(
        { en: `no lab named "${name}"`, ko: `"${name}"라는 실습은 없습니다` },
        near.length
          ? { en: `Did you mean: ${near.join(', ')}? (npm run lab lists every lab)`, ko: `혹시 이것인가요: ${near.join(', ')}? (npm run lab이 모든 실습을 보여 줍니다)` }
          : { en: 'Run `npm run lab` to list every lab.', ko: '`npm run lab`을 실행하면 모든 실습이 나옵니다.' },
      );
    }
    return lab;
  });
}

async function withTarget<T>(ctx: Context, reporter: Reporter, body: (target: Target) => Promise<T>): Promise<T> {
  const name = chooseTarget(ctx.target, process.env, await hostFacts(), (notice) => reporter.info(notice[ctx.locale]));
  const target = await openTarget(name, { reporter, provision: ctx.provision });
  try {
    return await body(target);
  } finally {
    await target.close();
  }
}

async function runLabs(ctx: Context, reporter: Reporter, selected: LabDeclaration[], signal: AbortSignal): Promise<number> {
  return withTarget(ctx, reporter, async (target) => {
    const runnable = selected.filter((lab) => lab.targets.includes(target.name));
    const skipped = selected.filter((l) => !runnable.includes(l));
    for (const lab of skipped) {
      reporter.warn(PHRASES[ctx.locale].cli.offTarget(lab.name, target.name, lab.targets.join(', ')));
    }
    // A lab named on the command line that cannot run here is a failure; --all
    // runs what each declaration says runs on this target.
    if (ctx.command.kind === 'run' && skipped.length > 0) return 1;
    // A tool this distribution does not package cannot be installed: those labs skip, saying which.
    const unpackaged = await labsWithoutPackages(target, runnable);
    await preflight(target, runnable.filter((lab) => !unpackaged.has(lab)), { provision: ctx.provision, reporter });
    const reports: LabReport[] = [];
    for (const lab of runnable) {
      if (signal.aborted) break;
      const reason = unpackaged.get(lab);
      const toRun: LabDeclaration = reason ? { ...lab, run: async (labCtx) => labCtx.skip(reason) } : lab;
      reports.push(await runLab(toRun, target, reporter, { keep: ctx.keep, locale: ctx.locale, signal, siteUrl: SITE_URL }));
    }
    const ok = reports.length === runnable.length && reports.every((r) => r.ok);
    if (ctx.command.kind === 'all') {
      const count = (status: string) => reports.filter((r) => r.status === status).length;
      const counts = { passed: count('pass'), failed: count('fail'), skipped: count('skip') };
      if (ctx.json) reporter.raw(JSON.stringify({ ok, counts, labs: reports, skipped: skipped.map((l) => l.name) }, null, 2));
      else {
        const say = PHRASES[ctx.locale].cli;
        reporter.heading(say.summary);
        const mark = { pass: '✔', skip: '−', fail: '✘' } as const;
        for (const r of reports) {
          reporter.info(`  ${mark[r.status]} ${r.lab.padEnd(14)} ${(r.durationMs / 1000).toFixed(1)} s${r.skipReason ? `  ${say.skipNote(r.skipReason)}` : ''}`);
        }
        for (const l of skipped) reporter.info(`  - ${l.name.padEnd(14)} ${say.notOnTarget(target.name)}`);
        reporter.info(`\n  ${say.totals(counts.passed, counts.failed, counts.skipped)}`);
      }
    } else if (ctx.json) {
      reporter.raw(JSON.stringify(reports.length === 1 ? reports[0] : { ok, labs: reports }, null, 2));
    }
    return ok ? 0 : 1;
  });
}

async function dispatch(ctx: Context, reporter: Reporter, signal: AbortSignal): Promise<number> {
  const command = ctx.command;
  switch (command.kind) {
    case 'help':
      reporter.raw(USAGE[ctx.locale]);
      return 0;
    case 'list':
      return listLabs(reporter, ctx);
    case 'run':
      return runLabs(ctx, reporter, resolveLabs(command.labs), signal);
    case 'all':
      return runLabs(ctx, reporter, [...labs], signal);
    case 'clean':
      return withTarget(ctx, reporter, (target) => clean(target, reporter));
    case 'status':
      return withTarget(ctx, reporter, (target) => status(target, reporter));
    case 'provision':
      return withTarget(ctx, reporter, async (target) => {
        await preflight(target, labs, { provision: true, reporter });
        reporter.info(PHRASES[ctx.locale].cli.provisioned);
        return 0;
      });
    case 'vm': {
      const { vmCommand } = await import('./vm/commands.ts');
      return vmCommand(command.action, reporter);
    }
    case 'doctor': {
      const { doctor } = await import('./runner/doctor.ts');
      return doctor(reporter, ctx.locale);
    }
    case 'check':
    case 'exercises':
    case 'hint':
    case 'solution':
    case 'reset': {
      const { exerciseCommand } = await import('./exercises/cli.ts');
      return exerciseCommand(command, { ctx, reporter, signal, siteUrl: SITE_URL, withTarget: (body) => withTarget(ctx, reporter, body) });
    }
  }
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const wantsEvents = argv.includes('--events');
  const wantsJson = argv.includes('--json');
  // Until the command line is parsed, its --lang (or $LANG) as best it can be read.
  let locale = earlyLocale(argv, process.env);
  const pick = (): Reporter =>
    wantsEvents
      ? eventReporter(ndjson((line) => process.stdout.write(line)), locale)
      : wantsJson
        ? jsonReporter(processStdout, processStderr, locale)
        : humanReporter(processStdout, locale);
  let reporter = pick();
  const controller = new AbortController();
  const onSignal = (name: string) => {
    if (controller.signal.aborted) {
      process.stderr.write(`\n${PHRASES[locale].cli.stoppingNow(name)}\n`);
      process.exit(1);
    }
    process.stderr.write(`\n${PHRASES[locale].cli.stopping(name)}\n`);
    controller.abort();
  };
  // A reader of --events that goes away (the local server, killed) is a Ctrl-C: stop and clean up.
  if (wantsEvents) process.stdout.on('error', () => controller.abort());
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));

  try {
    const ctx = parseContext(argv);
    locale = ctx.locale;
    reporter = pick();
    return await dispatch(ctx, reporter, controller.signal);
  } catch (error) {
    const exitCode = error instanceof UsageError ? 2 : 1;
    // With --events a reader of the stream gets the error as an event; otherwise it goes to stderr.
    const errors = wantsEvents ? reporter : humanReporter(processStderr, locale);
    if (error instanceof UsageError) errors.error(error.text, { hint: error.hint });
    else if (error instanceof LabError) errors.error(error.text, error.details);
    else errors.error(PHRASES[locale].unexpected(error instanceof Error ? (error.stack ?? error.message) : String(error)));
    // --json: one document on stdout for every outcome, with the exit code it would have anyway.
    if (wantsJson && !wantsEvents) processStdout.write(JSON.stringify(errorDocument(error, locale, exitCode), null, 2) + '\n');
    return exitCode;
  }
}

process.exitCode = await main();
if (process.argv.includes('--keep')) {
  // With --keep, processes a lab started (a loader holding a tracepoint, say) keep
  // running on purpose, and their pipes would keep this process alive: leave once
  // the output is flushed. `npm run lab -- clean` stops them later, by pid.
  process.stdout.write('', () => process.exit());
}
