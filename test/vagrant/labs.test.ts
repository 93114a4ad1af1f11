// Every lab that declares the vagrant target, run for real inside the lab VM
// through the CLI with --target vagrant: the same declaration, the same checks,
// the same JSON as on the local target. Needs a running VM (scripts/ci-vagrant.sh
// brings one up; `npm run test:vagrant` does all of it).
import { describe, expect, test } from 'vitest';
import { labs } from '../../labs/catalog/index.ts';
import { runCli, runLabJson } from '../support/run-lab.ts';

// XDP_LABS_VM_LABS=a,b narrows the list (CI sets it after `--all --target vagrant` has run every lab).
const only = process.env['XDP_LABS_VM_LABS']?.split(',').filter(Boolean);
const inVm = labs.filter((lab) => lab.targets.includes('vagrant') && (!only || only.includes(lab.name)));

// Each lab runs once; every test about it reads the same report.
const runs = new Map<string, ReturnType<typeof runLabJson>>();
function runInVm(name: string): ReturnType<typeof runLabJson> {
  if (!runs.has(name)) runs.set(name, runLabJson(name, 'vagrant'));
  return runs.get(name)!;
}

describe.each(inVm.map((lab) => [lab.name, lab] as const))('%s inside the VM', (name, lab) => {
  test('every declared check passes, in the declared order, and the run leaves nothing behind', async () => {
    const { exitCode, report, stderr } = await runInVm(name);
    expect(report.checks.filter((c) => !c.ok), stderr).toEqual([]);
    expect(report).toMatchObject({ lab: name, target: 'vagrant', ok: true });
    expect(report.checks.map((c) => c.id)).toEqual(lab.checks.map((c) => c.id));
    expect(exitCode).toBe(0);
    // `status` lists what runs are still holding inside the target: this one must be gone.
    const status = await runCli(['status', '--target', 'vagrant']);
    expect(status.stdout).not.toContain(report.runId);
  });
});

test.runIf(inVm.some((lab) => lab.name === 'xdp-drop'))('xdp-drop in the VM observes what it observes locally: the refusal and exact counters', async () => {
  const { report } = await runInVm('xdp-drop');
  const observed = Object.fromEntries(report.checks.map((c) => [c.id, c.observed]));
  expect(observed['lo-native-refused']).toBe('Error: Underlying driver does not support XDP in native mode.');
  expect([observed['lo-generic-counted'], observed['veth-native-counted'], observed['veth-generic-counted']]).toEqual(['10', '10', '10']);
});
