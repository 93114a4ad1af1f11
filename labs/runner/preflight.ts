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
  const named = /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(osRelease)?.[1];
  const system: Text = named ? { en: named, ko: named } : { en: 'this distribution', ko: '이 배포판' };
  for (const lab of labs) {
    const lacking = lab.tools.filter((tool) => unavailable.has(packages.get(tool) ?? ''));
    if (lacking.length === 0 || (await missingTools(target, lacking)).length === 0) continue;
    const what = lacking.map((tool) => `${tool} (${packages.get(tool)})`).join(', ');
    result.set(lab, { en: `needs ${what}, which ${system.en} does not package`, ko: `${what}이(가) 필요한데 ${system.ko}에는 이 패키지가 없습니다` });
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
    throw new PrerequisiteError(
      {
        en: 'the local target needs root: labs create network namespaces and attach BPF programs',
        ko: '로컬 대상에는 root 권한이 필요합니다. 실습은 네트워크 네임스페이스를 만들고 BPF 프로그램을 붙입니다',
      },
      {
        hint: {
          en: 'Run it with sudo (`sudo npm run lab xdp-drop`), or use the workshop VM: `npm run lab -- xdp-drop --target vagrant`.',
          ko: 'sudo로 실행하거나(`sudo npm run lab xdp-drop`) 워크숍 VM을 쓰세요: `npm run lab -- xdp-drop --target vagrant`.',
        },
      },
    );
  }
  const bpf = await target.exec(['test', '-e', '/proc/sys/kernel/unprivileged_bpf_disabled'], { allowFailure: true });
  if (bpf.exitCode !== 0) {
    throw new PrerequisiteError(
      {
        en: 'this kernel has no BPF system call (built without CONFIG_BPF_SYSCALL), so XDP programs cannot be loaded',
        ko: '이 커널에는 BPF 시스템 콜이 없어(CONFIG_BPF_SYSCALL 없이 빌드됨) XDP 프로그램을 로드할 수 없습니다',
      },
      {
        hint: {
          en: 'Use a distribution kernel (Debian, Ubuntu, Fedora all have it) or the workshop VM: `--target vagrant`.',
          ko: '배포판 커널(Debian, Ubuntu, Fedora 모두 BPF를 지원합니다)이나 워크숍 VM(`--target vagrant`)을 쓰세요.',
        },
      },
    );
  }

  const packages = readPackageList();
  const needed = [...new Set([...RUNNER_TOOLS, ...labs.flatMap((l) => l.tools), ...(await neededHeaders(target))])];
  const missing = await missingTools(target, needed);
  if (missing.length === 0) return;
  const names = [...new Set(missing.map((t) => packages.get(t) ?? t))];
  const hasApt = (await target.exec(['sh', '-c', 'command -v apt-get'], { allowFailure: true })).exitCode === 0;
  if (!hasApt || !options.provision) {
    throw new PrerequisiteError(
      { en: `missing tools: ${missing.join(', ')}`, ko: `없는 도구: ${missing.join(', ')}` },
      {
        hint: hasApt
          ? {
              en: `Install them with: sudo apt-get install ${names.join(' ')}   (or run without --no-provision to let the lab do it)`,
              ko: `설치 명령: sudo apt-get install ${names.join(' ')}   (--no-provision 없이 실행하면 실습이 직접 설치합니다)`,
            }
          : {
              en: `Install the packages that provide them with your distribution's package manager (on Debian/Ubuntu: ${names.join(' ')}).`,
              ko: `배포판의 패키지 관리자로 이 도구들이 든 패키지를 설치하세요(Debian/Ubuntu에서는 ${names.join(' ')}).`,
            },
      },
    );
  }
  options.reporter.info({
    en: `Missing ${missing.join(', ')}: installing ${names.join(' ')} with apt-get (use --no-provision to refuse).`,
    ko: `${missing.join(', ')}이(가) 없어 apt-get으로 ${names.join(' ')}을(를) 설치합니다(설치하지 않으려면 --no-provision).`,
  });
  const progress = options.reporter.start({ en: `Install lab tools (${names.join(' ')})`, ko: `실습 도구 설치 (${names.join(' ')})` });
  const result = await target.exec(['bash', `${target.repoDir}/labs/provision/provision.sh`], { allowFailure: true, timeoutMs: 15 * 60_000 });
  for (const line of result.stdout.split('\n').filter(Boolean)) progress.detail(line);
  if (result.exitCode !== 0) {
    progress.fail();
    throw new PrerequisiteError(
      { en: 'installing the lab tools failed', ko: '실습 도구를 설치하지 못했습니다' },
      { command: result.command, stderr: result.stderr, hint: { en: `Install them by hand: apt-get install ${names.join(' ')}`, ko: `직접 설치하세요: apt-get install ${names.join(' ')}` } },
    );
  }
  progress.done();
  const still = await missingTools(target, needed);
  if (still.length > 0) {
    throw new PrerequisiteError({ en: `still missing after provisioning: ${still.join(', ')}`, ko: `설치한 뒤에도 없는 도구: ${still.join(', ')}` });
  }
}
