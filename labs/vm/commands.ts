// `npm run lab -- vm up|status|ssh|halt|destroy`: the VM's life cycle, with
// progress for the slow parts and a hint for every way it can go wrong.
import { execa } from 'execa';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { LabError } from '../lib/errors.ts';
import type { Reporter } from '../lib/reporter.ts';
import { bootVm, forgetSshConfig, machineStatus, STATE_DIR, VAGRANT_DIR, vagrantWithProgress, vagrantMissing } from './vagrant.ts';

export type VmAction = 'up' | 'status' | 'ssh' | 'halt' | 'destroy';

const STATE_WORDS: Record<string, string> = {
  running: 'running',
  not_created: 'not created yet (`npm run lab -- vm up` creates it)',
  poweroff: 'powered off (`npm run lab -- vm up` starts it)',
  shutoff: 'shut off (`npm run lab -- vm up` starts it)',
  saved: 'suspended (`npm run lab -- vm up` resumes it)',
  paused: 'paused (`npm run lab -- vm up` resumes it)',
  aborted: 'stopped abruptly (`npm run lab -- vm up` starts it again)',
};

async function up(reporter: Reporter): Promise<number> {
  await bootVm(reporter, { provision: true });
  const { state, provider } = await machineStatus();
  reporter.info(`The lab VM is ${state} (${provider}). Run a lab in it: npm run lab -- xdp-drop --target vagrant`);
  return state === 'running' ? 0 : 1;
}

async function status(reporter: Reporter): Promise<number> {
  const { state, provider } = await machineStatus();
  reporter.info(`lab VM: ${STATE_WORDS[state] ?? state}`);
  reporter.info(`provider: ${provider}`);
  reporter.info(`Vagrantfile: ${path.join(VAGRANT_DIR, 'Vagrantfile')}`);
  return 0;
}

/** An interactive shell: the terminal is handed to `vagrant ssh` as it is. */
async function ssh(): Promise<number> {
  const result = await execa('vagrant', ['ssh'], { cwd: VAGRANT_DIR, stdio: 'inherit', reject: false });
  if (result.code === 'ENOENT') throw vagrantMissing();
  return result.exitCode ?? 1;
}

async function halt(reporter: Reporter): Promise<number> {
  await forgetSshConfig();
  await vagrantWithProgress(['halt'], 'Shutting the lab VM down', reporter, 5 * 60_000);
  return 0;
}

async function destroy(reporter: Reporter): Promise<number> {
  await forgetSshConfig();
  await vagrantWithProgress(['destroy', '--force'], 'Destroying the lab VM', reporter, 5 * 60_000);
  // Whatever an interrupted boot left behind goes too; the next `vm up` starts clean.
  for (const file of ['xdp-labs-boot-incomplete', 'console.log']) await rm(path.join(STATE_DIR, file), { force: true });
  reporter.info('The lab VM is gone. `npm run lab -- vm up` makes a new one.');
  return 0;
}

export async function vmCommand(action: VmAction, reporter: Reporter): Promise<number> {
  try {
    switch (action) {
      case 'up':
        return await up(reporter);
      case 'status':
        return await status(reporter);
      case 'ssh':
        return await ssh();
      case 'halt':
        return await halt(reporter);
      case 'destroy':
        return await destroy(reporter);
    }
  } catch (error) {
    if (error instanceof LabError) {
      reporter.error(error.text, error.details);
      return 1;
    }
    throw error;
  }
}
