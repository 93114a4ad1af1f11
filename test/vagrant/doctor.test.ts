// `npm run lab -- doctor` on a working setup: every line ok, exit 0.
import { expect, test } from 'vitest';
import { runCli } from '../support/run-lab.ts';

test('doctor walks the whole setup and finds every link ok', async () => {
  const result = await runCli(['doctor']);
  expect(result.stderr + result.stdout).not.toContain('✘');
  for (const line of ['Vagrant', 'Provider', 'VM state', 'SSH connection', 'Guest kernel', 'Lab tools in the guest', 'A trivial XDP program attaches']) {
    expect(result.stdout).toMatch(new RegExp(`✔ ${line}\\b`));
  }
  expect(result.stdout).toContain('compiled bpf/xdp.c, attached xdp_drop to lo (xdpgeneric)');
  expect(result.exitCode).toBe(0);
});
