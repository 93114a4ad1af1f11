// All human output of the runner goes through here, so it looks the same
// everywhere, can be silenced for --json, and can be captured by tests.
import type { Output, Progress, Reporter } from '../lib/reporter.ts';
import { explainError, LabError, PrerequisiteError, UsageError } from '../lib/errors.ts';
import { inLocale, type Locale, type Message } from '../lib/locale.ts';
import { PHRASES } from './phrases.ts';

export type { Output, Progress, Reporter } from '../lib/reporter.ts';

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

function paint(output: Output) {
  const on = output.isTTY && !process.env['NO_COLOR'];
  const code = (n: number) => (s: string) => (on ? `\x1b[${n}m${s}\x1b[0m` : s);
  return { green: code(32), red: code(31), yellow: code(33), dim: code(2), bold: code(1) };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Human output: a step line per step (with a spinner on a TTY), checks as ✔/✘ with expected vs observed. */
export function humanReporter(output: Output, locale: Locale = 'en'): Reporter {
  const c = paint(output);
  const say = PHRASES[locale];
  const line = (s: string) => output.write(s + '\n');
  const words = (message: Message) => inLocale(message, locale);
  return {
    heading: (text) => line('\n' + c.bold(words(text))),
    start(message) {
      const title = words(message);
      const started = Date.now();
      const details: string[] = [];
      let frame = 0;
      let long = false;
      const printDetails = () => details.splice(0).forEach((d) => line(`      ${c.dim(d)}`));
      // On a terminal a spinner with the latest detail; in a log, a line once a
      // step runs long enough to wonder about, and its details as they come.
      const timer = output.isTTY
        ? setInterval(() => {
            const latest = details.at(-1);
            const tail = latest ? c.dim(` — ${latest.slice(0, 60)}`) : '';
            output.write(`\r\x1b[2K  ${c.dim(SPINNER[frame++ % SPINNER.length]!)} ${title} ${c.dim(seconds(Date.now() - started))}${tail}`);
          }, 100)
        : setTimeout(() => {
            long = true;
            line(`  … ${title} (${say.stillRunning})`);
            printDetails();
          }, 2000);
      const finish = (mark: string) => {
        clearInterval(timer);
        if (output.isTTY) output.write('\r\x1b[2K');
        line(`${mark} ${title} ${c.dim(seconds(Date.now() - started))}`);
        printDetails();
      };
      return {
        // Short steps print their details after the step's line, so a log reads in order.
        detail: (text) => {
          details.push(text);
          if (long) printDetails();
        },
        done: () => finish(c.green('  ✔')),
        fail: () => finish(c.red('  ✘')),
      };
    },
    info: (text) => line(words(text)),
    warn: (text) => line(c.yellow(`! ${words(text)}`)),
    check(result, sentence) {
      const mark = result.skip !== undefined ? c.yellow('SKIP') : result.ok ? c.green('PASS') : c.red('FAIL');
      line(`  ${mark} ${result.id}: ${sentence}`);
      if (result.skip !== undefined) {
        line(c.dim(`       ${result.observed}`));
      } else if (!result.ok) {
        if (result.frame) line(`       ${say.frame}: ${result.frame}`);
        if (result.hex) line(c.dim(`       hex: ${result.hex}`));
        line(`       ${say.expected}: ${result.expected}`);
        line(`       ${say.observed}: ${result.observed}`);
      } else {
        line(c.dim(`       ${say.observed}: ${result.observed}`));
      }
    },
    error(message, detail) {
      line(c.red(`✘ ${words(message)}`));
      if (detail?.command) line(c.dim(`  ${say.command}: ${detail.command}`));
      if (detail?.stderr?.trim()) line(detail.stderr.trimEnd().split('\n').map((l) => `  │ ${l}`).join('\n'));
      if (detail?.hint) line(`  → ${words(detail.hint)}`);
    },
    raw: (text) => output.write(text.endsWith('\n') ? text : text + '\n'),
  };
}

/** --json: nothing but the final document goes to stdout; errors still reach stderr. */
export function jsonReporter(stdout: Output, stderr: Output, locale: Locale = 'en'): Reporter {
  const quiet: Progress = { detail: () => {}, done: () => {}, fail: () => {} };
  const human = humanReporter(stderr, locale);
  return {
    heading: () => {},
    start: () => quiet,
    info: () => {},
    warn: (text) => human.warn(text),
    check: () => {},
    error: (message, detail) => human.error(message, detail),
    raw: (text) => stdout.write(text.endsWith('\n') ? text : text + '\n'),
  };
}

/**
 * What --json prints when no lab report can say it: a usage error, a machine
 * that cannot run labs (not root, no BPF), a target that cannot be reached.
 * The exit code stays what it would be without --json.
 */
export function errorDocument(error: unknown, locale: Locale, exitCode: number): object {
  const kind = error instanceof UsageError ? 'usage' : error instanceof PrerequisiteError ? 'prerequisite' : error instanceof LabError ? 'error' : 'unexpected';
  const { message, hint } = explainError(error, locale);
  return { ok: false, status: 'error', exitCode, error: { kind, message, ...(hint ? { hint } : {}) } };
}

export const processStdout: Output = { write: (t) => process.stdout.write(t), isTTY: Boolean(process.stdout.isTTY) };
export const processStderr: Output = { write: (t) => process.stderr.write(t), isTTY: Boolean(process.stderr.isTTY) };
