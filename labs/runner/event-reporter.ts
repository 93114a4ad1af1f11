// `--events`: the runner's progress as newline-delimited JSON, one event a line,
// for a program to read while the run goes on (the book's local server streams
// them into a page). The same facts as the human output, nothing more:
//   step   a step started, finished or failed (steps are numbered in order)
//   check  one check's observation, as soon as the lab records it
//   note   a heading, a line of information, a warning, or a step's detail
//   error  the run could not go on, with the hint the runner gives
//   done   the end: the same document `--json` prints
import { inLocale, type Locale, type Message } from '../lib/locale.ts';
import type { CheckResult } from '../lib/types.ts';
import type { Progress, Reporter } from './messages.ts';

export type RunEvent =
  | { type: 'step'; step: number; title: string; state: 'running' | 'done' | 'failed'; at: number; durationMs?: number }
  | ({ type: 'check'; text: string; at: number } & CheckResult)
  | { type: 'note'; level: 'heading' | 'info' | 'warn' | 'detail'; text: string; step?: number; at: number }
  | { type: 'error'; message: string; hint?: string; command?: string; stderr?: string; at: number }
  | { type: 'done'; result: unknown; at: number };

export const EVENT_TYPES: ReadonlySet<RunEvent['type']> = new Set(['step', 'check', 'note', 'error', 'done']);

/** Events go to `emit` (one JSON object each); `raw`, which prints the --json document, becomes the done event. */
export function eventReporter(emit: (event: RunEvent) => void, locale: Locale = 'en'): Reporter {
  let steps = 0;
  // Checks stream as they are recorded; the runner's closing list repeats them,
  // so only the ones never recorded (a lab that stopped early) are sent then.
  const sent = new Set<string>();
  const now = () => Date.now();
  const sendCheck = (result: CheckResult, text: string) => {
    if (sent.has(result.id)) return;
    sent.add(result.id);
    emit({ type: 'check', ...result, text, at: now() });
  };
  const words = (message: Message) => inLocale(message, locale);
  return {
    heading: (text) => emit({ type: 'note', level: 'heading', text: words(text), at: now() }),
    start(message): Progress {
      const title = words(message);
      const step = ++steps;
      const started = now();
      emit({ type: 'step', step, title, state: 'running', at: started });
      const finish = (state: 'done' | 'failed') => emit({ type: 'step', step, title, state, at: now(), durationMs: now() - started });
      return {
        detail: (text) => emit({ type: 'note', level: 'detail', text, step, at: now() }),
        done: () => finish('done'),
        fail: () => finish('failed'),
      };
    },
    info: (text) => emit({ type: 'note', level: 'info', text: words(text), at: now() }),
    warn: (text) => emit({ type: 'note', level: 'warn', text: words(text), at: now() }),
    recorded: sendCheck,
    check: sendCheck,
    error(message, detail) {
      emit({
        type: 'error',
        message: words(message),
        ...(detail?.hint ? { hint: words(detail.hint) } : {}),
        ...(detail?.command ? { command: detail.command } : {}),
        ...(detail?.stderr?.trim() ? { stderr: detail.stderr.trimEnd() } : {}),
        at: now(),
      });
    },
    raw(text) {
      let result: unknown;
      try {
        result = JSON.parse(text);
      } catch {
        emit({ type: 'note', level: 'info', text: text.trimEnd(), at: now() });
        return;
      }
      emit({ type: 'done', result, at: now() });
    },
  };
}

/** An emitter that writes each event as one line. */
export function ndjson(write: (line: string) => void): (event: RunEvent) => void {
  return (event) => write(JSON.stringify(event) + '\n');
}
