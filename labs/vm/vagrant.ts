// The Vagrant command line, as the lab VM needs it: find it (or say how to
// install it on this OS), read the machine's state, boot it with progress, and
// explain a boot that does not finish. Everything runs in labs/, where the
// Vagrantfile is; machine state lives in labs/.vagrant/.
import { execa } from 'execa';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LabError, PrerequisiteError } from '../lib/errors.ts';
import type { Text } from '../lib/locale.ts';
import { LABS_DIR } from '../lib/paths.ts';
import type { Reporter } from '../lib/reporter.ts';
import { JOIN_GROUP, START_DAEMON } from './libvirt.ts';

/** labs/: the Vagrantfile's directory. */
/** Where the Vagrantfile is: Vagrant runs there. */
export const VAGRANT_DIR = LABS_DIR;
export const STATE_DIR = path.join(VAGRANT_DIR, '.vagrant');
/** The guest's serial console, written by the provider (see CONSOLE_LOG in the Vagrantfile). */
export const CONSOLE_LOG = path.join(STATE_DIR, 'console.log');
/** Present while a boot started by us has not finished: the next run provisions again. */
const BOOT_MARKER = path.join(STATE_DIR, 'xdp-labs-boot-incomplete');
/** `vagrant ssh-config` output, kept so a warm run does not pay for starting Vagrant twice. */
export const SSH_CONFIG_CACHE = path.join(STATE_DIR, 'xdp-labs-ssh-config');

/** How long a boot may take before we give up, on top of Vagrant's own boot_timeout. */
const BOOT_LIMIT_MS = 25 * 60_000;

export function installHint(platform: NodeJS.Platform = process.platform): Text {
  switch (platform) {
    case 'darwin':
      return {
        en: 'Install Vagrant with `brew install --cask vagrant`, and a provider: on Intel Macs `brew install --cask virtualbox`; on Apple silicon VirtualBox 7.1 or newer, or VMware Fusion with `vagrant plugin install vagrant-vmware-desktop`, or Parallels with `vagrant plugin install vagrant-parallels`.',
        ko: 'Vagrant는 `brew install --cask vagrant`로 설치하고 프로바이더도 하나 설치하세요. Intel Mac은 `brew install --cask virtualbox`, Apple silicon은 VirtualBox 7.1 이상, 또는 VMware Fusion과 `vagrant plugin install vagrant-vmware-desktop`, 또는 Parallels와 `vagrant plugin install vagrant-parallels`입니다.',
      };
    case 'win32':
      return {
        en: 'Install Vagrant and VirtualBox: `winget install Hashicorp.Vagrant Oracle.VirtualBox` (or `choco install vagrant virtualbox`, or the installers from vagrantup.com and virtualbox.org), then open a new terminal.',
        ko: 'Vagrant와 VirtualBox를 설치한 뒤(`winget install Hashicorp.Vagrant Oracle.VirtualBox`, 또는 `choco install vagrant virtualbox`, 또는 vagrantup.com과 virtualbox.org의 설치 프로그램) 터미널을 새로 여세요.',
      };
    case 'linux':
      return {
        en: "On Debian or Ubuntu: `sudo apt-get install vagrant vagrant-libvirt libvirt-daemon-system` (or `vagrant virtualbox`). Elsewhere use your distribution's packages or HashiCorp's. On Linux you can also run the labs directly as root with --target local.",
        ko: 'Debian이나 Ubuntu에서는 `sudo apt-get install vagrant vagrant-libvirt libvirt-daemon-system`(또는 `vagrant virtualbox`)로 설치합니다. 다른 배포판은 배포판의 패키지나 HashiCorp의 패키지를 쓰세요. Linux에서는 --target local로 root 권한으로 실습을 바로 실행할 수도 있습니다.',
      };
    default:
      return { en: 'Install Vagrant (vagrantup.com) and a provider such as VirtualBox.', ko: 'Vagrant(vagrantup.com)와 VirtualBox 같은 프로바이더를 설치하세요.' };
  }
}

export function providerHint(platform: NodeJS.Platform = process.platform): Text {
  switch (platform) {
    case 'darwin':
      return {
        en: 'Vagrant found no provider. Install one: VirtualBox (`brew install --cask virtualbox`; 7.1+ on Apple silicon), VMware Fusion + `vagrant plugin install vagrant-vmware-desktop`, or Parallels + `vagrant plugin install vagrant-parallels`.',
        ko: 'Vagrant가 프로바이더를 찾지 못했습니다. VirtualBox(`brew install --cask virtualbox`, Apple silicon은 7.1 이상), VMware Fusion과 `vagrant plugin install vagrant-vmware-desktop`, Parallels와 `vagrant plugin install vagrant-parallels` 중 하나를 설치하세요.',
      };
    case 'win32':
      return {
        en: 'Vagrant found no provider. Install VirtualBox (`winget install Oracle.VirtualBox`), or VMware Workstation + `vagrant plugin install vagrant-vmware-desktop`.',
        ko: 'Vagrant가 프로바이더를 찾지 못했습니다. VirtualBox(`winget install Oracle.VirtualBox`)나, VMware Workstation과 `vagrant plugin install vagrant-vmware-desktop`을 설치하세요.',
      };
    default:
      return {
        en: 'Vagrant found no provider. Install libvirt (`sudo apt-get install vagrant-libvirt libvirt-daemon-system`, then add yourself to the libvirt group) or VirtualBox.',
        ko: 'Vagrant가 프로바이더를 찾지 못했습니다. libvirt(`sudo apt-get install vagrant-libvirt libvirt-daemon-system`으로 설치한 뒤 자신을 libvirt 그룹에 넣으세요)나 VirtualBox를 설치하세요.',
      };
  }
}

/** `vagrant` is not on PATH. */
export function vagrantMissing(): PrerequisiteError {
  return new PrerequisiteError({ en: 'Vagrant is not installed', ko: 'Vagrant가 설치되어 있지 않습니다' }, { hint: installHint() });
}

/** The causes of a Vagrant failure that are told apart, each with its own hint. */
export type KnownCause = 'libvirt-access' | 'libvirt-daemon' | 'vbox-driver' | 'box';

/**
 * Vagrant's failures whose cause is known, each with its own hint: no hypervisor
 * daemon to talk to (or one this user may not use), no box to start the VM from.
 * A guest that does not boot is told apart later (Vagrant times out, and the
 * console log shows why). The first pattern that matches names the cause.
 */
const KNOWN_FAILURES: readonly { cause: KnownCause; pattern: RegExp; message: Text; hint: Text }[] = [
  {
    cause: 'libvirt-access',
    pattern: /(libvirt-sock|virtqemud-sock)'?: Permission denied|authentication unavailable.*polkit|org\.libvirt\.unix\.manage/i,
    message: { en: 'Vagrant may not use the libvirt daemon: its socket refuses this user', ko: 'Vagrant가 libvirt 데몬을 쓸 수 없습니다: 데몬 소켓이 이 사용자를 거부합니다' },
    hint: JOIN_GROUP,
  },
  {
    cause: 'libvirt-daemon',
    pattern: /libvirt-sock|virConnectOpen|Is the libvirtd daemon running|Failed to connect to the hypervisor|virtqemud-sock/i,
    message: { en: 'the libvirt daemon is not running, so Vagrant cannot reach the hypervisor', ko: 'libvirt 데몬이 실행 중이 아니어서 Vagrant가 하이퍼바이저에 접근할 수 없습니다' },
    hint: { en: `${START_DAEMON.en} \`npm run lab -- doctor\` checks it.`, ko: `${START_DAEMON.ko} \`npm run lab -- doctor\`가 이를 확인합니다.` },
  },
  {
    cause: 'vbox-driver',
    pattern: /VirtualBox kernel (module|driver)|vboxdrv/i,
    message: { en: "VirtualBox's kernel driver is not loaded", ko: 'VirtualBox 커널 드라이버가 올라와 있지 않습니다' },
    hint: { en: 'Load it with `sudo modprobe vboxdrv` (or reinstall VirtualBox); with Secure Boot the module must be signed.', ko: '`sudo modprobe vboxdrv`로 올리세요(또는 VirtualBox 재설치). Secure Boot를 쓰면 모듈에 서명이 필요합니다.' },
  },
  {
    cause: 'box',
    pattern: /box '[^']*' could not be found|Couldn't find the box|box could not be found|The box you're attempting to add|could not find the box/i,
    message: { en: "the lab VM's box is not installed", ko: '실습 VM의 박스가 설치되어 있지 않습니다' },
    hint: { en: 'Build the offline box with `npm run box` and start the VM with `XDP_LABS_BOX=offline npm run lab -- vm up`, or let `npm run lab -- vm up` download the box (this needs the network).', ko: '`npm run box`로 오프라인 박스를 만든 뒤 `XDP_LABS_BOX=offline npm run lab -- vm up`으로 VM을 시작하거나, 네트워크가 되는 곳에서 `npm run lab -- vm up`이 박스를 내려받게 하세요.', },
  },
];

/** A Vagrant failure whose cause is known: what the cause is, besides the message and hint. */
export class KnownVagrantFailure extends PrerequisiteError {
  override name = 'KnownVagrantFailure';
  readonly known: KnownCause;
  constructor(known: KnownCause, output: string, message: Text, hint: Text) {
    super(message, { stderr: errorLines(output), hint });
    this.known = known;
  }
}

export function knownVagrantFailure(output: string): KnownVagrantFailure | undefined {
  const known = KNOWN_FAILURES.find((f) => f.pattern.test(output));
  return known && new KnownVagrantFailure(known.cause, output, known.message, known.hint);
}

export interface VagrantRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Run `vagrant <args>` in labs/. A missing vagrant becomes a PrerequisiteError with the install hint for this OS. */
export async function vagrant(args: readonly string[], options: { timeoutMs?: number } = {}): Promise<VagrantRun> {
  const result = await execa('vagrant', args, {
    cwd: VAGRANT_DIR,
    reject: false,
    stdin: 'ignore',
    timeout: options.timeoutMs ?? 120_000,
    env: { VAGRANT_NO_COLOR: '1', VAGRANT_CHECKPOINT_DISABLE: '1' },
  });
  if (result.code === 'ENOENT') throw vagrantMissing();
  const run = { exitCode: result.exitCode ?? 1, stdout: String(result.stdout), stderr: String(result.stderr) };
  const cannot = hostCannotRun(run);
  if (cannot) throw cannot;
  return run;
}

/** Why this host cannot run the VM at all, if Vagrant's output says: no provider, or a failure of known cause. */
function hostCannotRun(run: VagrantRun): PrerequisiteError | undefined {
  if (/No usable default provider/i.test(run.stderr)) {
    return new PrerequisiteError({ en: 'Vagrant has no provider to run the lab VM with', ko: 'Vagrant에 실습 VM을 실행할 프로바이더가 없습니다' }, { hint: providerHint(), stderr: run.stderr });
  }
  return run.exitCode !== 0 ? knownVagrantFailure(`${run.stderr}\n${run.stdout}`) : undefined;
}

export async function vagrantVersion(): Promise<string> {
  const { stdout } = await vagrant(['--version'], { timeoutMs: 60_000 });
  return stdout.replace(/^Vagrant\s+/i, '').trim();
}

export interface MachineStatus {
  /** running, not_created, poweroff, shutoff, saved, aborted, paused… as the provider names it. */
  state: string;
  provider: string;
}

/** `vagrant status --machine-readable`, parsed: lines of timestamp,target,type,data. */
export function parseMachineStatus(text: string): MachineStatus {
  let state = 'unknown';
  let provider = 'unknown';
  for (const line of text.split('\n')) {
    const [, , type, data] = line.split(',');
    if (type === 'state' && data) state = data.trim();
    if (type === 'provider-name' && data) provider = data.trim();
  }
  return { state, provider };
}

export async function machineStatus(): Promise<MachineStatus> {
  const run = await vagrant(['status', '--machine-readable']);
  if (run.exitCode !== 0) {
    throw new LabError({ en: '`vagrant status` failed', ko: '`vagrant status`가 실패했습니다' }, { command: 'vagrant status', exitCode: run.exitCode, stderr: run.stderr, hint: READ_VAGRANT });
  }
  return parseMachineStatus(run.stdout);
}

export function bootWasInterrupted(): boolean {
  return existsSync(BOOT_MARKER);
}

/** The last lines of the guest's serial console, or why there are none: a provider that writes no log, a VM that never started its kernel. */
export type ConsoleTail = { lines: string } | { none: Text };

/** The console log's text (undefined when there is no log) reduced to its last lines. */
// null, not undefined, for a log that is not there: an explicit undefined would read the real file (a default parameter).
export function consoleTail(text: string | null = readConsole(), lines = 25): ConsoleTail {
  if (text === null) {
    return { none: { en: `There is no console log at ${CONSOLE_LOG}; this provider does not write one.`, ko: `${CONSOLE_LOG}에 콘솔 로그가 없습니다. 이 프로바이더는 콘솔 로그를 남기지 않습니다.` } };
  }
  const all = text.replace(/\r/g, '').split('\n').filter((l) => l.trim() !== '');
  if (all.length === 0) return { none: { en: 'The console log is empty: the VM did not start its kernel.', ko: '콘솔 로그가 비어 있습니다. VM이 커널을 시작하지 못했습니다.' } };
  return { lines: all.slice(-lines).join('\n') };
}

function readConsole(): string | null {
  try {
    return readFileSync(CONSOLE_LOG, 'utf8');
  } catch {
    return null;
  }
}

const READ_VAGRANT: Text = {
  en: "Read Vagrant's message above; `npm run lab -- doctor` checks the whole setup.",
  ko: '위의 Vagrant 메시지를 읽어 보세요. `npm run lab -- doctor`가 설정 전체를 확인합니다.',
};

/** What to do about a guest that does not boot, after what shows how far it got (its console, or Vagrant's message). */
export function bootFailureHint(evidence: Text): Text {
  return {
    en: `${evidence.en} Try \`npm run lab -- vm halt\` then \`npm run lab -- vm up\`; if it still hangs, \`npm run lab -- vm destroy\` and start over. On a laptop, check that virtualization (VT-x/AMD-V) is enabled in the firmware, and on Windows that Hyper-V is off for VirtualBox.`,
    ko: `${evidence.ko} \`npm run lab -- vm halt\` 뒤에 \`npm run lab -- vm up\`을 해 보고, 그래도 멈추면 \`npm run lab -- vm destroy\`로 지운 뒤 처음부터 다시 시작하세요. 노트북이라면 펌웨어에서 가상화(VT-x/AMD-V)가 켜져 있는지, Windows에서 VirtualBox를 쓴다면 Hyper-V가 꺼져 있는지 확인하세요.`,
  };
}

/** A boot that ran out of time: the console's last lines as the evidence, or why there are none. */
export function bootTimedOut(command: string, tail: ConsoleTail = consoleTail()): LabError {
  const evidence: Text =
    'lines' in tail
      ? { en: `The last lines of the VM's console (${CONSOLE_LOG}) above show how far the guest got.`, ko: `위에 보이는 VM 콘솔(${CONSOLE_LOG})의 마지막 줄이 게스트가 어디까지 부팅했는지 보여 줍니다.` }
      : tail.none;
  return new LabError(
    { en: 'the lab VM did not come up in time', ko: '실습 VM이 제시간에 부팅되지 않았습니다' },
    { command, ...('lines' in tail ? { stderr: tail.lines } : {}), hint: bootFailureHint(evidence) },
  );
}

/** One line of Vagrant's output as a person would read it: no colours, no carriage-return redraws. */
export function cleanLine(line: string): string {
  const last = line.split(/\r|\x1b\[K/).filter((part) => part.trim() !== '').pop() ?? '';
  return last.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').replace(/^==> default: /, '').trimEnd();
}

/** The lines of a Vagrant error worth reading: Ruby's backtrace lines are left out. */
export function errorLines(text: string, keep = 12): string {
  const lines = text.split('\n').map(cleanLine).filter((l) => l.trim() !== '' && !/^\s+from \//.test(l) && !/^\s*Progress: \d+%/.test(l));
  return lines.slice(-keep).join('\n');
}

/**
 * Stream a vagrant command's output lines as progress detail. Used for `up`,
 * `provision`, `halt` and `destroy`, which take from seconds to minutes.
 */
export async function vagrantWithProgress(args: readonly string[], title: Text, reporter: Reporter, timeoutMs = BOOT_LIMIT_MS): Promise<VagrantRun> {
  const progress = reporter.start(title);
  const showLine = function* (line: unknown) {
    const text = cleanLine(String(line));
    // Download and upload meters redraw one line hundreds of times: not worth a detail line each.
    if (text.trim() && !/^Progress: \d+%/.test(text.trim())) progress.detail(text);
    yield String(line);
  };
  const child = execa('vagrant', args, {
    cwd: VAGRANT_DIR,
    reject: false,
    stdin: 'ignore',
    timeout: timeoutMs,
    forceKillAfterDelay: 30_000,
    stdout: showLine,
    stderr: showLine,
    env: { VAGRANT_NO_COLOR: '1', VAGRANT_CHECKPOINT_DISABLE: '1' },
  });
  const result = await child;
  if (result.code === 'ENOENT') {
    progress.fail();
    throw vagrantMissing();
  }
  const run = { exitCode: result.exitCode ?? 1, stdout: String(result.stdout), stderr: String(result.stderr) };
  if (run.exitCode === 0 && !result.timedOut) progress.done();
  else progress.fail();
  const cannot = hostCannotRun(run);
  if (cannot) throw cannot;
  if (/exited after cleanup due to external interrupt/i.test(run.stderr + run.stdout)) {
    throw new LabError(
      { en: `\`vagrant ${args[0]}\` was interrupted`, ko: `\`vagrant ${args[0]}\`이(가) 중단되었습니다` },
      {
        command: `vagrant ${args.join(' ')}`,
        hint: {
          en: 'Vagrant cleaned up after itself. Run the same command again to continue, or `npm run lab -- vm destroy` to start from nothing.',
          ko: 'Vagrant가 하던 일을 정리했습니다. 같은 명령을 다시 실행해 이어 가거나, `npm run lab -- vm destroy`로 지운 뒤 처음부터 시작하세요.',
        },
      },
    );
  }
  if (result.timedOut || /Timed out while waiting for the machine to boot/i.test(run.stderr + run.stdout)) {
    throw bootTimedOut(`vagrant ${args.join(' ')}`);
  }
  if (run.exitCode !== 0) {
    throw new LabError(
      { en: `\`vagrant ${args[0]}\` failed`, ko: `\`vagrant ${args[0]}\`이(가) 실패했습니다` },
      {
        command: `vagrant ${args.join(' ')}`,
        exitCode: run.exitCode,
        stderr: errorLines(run.stderr.trim() || run.stdout),
        hint: args[0] === 'up' ? bootFailureHint({ en: "Vagrant's message above says what failed.", ko: '무엇이 실패했는지는 위의 Vagrant 메시지에 있습니다.' }) : READ_VAGRANT,
      },
    );
  }
  return run;
}

/**
 * Bring the VM up. `provision` says whether installing is allowed at all
 * (--no-provision refuses). Vagrant provisions a new VM on its first boot; a
 * marker file stays until a boot we started has finished, so after a Ctrl-C
 * the next run provisions again instead of trusting a half-made guest.
 */
export async function bootVm(reporter: Reporter, options: { provision: boolean }): Promise<void> {
  const { state } = await machineStatus();
  const resume = bootWasInterrupted();
  await forgetSshConfig();
  await mkdir(STATE_DIR, { recursive: true });
  await writeFile(BOOT_MARKER, `${new Date().toISOString()}\n`);
  if (state === 'running') {
    if (resume && options.provision) await vagrantWithProgress(['provision'], { en: 'Provisioning the lab VM', ko: '실습 VM 프로비저닝' }, reporter);
  } else {
    const provisionFlag = !options.provision ? ['--no-provision'] : resume ? ['--provision'] : [];
    await vagrantWithProgress(['up', ...provisionFlag], { en: 'Booting the lab VM (first boot takes a few minutes)', ko: '실습 VM 부팅 (처음에는 몇 분 걸립니다)' }, reporter);
  }
  await rm(BOOT_MARKER, { force: true });
}

export async function forgetSshConfig(): Promise<void> {
  await rm(SSH_CONFIG_CACHE, { force: true });
}

/** The `vagrant ssh-config` a previous run saved, if the VM has not been halted, destroyed or booted since. */
export function cachedSshConfig(): string | undefined {
  return existsSync(SSH_CONFIG_CACHE) ? readFileSync(SSH_CONFIG_CACHE, 'utf8') : undefined;
}

/** Ask Vagrant how to reach the VM over SSH, and keep the answer in labs/.vagrant/ for the next run. */
export async function sshConfig(): Promise<string> {
  const run = await vagrant(['ssh-config']);
  if (run.exitCode !== 0 || !/^\s*HostName\s/m.test(run.stdout)) {
    throw new LabError(
      { en: 'Vagrant could not say how to reach the lab VM over SSH', ko: 'Vagrant가 실습 VM에 SSH로 접속할 방법을 알려 주지 못했습니다' },
      {
        command: 'vagrant ssh-config',
        exitCode: run.exitCode,
        stderr: run.stderr,
        hint: { en: 'Is it running? `npm run lab -- vm status`, then `npm run lab -- vm up`.', ko: 'VM이 실행 중인가요? `npm run lab -- vm status`로 확인한 뒤 `npm run lab -- vm up`을 실행하세요.' },
      },
    );
  }
  await mkdir(STATE_DIR, { recursive: true });
  await writeFile(SSH_CONFIG_CACHE, run.stdout);
  return run.stdout;
}
