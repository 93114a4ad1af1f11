// The libvirt daemon, which Vagrant's libvirt provider talks to and nothing
// else does: is it there, does it answer, may this user use it? Each cause has
// its own hint. The facts (which sockets exist, what virsh and Vagrant printed)
// are gathered apart from the reading of them, so the reading is tested with
// facts written down, on a machine without libvirt.
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { PrerequisiteError } from '../lib/errors.ts';
import type { Text } from '../lib/locale.ts';

/** Where libvirt listens: the monolithic libvirtd, and virtqemud of the modular daemons (Debian 12 and newer, Fedora). */
export const LIBVIRT_SOCKETS = ['/var/run/libvirt/libvirt-sock', '/var/run/libvirt/virtqemud-sock'] as const;

export const START_DAEMON: Text = {
  en: 'Start it and keep it on: `sudo systemctl enable --now libvirtd` (where libvirt runs modular daemons, `sudo systemctl enable --now virtqemud.socket`).',
  ko: '데몬을 켜 두세요: `sudo systemctl enable --now libvirtd` (모듈형 데몬을 쓰는 배포판은 `sudo systemctl enable --now virtqemud.socket`).',
};

export const JOIN_GROUP: Text = {
  en: 'Add yourself to the libvirt group: `sudo adduser $USER libvirt`, then log in again (or run `newgrp libvirt` in this terminal).',
  ko: '자신을 libvirt 그룹에 넣으세요: `sudo adduser $USER libvirt` 후 다시 로그인합니다(또는 이 터미널에서 `newgrp libvirt`).',
};

/** What the daemon's state is read from. */
export interface DaemonFacts {
  /** What `virsh --connect qemu:///system version --daemon` printed; undefined when virsh is not installed. */
  virsh: { exitCode: number; stdout: string; stderr: string } | undefined;
  /** Which of LIBVIRT_SOCKETS exist. */
  sockets: readonly string[];
  /** What Vagrant printed when it could not use the provider (its error lines), if it could not. */
  vagrant?: string | undefined;
}

/** The daemon's state as doctor reports it: a sentence when it answers, or a PrerequisiteError naming the cause. */
export function libvirtDaemon(facts: DaemonFacts): Text {
  const said = [facts.virsh?.stderr ?? '', facts.vagrant ?? ''].join('\n').trim();
  const shown = said ? { stderr: said } : {};
  if (facts.virsh?.exitCode === 0) {
    const version = /daemon:?\s*(\S+.*)$/im.exec(facts.virsh.stdout)?.[1]?.trim();
    return version
      ? { en: `libvirtd ${version}, answering on qemu:///system`, ko: `libvirtd ${version}, qemu:///system에서 응답합니다` }
      : { en: 'running, answering on qemu:///system', ko: '실행 중, qemu:///system에서 응답합니다' };
  }
  if (/Permission denied|authentication unavailable|org\.libvirt\.unix\.manage/i.test(said)) {
    throw new PrerequisiteError(
      { en: 'the libvirt daemon runs, but this user may not use it', ko: 'libvirt 데몬은 실행 중이지만 이 사용자에게는 사용 권한이 없습니다' },
      { ...shown, hint: JOIN_GROUP },
    );
  }
  if (facts.sockets.length === 0) {
    if (facts.virsh === undefined && !facts.vagrant) {
      throw new PrerequisiteError(
        { en: 'libvirt is not installed: there is no libvirt socket and no virsh', ko: 'libvirt가 설치되어 있지 않습니다: libvirt 소켓도 virsh도 없습니다' },
        {
          hint: {
            en: 'Install it: `sudo apt-get install libvirt-daemon-system libvirt-clients`, then run `npm run lab -- doctor` again.',
            ko: '설치하세요: `sudo apt-get install libvirt-daemon-system libvirt-clients` 후 `npm run lab -- doctor`를 다시 실행합니다.',
          },
        },
      );
    }
    throw new PrerequisiteError(
      {
        en: `the libvirt daemon is not running: neither ${LIBVIRT_SOCKETS.join(' nor ')} exists`,
        ko: `libvirt 데몬이 실행 중이 아닙니다: ${LIBVIRT_SOCKETS.join(', ')} 어느 것도 없습니다`,
      },
      { ...shown, hint: START_DAEMON },
    );
  }
  if (/Connection refused/i.test(said)) {
    throw new PrerequisiteError(
      { en: `${facts.sockets.join(' and ')} exists, but no daemon answers on it`, ko: `${facts.sockets.join(', ')} 소켓은 있지만 응답하는 데몬이 없습니다` },
      {
        ...shown,
        hint: {
          en: 'The daemon stopped without removing its socket. Restart it: `sudo systemctl restart libvirtd` (or `virtqemud`); `journalctl -u libvirtd` says why it stopped.',
          ko: '데몬이 소켓을 남긴 채 멈췄습니다. 다시 시작하세요: `sudo systemctl restart libvirtd`(또는 `virtqemud`). 멈춘 이유는 `journalctl -u libvirtd`에 있습니다.',
        },
      },
    );
  }
  if (facts.virsh === undefined && !facts.vagrant) {
    return {
      en: `${facts.sockets.join(', ')} present (install libvirt-clients for virsh to ask the daemon itself)`,
      ko: `${facts.sockets.join(', ')} 소켓이 있습니다 (데몬에게 직접 물어보려면 libvirt-clients를 설치해 virsh를 쓰세요)`,
    };
  }
  throw new PrerequisiteError(
    { en: 'the libvirt daemon does not answer', ko: 'libvirt 데몬이 응답하지 않습니다' },
    { ...shown, hint: START_DAEMON },
  );
}

/** The facts on this host: the sockets that exist, and virsh's answer (undefined when virsh is not installed). */
export async function daemonFacts(vagrant?: string): Promise<DaemonFacts> {
  const result = await execa('virsh', ['--connect', 'qemu:///system', 'version', '--daemon'], { reject: false, stdin: 'ignore', timeout: 20_000 });
  const virsh = result.code === 'ENOENT' ? undefined : { exitCode: result.exitCode ?? 1, stdout: String(result.stdout), stderr: String(result.stderr) };
  return { virsh, sockets: LIBVIRT_SOCKETS.filter((socket) => existsSync(socket)), vagrant };
}
