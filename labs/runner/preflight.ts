// Before a lab creates anything: is this a place it can run? Root, a kernel
// with BPF, and the tools its declaration lists. Missing tools are installed the
// way the Vagrant VM is provisioned (labs/provision), or named exactly.
import { readFileSync } from 'node:fs';
import { PrerequisiteError } from '../lib/errors.ts';
import { PACKAGES_FILE } from '../lib/paths.ts';
import type { Text } from '../lib/locale.ts';
import type { LabDeclaration, Target } from '../lib/types.ts';
import type { Reporter } from './messages.ts';


/**
 * packages.txt: "<command or absolute path> <package> [<dpkg arch>]" per line.
 * With an architecture, the line applies to that architecture only; `arch`
 * (a dpkg name such as amd64) keeps just the lines for it.
 */
export function readPackageList(text = readFileSync(PACKAGES_FILE, 'utf8'), arch?: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of text.split('\n')) {
    const [what, pkg, onlyOn] = line.trim().split(/\s+/);
    if (!what || !pkg || what.startsWith('#')) continue;
    if (onlyOn && arch && onlyOn !== arch) continue;
    map.set(what, pkg);
  }
  return map;
}

/** Tools every lab uses through the runner itself, whatever it declares. */
const RUNNER_TOOLS = ['ip', 'nsenter'];

const DPKG_ARCH: Record<string, string> = { x86_64: 'amd64', aarch64: 'arm64', arm64: 'arm64' };

/**
 * Headers are needed by every compile, not by one lab: each header line of
 * packages.txt for the target's architecture (gnu/stubs-32.h on amd64, which
 * clang -target bpf reaches through glibc's headers) is always checked.
 */
async function neededHeaders(target: Target): Promise<string[]> {
  const machine = (await target.exec(['uname', '-m'])).stdout.trim();
  return [...readPackageList(undefined, DPKG_ARCH[machine] ?? machine).keys()].filter((what) => what.startsWith('/usr/include/'));
}

async function missingTools(target: Target, tools: string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const tool of tools) {
    const probe = tool.startsWith('/') ? ['test', '-e', tool] : ['sh', '-c', 'command -v "$1"', 'probe', tool];
    const result = await target.exec(probe, { allowFailure: true });
    if (result.exitCode !== 0) missing.push(tool);
  }
  return missing;
}

/** Where an offline box lists the lab packages its Debian release does not have (scripts/build-box.sh writes it). */
export const UNAVAILABLE_PACKAGES = '/etc/xdp-labs/unavailable-packages';

/** The packages the target's distribution does not have, as its box recorded them: none elsewhere. */
export async function unavailablePackages(target: Target): Promise<Set<string>> {
  const { stdout } = await target.exec(['cat', UNAVAILABLE_PACKAGES], { allowFailure: true });
  return new Set(stdout.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')));
}

/**
 * Labs that cannot run here because a tool they need is missing and the
 * distribution does not package it (Debian 11 has no xdp-tools): each with
 * the reason to skip it with. Installing would only fail, so preflight leaves
 * those tools out and the runner reports the labs as skipped.
 */
export async function labsWithoutPackages<L extends Pick<LabDeclaration, 'name' | 'tools'>>(target: Target, labs: readonly L[]): Promise<Map<L, Text>> {
  const result = new Map<L, Text>();
  const unavailable = await unavailablePackages(target);
  if (unavailable.size === 0) return result;
  const packages = readPackageList();
  const osRelease = (await target.exec(['cat', '/etc/os-release'], { allowFailure: true })).stdout;
  const system = /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(osRelease)?.[1] ?? 'this distribution';
  for (const lab of labs) {
    const lacking = lab.tools.filter((tool) => unavailable.has(packages.get(tool) ?? ''));
    if (lacking.length === 0 || (await missingTools(target, lacking)).length === 0) continue;
    const what = lacking.map((tool) => `${tool} (${packages.get(tool)})`).join(', ');
    result.set(lab, { en: `needs ${what}, which ${system} does not package`, ko: `${what}이(가) 필요한데 ${system}에는 이 패키지가 없습니다` });
  }
  return result;
}

export interface PreflightOptions {
  provision: boolean;
  reporter: Reporter;
}

export async function preflight(target: Target, labs: readonly Pick<LabDeclaration, 'tools'>[], options: PreflightOptions): Promise<void> {
  const uid = await target.exec(['id', '-u']);
  if (uid.stdout.trim() !== '0') {
    throw new PrerequisiteError('the local target needs root: labs create network namespaces and attach BPF programs', {
      hint: 'Run it with sudo (`sudo npm run lab xdp-drop`), or use the workshop VM: `npm run lab -- xdp-drop --target vagrant`.',
    });
  }
  const bpf = await target.exec(['test', '-e', '/proc/sys/kernel/unprivileged_bpf_disabled'], { allowFailure: true });
  if (bpf.exitCode !== 0) {
    throw new PrerequisiteError('this kernel has no BPF system call (built without CONFIG_BPF_SYSCALL), so XDP programs cannot be loaded', {
      hint: 'Use a distribution kernel (Debian, Ubuntu, Fedora all have it) or the workshop VM: `--target vagrant`.',
    });
  }

  const packages = readPackageList();
  const needed = [...new Set([...RUNNER_TOOLS, ...labs.flatMap((l) => l.tools), ...(await neededHeaders(target))])];
  const missing = await missingTools(target, needed);
  if (missing.length === 0) return;
  const names = [...new Set(missing.map((t) => packages.get(t) ?? t))];
  const hasApt = (await target.exec(['sh', '-c', 'command -v apt-get'], { allowFailure: true })).exitCode === 0;
  if (!hasApt || !options.provision) {
    throw new PrerequisiteError(`missing tools: ${missing.join(', ')}`, {
      hint: hasApt
        ? `Install them with: sudo apt-get install ${names.join(' ')}   (or run without --no-provision to let the lab do it)`
        : `Install the packages that provide them with your distribution's package manager (on Debian/Ubuntu: ${names.join(' ')}).`,
    });
  }
  options.reporter.info(`Missing ${missing.join(', ')}: installing ${names.join(' ')} with apt-get (use --no-provision to refuse).`);
  const progress = options.reporter.start(`Install lab tools (${names.join(' ')})`);
  const result = await target.exec(['bash', `${target.repoDir}/labs/provision/provision.sh`], { allowFailure: true, timeoutMs: 15 * 60_000 });
  for (const line of result.stdout.split('\n').filter(Boolean)) progress.detail(line);
  if (result.exitCode !== 0) {
    progress.fail();
    throw new PrerequisiteError('installing the lab tools failed', { command: result.command, stderr: result.stderr, hint: `Install them by hand: apt-get install ${names.join(' ')}` });
  }
  progress.done();
  const still = await missingTools(target, needed);
  if (still.length > 0) throw new PrerequisiteError(`still missing after provisioning: ${still.join(', ')}`);
}
