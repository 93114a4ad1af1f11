// Which target a run uses, and opening it. The rule (the CLI contract):
// --target, else $XDP_LAB_TARGET, else Vagrant when it is installed (on a Linux
// host as root: once the lab VM exists), else the local target on Linux, else a
// message saying what to install.
import { execa } from 'execa';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError, PrerequisiteError } from '../lib/errors.ts';
import type { Text } from '../lib/locale.ts';
import type { Target, TargetName } from '../lib/types.ts';
import type { Reporter } from '../lib/reporter.ts';
import { LABS_DIR, REPO_DIR } from '../lib/paths.ts';
import { createLocalTarget } from './local.ts';

export const TARGET_NAMES: readonly TargetName[] = ['local', 'vagrant'];

async function installed(command: string): Promise<boolean> {
  const result = await execa('sh', ['-c', 'command -v "$1"', 'probe', command], { reject: false });
  return result.exitCode === 0;
}

/** Vagrant keeps one folder per provider under .vagrant/machines/default, with an `id` once the VM was created. */
export function labVmCreated(): boolean {
  const machines = join(LABS_DIR, '.vagrant', 'machines', 'default');
  if (!existsSync(machines)) return false;
  return readdirSync(machines).some((provider) => existsSync(join(machines, provider, 'id')));
}

/** What the choice depends on besides the command line: gathered by hostFacts, given by tests. */
export interface HostFacts {
  platform: NodeJS.Platform;
  /** undefined where there are no uids (Windows). */
  uid: number | undefined;
  vagrantInstalled: boolean;
  /** The lab VM has been created (`npm run lab -- vm up`), running or not. */
  vmCreated: boolean;
}

export async function hostFacts(): Promise<HostFacts> {
  return { platform: process.platform, uid: process.getuid?.(), vagrantInstalled: await installed('vagrant'), vmCreated: labVmCreated() };
}

export function chooseTarget(
  requested: string | undefined,
  env: NodeJS.ProcessEnv,
  facts: HostFacts,
  onNotice?: (text: Text) => void,
): TargetName {
  const name = requested ?? env['XDP_LAB_TARGET'];
  if (name !== undefined) {
    if (!TARGET_NAMES.includes(name as TargetName)) {
      throw new UsageError(
        { en: `unknown target "${name}"`, ko: `알 수 없는 대상 "${name}"` },
        { en: 'Use --target local or --target vagrant.', ko: '--target local 또는 --target vagrant를 쓰세요.' },
      );
    }
    return name as TargetName;
  }
  if (facts.vagrantInstalled) {
    // A Linux host run as root can do every lab itself. There, Vagrant wins only
    // once the lab VM exists: merely having Vagrant installed (a CI machine, a
    // developer's workstation) must not turn a two-second lab into a VM boot.
    if (facts.platform === 'linux' && facts.uid === 0 && !facts.vmCreated) {
      onNotice?.({
        en: 'Vagrant is installed but the lab VM was never created: running on this host (--target vagrant uses the VM).',
        ko: 'Vagrant는 설치되어 있지만 실습 VM을 만든 적이 없어 이 호스트에서 실행합니다 (--target vagrant를 주면 VM을 씁니다).',
      });
      return 'local';
    }
    return 'vagrant';
  }
  if (facts.platform === 'linux') return 'local';
  throw new PrerequisiteError(
    { en: `no target can run labs on ${facts.platform}`, ko: `${facts.platform}에서는 실습을 실행할 대상이 없습니다` },
    {
      hint: {
        en: 'Install Vagrant and a provider (VirtualBox, VMware, Parallels or libvirt) and run the lab again; see the "Setting up for a workshop" page.',
        ko: 'Vagrant와 프로바이더(VirtualBox, VMware, Parallels, libvirt 중 하나)를 설치한 뒤 다시 실행하세요. "워크숍 준비" 페이지를 참고하세요.',
      },
    },
  );
}

export async function openTarget(name: TargetName, options: { reporter: Reporter; provision: boolean }): Promise<Target> {
  if (name === 'local') {
    if (process.platform !== 'linux') {
      throw new PrerequisiteError(
        { en: 'the local target needs a Linux host', ko: '로컬 대상은 Linux 호스트에서만 실행됩니다' },
        { hint: { en: 'Use the VM instead: --target vagrant.', ko: '대신 VM을 쓰세요: --target vagrant.' } },
      );
    }
    return createLocalTarget(REPO_DIR);
  }
  const { openVagrantTarget } = await import('./vagrant.ts');
  return openVagrantTarget(options);
}
