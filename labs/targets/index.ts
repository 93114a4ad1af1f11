// Which target a run uses, and opening it. The rule (the CLI contract):
// --target, else $XDP_LAB_TARGET, else Vagrant when it is installed (on a Linux
// host as root: once the lab VM exists), else the local target on Linux, else a
// message saying what to install.
import { execa } from 'execa';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError, PrerequisiteError } from '../lib/errors.ts';
import type { Target, TargetName } from '../lib/types.ts';
import type { Reporter } from '../runner/messages.ts';
import { createLocalTarget } from './local.ts';

export const TARGET_NAMES: readonly TargetName[] = ['local', 'vagrant'];
export const REPO_DIR = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');

async function installed(command: string): Promise<boolean> {
  const result = await execa('sh', ['-c', 'command -v "$1"', 'probe', command], { reject: false });
  return result.exitCode === 0;
}

/** Vagrant keeps one folder per provider under .vagrant/machines/default, with an `id` once the VM was created. */
export function labVmCreated(): boolean {
  const machines = join(REPO_DIR, 'labs', '.vagrant', 'machines', 'default');
  if (!existsSync(machines)) return false;
  return readdirSync(machines).some((provider) => existsSync(join(machines, provider, 'id')));
}

export async function chooseTarget(
  requested: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  onNotice?: (text: string) => void,
): Promise<TargetName> {
  const name = requested ?? env['XDP_LAB_TARGET'];
  if (name !== undefined) {
    if (!TARGET_NAMES.includes(name as TargetName)) {
      throw new UsageError(`unknown target "${name}"`, `Use --target local or --target vagrant.`);
    }
    return name as TargetName;
  }
  if (await installed('vagrant')) {
    // A Linux host run as root can do every lab itself. There, Vagrant wins only
    // once the lab VM exists: merely having Vagrant installed (a CI machine, a
    // developer's workstation) must not turn a two-second lab into a VM boot.
    if (process.platform === 'linux' && process.getuid?.() === 0 && !labVmCreated()) {
      onNotice?.('Vagrant is installed but the lab VM was never created: running on this host (--target vagrant uses the VM).');
      return 'local';
    }
    return 'vagrant';
  }
  if (process.platform === 'linux') return 'local';
  throw new PrerequisiteError(`no target can run labs on ${process.platform}`, {
    hint: 'Install Vagrant and a provider (VirtualBox, VMware, Parallels or libvirt) and run the lab again; see the "Setting up for a workshop" page.',
  });
}

export async function openTarget(name: TargetName, options: { reporter: Reporter; provision: boolean }): Promise<Target> {
  if (name === 'local') {
    if (process.platform !== 'linux') {
      throw new PrerequisiteError('the local target needs a Linux host', { hint: 'Use the VM instead: --target vagrant.' });
    }
    return createLocalTarget(REPO_DIR);
  }
  const { openVagrantTarget } = await import('./vagrant.ts');
  return openVagrantTarget(options);
}
