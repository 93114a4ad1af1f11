// The workshop target: the same lab steps, run as root inside the Vagrant VM
// through one shared SSH connection. It behaves like the local target (same
// command strings, same errors, same exit codes), so a lab and its checks
// cannot tell the two apart.
import { execa } from 'execa';
import { COMMAND_FAILED, displayCommand, nsenterPrefix, shellQuote } from '../lib/command-line.ts';
import { LabError } from '../lib/errors.ts';
import type { Text } from '../lib/locale.ts';
import type { BackgroundProcess, ExecOptions, ExecResult, Target } from '../lib/types.ts';
import type { Reporter } from '../lib/reporter.ts';
import { openRootShell, ShellLost, type RootShell } from '../vm/root-shell.ts';
import { openSsh, SshUnavailable, SSH_CLIENT_OPTIONS, type SshConnection } from '../vm/ssh.ts';
import { bootVm, bootWasInterrupted, cachedSshConfig, forgetSshConfig, machineStatus, sshConfig } from '../vm/vagrant.ts';
import { REPO_DIR } from '../lib/paths.ts';

/** Where the Vagrantfile syncs the repository in the guest (GUEST_REPO there). */
export const GUEST_REPO_DIR = '/home/vagrant/xdp-labs';
const DEFAULT_TIMEOUT_MS = 30_000;
/** Extra time the local ssh client gets beyond the remote `timeout`, before it is killed too. */
const CLIENT_GRACE_MS = 15_000;
/** What `timeout` exits with when it had to stop the command. */
const TIMEOUT_EXIT = 124;

const CONNECTION_LOST_HINT: Text = {
  en: 'Check the VM with `npm run lab -- vm status`; `npm run lab -- vm up` starts it again.',
  ko: '`npm run lab -- vm status`로 VM을 확인하세요. `npm run lab -- vm up`으로 다시 시작할 수 있습니다.',
};

/**
 * The remote command line for one argv, parsed by the guest user's login
 * shell: change directory, then become root through `sudo -n` (never a
 * password prompt) with the C locale like the local target, a hard time limit
 * inside the guest, and nsenter for a namespace. Every word is quoted, so
 * nothing in argv is interpreted by a shell; each program started costs a lot
 * under an emulated CPU, so nothing else is wrapped around it.
 */
export function remoteCommand(
  argv: readonly string[],
  options: { netns?: string | undefined; cwd?: string | undefined; timeoutMs?: number | undefined; announcePid?: boolean; alreadyRoot?: boolean },
): string {
  const inner = [...nsenterPrefix(options.netns), ...argv];
  const limit = options.timeoutMs !== undefined ? ['timeout', '--kill-after=2', `${Math.max(1, Math.ceil(options.timeoutMs / 1000))}`] : [];
  // For spawn: the guest shell prints its own pid, then execs the program (nsenter execs too), so that pid is the program's.
  // It also lifts RLIMIT_MEMLOCK, as the root shell does for exec: before Linux 5.11 a loader's maps count against it.
  const announce = options.announcePid ? ['sh', '-c', 'ulimit -l unlimited 2>/dev/null; echo "$$"; exec "$@"', 'sh'] : [];
  const root = [...(options.alreadyRoot ? [] : ['sudo', '-n', 'LC_ALL=C']), ...announce, ...limit, ...inner];
  return `cd -- ${shellQuote(options.cwd ?? GUEST_REPO_DIR)} && exec ${root.map(shellQuote).join(' ')}`;
}

/** ssh itself failed (exit 255 with its own message), as opposed to the command it ran. */
function sshFailed(exitCode: number, stderr: string): boolean {
  return exitCode === 255 && /^(ssh:|mux_client|Control socket|kex_exchange|Connection (closed|reset|refused|timed out)|client_loop)/m.test(stderr);
}

function notInstalled(exitCode: number, stderr: string): boolean {
  return exitCode === 127 && /No such file or directory|not found/.test(stderr);
}

/** Copy bpf/ and labs/ into the guest over the connection: tar exists on every host OS, rsync does not (Windows). */
async function syncRepository(ssh: SshConnection): Promise<void> {
  // As root (the rsync synced folder may have made the directory root's), then
  // handed back to the SSH user so Vagrant's own rsync can update it later.
  const script = `set -e; mkdir -p ${GUEST_REPO_DIR}; cd ${GUEST_REPO_DIR}; rm -rf bpf labs; tar -xf - --no-same-owner; chown -R "$SUDO_UID:$SUDO_GID" ${GUEST_REPO_DIR}`;
  const unpack = ['sudo', '-n', 'sh', '-c', script].map(shellQuote).join(' ');
  const result = await execa('tar', ['-cf', '-', '--exclude=.vagrant', '--exclude=*.o', 'bpf', 'labs'], { cwd: REPO_DIR, reject: false }).pipe(
    'ssh',
    [...ssh.args, ssh.host, unpack],
    { reject: false, timeout: 120_000 },
  );
  if (result.exitCode !== 0) {
    throw new LabError(
      { en: 'could not copy bpf/ and labs/ into the lab VM', ko: 'bpf/와 labs/를 실습 VM에 복사하지 못했습니다' },
      { command: `tar -c bpf labs | ssh … tar -x`, exitCode: result.exitCode ?? 1, stderr: String(result.stderr), hint: CONNECTION_LOST_HINT },
    );
  }
}

async function connect(reporter: Reporter, provision: boolean): Promise<SshConnection> {
  // Warm path: the VM is up and we know how to reach it, so Vagrant is not started at all.
  const cached = cachedSshConfig();
  if (cached !== undefined && !bootWasInterrupted()) {
    try {
      return await openSsh(cached, { connectTimeoutS: 5 });
    } catch (error) {
      if (!(error instanceof SshUnavailable)) throw error;
      await forgetSshConfig();
    }
  }
  const { state } = await machineStatus();
  if (state !== 'running' || bootWasInterrupted()) await bootVm(reporter, { provision });
  try {
    return await openSsh(await sshConfig());
  } catch (error) {
    if (!(error instanceof SshUnavailable)) throw error;
    throw new LabError(
      { en: 'the lab VM is running but does not answer on SSH', ko: '실습 VM은 실행 중이지만 SSH에 응답하지 않습니다' },
      {
        hint: {
          en: `${CONNECTION_LOST_HINT.en} If that does not help: \`npm run lab -- vm halt\` and run the lab again.`,
          ko: `${CONNECTION_LOST_HINT.ko} 그래도 안 되면 \`npm run lab -- vm halt\`로 끈 뒤 실습을 다시 실행하세요.`,
        },
      },
    );
  }
}

export async function openVagrantTarget(options: { reporter: Reporter; provision: boolean }): Promise<Target> {
  const ssh = await connect(options.reporter, options.provision);
  // Commands go through one root shell when it starts; one SSH session each otherwise
  // (and whenever the shell is busy, so that commands a lab runs side by side still can).
  // The copy and the shell's start share the connection and run side by side.
  const [synced, shell] = await Promise.allSettled([syncRepository(ssh), openRootShell(ssh)]);
  if (synced.status === 'rejected' || shell.status === 'rejected') {
    if (shell.status === 'fulfilled') await shell.value?.close();
    await ssh.close();
    throw synced.status === 'rejected' ? synced.reason : (shell as PromiseRejectedResult).reason;
  }
  return vagrantTarget(ssh, shell.value);
}

function vagrantTarget(ssh: SshConnection, shell: RootShell | undefined): Target {

  const session = (remote: string, stdinText: string | undefined, timeoutMs: number | undefined) =>
    execa('ssh', [...ssh.args, ...(stdinText === undefined ? ['-n'] : []), ssh.host, remote], {
      ...SSH_CLIENT_OPTIONS,
      ...(timeoutMs !== undefined ? { timeout: timeoutMs + CLIENT_GRACE_MS } : {}),
      ...(stdinText !== undefined ? { input: stdinText } : { stdin: 'ignore' as const }),
    });

  return {
    name: 'vagrant',
    repoDir: GUEST_REPO_DIR,
    async exec(argv, execOptions: ExecOptions = {}): Promise<ExecResult> {
      const full = [...nsenterPrefix(execOptions.netns), ...argv];
      const command = displayCommand(execOptions.netns ? argv : full) + (execOptions.netns ? `   (in netns ${execOptions.netns})` : '');
      const timeoutMs = execOptions.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      const started = Date.now();
      let exitCode: number;
      let stdout: string;
      let stderr: string;
      let clientTimedOut = false;
      let sessionFailed = false;
      if (shell?.alive && !shell.busy) {
        try {
          ({ exitCode, stdout, stderr } = await shell.run(remoteCommand(argv, { ...execOptions, timeoutMs, alreadyRoot: true }), execOptions.input, timeoutMs + CLIENT_GRACE_MS));
        } catch (error) {
          if (!(error instanceof ShellLost)) throw error;
          throw new LabError({ en: 'lost the connection to the lab VM', ko: '실습 VM과의 연결이 끊겼습니다' }, { command, stderr: error.message, hint: CONNECTION_LOST_HINT });
        }
      } else {
        const result = await session(remoteCommand(argv, { ...execOptions, timeoutMs }), execOptions.input, timeoutMs);
        exitCode = result.exitCode ?? 1;
        stdout = String(result.stdout);
        stderr = String(result.stderr);
        clientTimedOut = result.timedOut;
        sessionFailed = result.failed && result.exitCode === undefined;
      }
      if (clientTimedOut || (exitCode === TIMEOUT_EXIT && Date.now() - started >= timeoutMs - 250)) {
        throw new LabError(COMMAND_FAILED.timedOut(timeoutMs / 1000), { command, stderr });
      }
      if (sshFailed(exitCode, stderr) || sessionFailed) {
        throw new LabError({ en: 'lost the SSH connection to the lab VM', ko: '실습 VM과의 SSH 연결이 끊겼습니다' }, { command, stderr, hint: CONNECTION_LOST_HINT });
      }
      if (notInstalled(exitCode, stderr)) {
        throw new LabError(COMMAND_FAILED.notInstalled(full[0]!), {
          command,
          hint: { en: 'Run `npm run lab -- provision --target vagrant` to install the lab tools in the VM.', ko: '`npm run lab -- provision --target vagrant`로 VM에 실습 도구를 설치하세요.' },
        });
      }
      const out: ExecResult = { command, exitCode, stdout, stderr };
      if (exitCode !== 0 && !execOptions.allowFailure) {
        throw new LabError(COMMAND_FAILED.exitCode(exitCode), { command, exitCode, stderr });
      }
      return out;
    },

    async spawn(argv, spawnOptions = {}): Promise<BackgroundProcess> {
      const command = displayCommand(argv);
      let resolvePid: (pid: number | undefined) => void = () => {};
      const pidKnown = new Promise<number | undefined>((resolve) => (resolvePid = resolve));
      let first = true;
      const takePid = function* (line: unknown) {
        if (first) {
          first = false;
          const pid = Number(String(line).trim());
          resolvePid(Number.isInteger(pid) && pid > 0 ? pid : undefined);
          return;
        }
        yield String(line);
      };
      const child = execa('ssh', [...ssh.args, '-n', ssh.host, remoteCommand(argv, { ...spawnOptions, announcePid: true })], {
        ...SSH_CLIENT_OPTIONS,
        stdin: 'ignore',
        stdout: takePid,
      });
      const exited = child.then((r) => {
        resolvePid(undefined);
        return { command, exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
      });
      let pidTimer: NodeJS.Timeout | undefined;
      const pid = await Promise.race([pidKnown, new Promise<undefined>((resolve) => (pidTimer = setTimeout(resolve, 15_000, undefined)))]);
      clearTimeout(pidTimer);
      return {
        pid,
        signal: async (name) => {
          if (pid === undefined) {
            child.kill(name);
            return;
          }
          await session(remoteCommand(['kill', '-s', name.replace(/^SIG/, ''), String(pid)], { timeoutMs: 10_000 }), undefined, 10_000);
        },
        exited,
      };
    },

    async close() {
      await shell?.close();
      await ssh.close();
    },
  };
}
