// What a learner reads in a log (no terminal): steps in order, details after their step.
import { expect, test, vi } from 'vitest';
import { humanReporter, type Output } from '../../labs/runner/messages.ts';

function log(): { output: Output; text: () => string } {
  let buffer = '';
  return { output: { write: (t) => void (buffer += t), isTTY: false }, text: () => buffer };
}

test('a short step prints one line, then its details', () => {
  const { output, text } = log();
  const step = humanReporter(output).start('Compile');
  step.detail('compiled bpf/xdp.c');
  step.done();
  expect(text()).toMatch(/^ {2}✔ Compile \d+\.\d s\n {6}compiled bpf\/xdp\.c\n$/);
});

test('a long step says it is still running and then streams its details', () => {
  vi.useFakeTimers();
  try {
    const { output, text } = log();
    const step = humanReporter(output).start('Booting the lab VM');
    step.detail('early');
    vi.advanceTimersByTime(2500);
    step.detail('late');
    expect(text()).toBe('  … Booting the lab VM (still running)\n      early\n      late\n');
    step.fail();
    expect(text()).toMatch(/ {2}✘ Booting the lab VM \d+\.\d s\n$/);
  } finally {
    vi.useRealTimers();
  }
});
