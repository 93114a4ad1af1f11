// What every layer may report through: the targets, the VM package and the
// runner all take a Reporter, and labs/runner/messages.ts implements it (human
// output, --json). It lives here, below the targets, so they need no runner.
// Whatever is said in words may be given in every locale (a Text): the reporter
// prints the one --lang asked for, so code that runs before the locale is known
// (a target, the VM package, preflight) needs no locale of its own.
import type { Message } from './locale.ts';
import type { CheckResult } from './types.ts';

export interface Output {
  write(text: string): void;
  /** True when the output is an interactive terminal: spinners and colour are allowed. */
  readonly isTTY: boolean;
}

export interface Progress {
  /** A line of detail under the running step. */
  detail(text: string): void;
  done(): void;
  fail(): void;
}

export interface Reporter {
  heading(text: Message): void;
  /** Start a long piece of work; on a TTY a spinner runs until done() or fail(). */
  start(title: Message): Progress;
  info(text: Message): void;
  warn(text: Message): void;
  check(result: CheckResult, sentence: string): void;
  /**
   * A check's observation the moment the lab records it. Reporters that stream
   * (--events) send it at once; the others print the whole list at the end, from check().
   */
  recorded?(result: CheckResult, sentence: string): void;
  /** A message and hint in every locale are printed in the reporter's. */
  error(message: Message, detail?: { hint?: Message | undefined; command?: string | undefined; stderr?: string | undefined }): void;
  /** Text printed as is (a table, a JSON document when --json). */
  raw(text: string): void;
}
