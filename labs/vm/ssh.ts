// One SSH connection to the lab VM, shared by every command of a run. Vagrant
// starts Ruby and its plugins for each `vagrant ssh` (2-3 s); an OpenSSH
// control master, opened once from `vagrant ssh-config`, lets each command
// after it start in a few milliseconds. The master's socket lives in a private
// temporary directory and dies with close(), or on its own after ten idle
// minutes if the runner is killed.
import { execa, type Options } from 'execa';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Quote one word for a POSIX shell: the guest's login shell parses the remote command line. */

/** The Host name `vagrant ssh-config` writes (one machine: "default"). */
export function sshHostAlias(config: string): string {
  return /^Host\s+(\S+)/m.exec(config)?.[1] ?? 'default';
}

export interface SshConnection {
  readonly host: string;
  /** ssh arguments that reuse the master: put them before the host. */
  readonly args: readonly string[];
  /** True when the master answered; false means every command opens its own connection (Windows). */
  readonly multiplexed: boolean;
  close(): Promise<void>;
}

/** Windows' OpenSSH has no connection sharing (no Unix sockets for ControlPath). */
const CAN_MULTIPLEX = process.platform !== 'win32';

export async function openSsh(config: string, options: { connectTimeoutS?: number } = {}): Promise<SshConnection> {
  const dir = await mkdtemp(path.join(tmpdir(), 'xdp-labs-ssh-'));
  const configFile = path.join(dir, 'config');
  await writeFile(configFile, config, { mode: 0o600 });
  const host = sshHostAlias(config);
  const control = path.join(dir, 'cm');
  const common = [
    '-F', configFile,
    '-o', 'BatchMode=yes',
    '-o', `ConnectTimeout=${options.connectTimeoutS ?? 10}`,
    '-o', 'ServerAliveInterval=15',
    '-o', 'LogLevel=ERROR',
  ];
  const muxArgs = CAN_MULTIPLEX ? ['-o', `ControlPath=${control}`, '-o', 'ControlMaster=no'] : [];
  const removeDir = () => rm(dir, { recursive: true, force: true });

  if (CAN_MULTIPLEX) {
    // -f -N: authenticate, then go to the background holding the connection.
    // Detached and with no stdio, so Ctrl-C in the terminal cannot reach it and
    // execa does not wait on its pipes.
    const master = await execa('ssh', [...common, '-o', `ControlPath=${control}`, '-o', 'ControlMaster=yes', '-o', 'ControlPersist=600', '-f', '-N', host], {
      reject: false,
      stdio: 'ignore',
      detached: true,
      timeout: ((options.connectTimeoutS ?? 10) + 20) * 1000,
    });
    if (master.exitCode !== 0) {
      await removeDir();
      throw new SshUnavailable(`ssh could not connect to the lab VM (exit ${master.exitCode ?? 'none'})`);
    }
  } else {
    const probe = await execa('ssh', [...common, host, 'true'], { reject: false, stdin: 'ignore', timeout: 60_000 });
    if (probe.exitCode !== 0) {
      await removeDir();
      throw new SshUnavailable(`ssh could not connect to the lab VM: ${String(probe.stderr).trim()}`);
    }
  }

  let closed = false;
  return {
    host,
    args: [...common, ...muxArgs],
    multiplexed: CAN_MULTIPLEX,
    async close() {
      if (closed) return;
      closed = true;
      if (CAN_MULTIPLEX) {
        await execa('ssh', [...common, '-o', `ControlPath=${control}`, '-O', 'exit', host], { reject: false, stdin: 'ignore', timeout: 15_000 });
      }
      await removeDir();
    },
  };
}

/** The cached ssh-config no longer reaches a VM (halted, rebooted on another port): ask Vagrant again. */
export class SshUnavailable extends Error {
  override name = 'SshUnavailable';
}

/** Options for an ssh client process: in its own process group, so a terminal's Ctrl-C reaches only the runner. */
export const SSH_CLIENT_OPTIONS = { detached: true, reject: false } as const satisfies Options;
