// `npm run lab -- doctor` on a working setup: every line ok, exit 0.
import { expect, test } from 'vitest';
import { runCli } from '../support/run-lab.ts';

test('doctor walks the whole setup and finds every link ok', async () => {
  const result = await runCli(['doctor']);
  expect(result.stderr + result.stdout).not.toContain('✘');
  for (const line of ['Vagrant', 'Provider', 'libvirt daemon', 'VM state', 'SSH connection', 'Guest kernel', 'Lab tools in the guest', 'A lab runs']) {
    expect(result.stdout).toMatch(new RegExp(`✔ ${line}\\b`));
  }
  // doctor's last link is a real lab, run through the runner: xdp-pass, every check passed.
  expect(result.stdout).toMatch(/xdp-pass: compiled, attached, 3 of 3 checks passed, cleaned up/);
  expect(result.exitCode).toBe(0);
});
