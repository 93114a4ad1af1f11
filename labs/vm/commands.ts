// `npm run lab -- vm up|status|ssh|halt|destroy`: the VM's life cycle, with
// progress for the slow parts and a hint for every way it can go wrong.
import { execa } from 'execa';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { LabError } from '../lib/errors.ts';
import type { Text } from '../lib/locale.ts';
import type { Reporter } from '../lib/reporter.ts';
import { bootVm, forgetSshConfig, machineStatus, STATE_DIR, VAGRANT_DIR, vagrantWithProgress, vagrantMissing } from './vagrant.ts';

export type VmAction = 'up' | 'status' | 'ssh' | 'halt' | 'destroy';

const STATE_WORDS: Record<string, Text> = {
  running: { en: 'running', ko: '실행 중' },
  not_created: { en: 'not created yet (`npm run lab -- vm up` creates it)', ko: '아직 만들지 않음 (`npm run lab -- vm up`으로 만듭니다)' },
  poweroff: { en: 'powered off (`npm run lab -- vm up` starts it)', ko: '꺼져 있음 (`npm run lab -- vm up`으로 켭니다)' },
  shutoff: { en: 'shut off (`npm run lab -- vm up` starts it)', ko: '꺼져 있음 (`npm run lab -- vm up`으로 켭니다)' },
  saved: { en: 'suspended (`npm run lab -- vm up` resumes it)', ko: '일시 중단됨 (`npm run lab -- vm up`으로 이어서 켭니다)' },
  paused: { en: 'paused (`npm run lab -- vm up` resumes it)', ko: '일시 정지됨 (`npm run lab -- vm up`으로 이어서 켭니다)' },
  aborted: { en: 'stopped abruptly (`npm run lab -- vm up` starts it again)', ko: '갑자기 멈춤 (`npm run lab -- vm up`으로 다시 켭니다)' },
};

async function up(reporter: Reporter): Promise<number> {
  await bootVm(reporter, { provision: true });
  const { state, provider } = await machineStatus();
  reporter.info({
    en: `The lab VM is ${state} (${provider}). Run a lab in it: npm run lab -- xdp-drop --target vagrant`,
    ko: `실습 VM 상태: ${state} (${provider}). 실습 실행: npm run lab -- xdp-drop --target vagrant`,
  });
  return state === 'running' ? 0 : 1;
}

async function status(reporter: Reporter): Promise<number> {
  const { state, provider } = await machineStatus();
  const words = STATE_WORDS[state] ?? { en: state, ko: state };
  reporter.info({ en: `lab VM: ${words.en}`, ko: `실습 VM: ${words.ko}` });
  reporter.info({ en: `provider: ${provider}`, ko: `프로바이더: ${provider}` });
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
  await vagrantWithProgress(['halt'], { en: 'Shutting the lab VM down', ko: '실습 VM 끄기' }, reporter, 5 * 60_000);
  return 0;
}

async function destroy(reporter: Reporter): Promise<number> {
  await forgetSshConfig();
  await vagrantWithProgress(['destroy', '--force'], { en: 'Destroying the lab VM', ko: '실습 VM 삭제' }, reporter, 5 * 60_000);
  // Whatever an interrupted boot left behind goes too; the next `vm up` starts clean.
  for (const file of ['xdp-labs-boot-incomplete', 'console.log']) await rm(path.join(STATE_DIR, file), { force: true });
  reporter.info({ en: 'The lab VM is gone. `npm run lab -- vm up` makes a new one.', ko: '실습 VM을 지웠습니다. `npm run lab -- vm up`으로 새로 만들 수 있습니다.' });
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
