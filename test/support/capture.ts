// A reporter whose output is kept in memory, for asserting on what a learner would read.
import { humanReporter, type Output, type Reporter } from '../../labs/runner/messages.ts';

export function capturingReporter(): { reporter: Reporter; text: () => string } {
  let buffer = '';
  const output: Output = { write: (t) => void (buffer += t), isTTY: false };
  return { reporter: humanReporter(output), text: () => buffer };
}
