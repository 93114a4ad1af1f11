// `npm run lab -- doctor`: the workshop setup, checked one link at a time, in
// the order a learner would fix it. Each line is ok, or says what to do; the
// first link that is missing stops the walk, because everything after it would
// fail for the same reason.
import { execa } from 'execa';
import { explainError, LabError, type Explained } from '../lib/errors.ts';
import type { Target } from '../lib/types.ts';
import type { Reporter } from '../lib/reporter.ts';
import { readPackageList, unavailablePackages } from './preflight.ts';
import { openVagrantTarget } from '../targets/vagrant.ts';
import { findLab } from '../catalog/index.ts';
import { inLocale, type Locale, type Message, type Text } from '../lib/locale.ts';
import { bookUrl } from './book-url.ts';
import { jsonReporter } from './messages.ts';
import { runLab } from './run-lab.ts';
import { daemonFacts, libvirtDaemon } from '../vm/libvirt.ts';
import { installHint, KnownVagrantFailure, machineStatus, providerHint, vagrantVersion } from '../vm/vagrant.ts';

/** A line's finding in the run's words already (a lab run's own report), as opposed to a LabError's Text. */
class Unmet extends Error {
  readonly explained: Explained;
  constructor(explained: Explained) {
    super(explained.message);
    this.explained = explained;
  }
}

/** One line of the report: the body returns what it found, or throws a LabError (or Unmet) saying what to do. */
async function line(reporter: Reporter, locale: Locale, title: Text, body: () => Promise<Message>): Promise<boolean> {
  const progress = reporter.start(title);
  try {
    progress.detail(inLocale(await body(), locale));
    progress.done();
    return true;
  } catch (error) {
    if (!(error instanceof LabError) && !(error instanceof Unmet)) throw error;
    const { message, hint } = error instanceof Unmet ? error.explained : explainError(error, locale);
    const stderr = error instanceof LabError ? error.details.stderr : undefined;
    progress.detail(message);
    if (stderr?.trim()) for (const l of stderr.trim().split('\n').slice(-8)) progress.detail(`│ ${l}`);
    if (hint) progress.detail(`→ ${hint}`);
    progress.fail();
    return false;
  }
}

/** The version a provider reports, or undefined when its tool is not on PATH. */
async function providerVersion(provider: string): Promise<string | undefined> {
  const probes: Record<string, [string, string[]]> = {
    libvirt: ['virsh', ['--version']],
    virtualbox: ['VBoxManage', ['--version']],
    parallels: ['prlctl', ['--version']],
    vmware_desktop: ['vmrun', []],
  };
  const probe = probes[provider];
  if (!probe) return undefined;
  const result = await execa(probe[0], probe[1], { reject: false, stdin: 'ignore', timeout: 20_000 });
  if (result.code === 'ENOENT') return undefined;
  const text = `${String(result.stdout)}\n${String(result.stderr)}`;
  return /\d+\.\d+(\.\d+)?\S*/.exec(text)?.[0];
}

const PLUGIN: Record<string, string> = {
  libvirt: 'vagrant-libvirt',
  vmware_desktop: 'vagrant-vmware-desktop',
  parallels: 'vagrant-parallels',
};

async function pluginVersion(provider: string): Promise<string | undefined> {
  const plugin = PLUGIN[provider];
  if (!plugin) return undefined;
  const result = await execa('vagrant', ['plugin', 'list'], { reject: false, stdin: 'ignore', timeout: 60_000, env: { VAGRANT_NO_COLOR: '1' } });
  return new RegExp(`${plugin} \\(([^,)]+)`).exec(String(result.stdout))?.[1];
}

/**
 * The smallest real lab, run by the runner itself (compile, attach, traffic,
 * checks, cleanup): what works here works for every lab. Its own output is
 * kept quiet; the line says how it went.
 */
async function smallestLab(target: Target, locale: Locale): Promise<Text> {
  const lab = findLab('xdp-pass')!;
  const quiet = jsonReporter({ write: () => {}, isTTY: false }, { write: () => {}, isTTY: false }, locale);
  const report = await runLab(lab, target, quiet, { keep: false, locale, signal: new AbortController().signal, siteUrl: bookUrl() });
  if (report.error) throw new Unmet(report.error);
  const failed = report.checks.filter((c) => !c.ok);
  if (failed.length) {
    throw new LabError(
      {
        en: `${lab.name}: ${failed.map((c) => `${c.id} expected ${c.expected}, observed ${c.observed}`).join('; ')}`,
        ko: `${lab.name}: ${failed.map((c) => `${c.id} 기대값 ${c.expected}, 관측값 ${c.observed}`).join('; ')}`,
      },
      { hint: { en: 'Run it with its own output: `npm run lab -- xdp-pass --target vagrant`.', ko: '출력을 보면서 실행해 보세요: `npm run lab -- xdp-pass --target vagrant`.' } },
    );
  }
  const seconds = (report.durationMs / 1000).toFixed(1);
  const n = report.checks.length;
  return {
    en: `${lab.name}: compiled, attached, ${n} of ${n} checks passed, cleaned up (${seconds} s)`,
    ko: `${lab.name}: 컴파일, 붙이기, 확인 ${n}개 모두 통과, 정리 완료 (${seconds}초)`,
  };
}

/** Whether Vagrant could not read the VM's state because of the libvirt daemon (then the provider is libvirt, and the daemon's line says the rest). */
function daemonFailure(error: unknown): KnownVagrantFailure | undefined {
  return error instanceof KnownVagrantFailure && (error.known === 'libvirt-daemon' || error.known === 'libvirt-access') ? error : undefined;
}

/** A state Vagrant names, in Korean; the English line says it as Vagrant does. */
const STATE_KO: Record<string, string> = { not_created: '아직 만들지 않음', poweroff: '꺼짐', shutoff: '꺼짐', saved: '일시 중단됨', paused: '일시 정지됨', aborted: '갑자기 멈춤' };

export async function doctor(reporter: Reporter, locale: Locale = 'en'): Promise<number> {
  reporter.heading({ en: 'Checking the lab VM setup', ko: '실습 VM 설정 확인' });
  let provider = 'unknown';
  let state = 'unknown';
  /** Set when `vagrant status` failed because of the libvirt daemon: what it printed. */
  let daemonSaid: string | undefined;
  const ok =
    (await line(reporter, locale, { en: 'Vagrant', ko: 'Vagrant' }, async () => `Vagrant ${await vagrantVersion()}`)) &&
    (await line(reporter, locale, { en: 'Provider', ko: '프로바이더' }, async () => {
      try {
        ({ provider, state } = await machineStatus());
      } catch (error) {
        const failure = daemonFailure(error);
        if (!failure) throw error;
        provider = 'libvirt';
        daemonSaid = failure.details.stderr ?? '';
      }
      if (provider === 'unknown') {
        throw new LabError({ en: 'Vagrant names no provider for the lab VM', ko: 'Vagrant가 실습 VM의 프로바이더를 정하지 못했습니다' }, { hint: providerHint() });
      }
      const version = await providerVersion(provider);
      const plugin = await pluginVersion(provider);
      const found = (word: string) => [provider, version && `${provider} ${version}`, plugin && `${word} ${PLUGIN[provider]} ${plugin}`].filter(Boolean).join(', ');
      return { en: found('plugin'), ko: found('플러그인') };
    })) &&
    (provider !== 'libvirt' || (await line(reporter, locale, { en: 'libvirt daemon', ko: 'libvirt 데몬' }, async () => libvirtDaemon(await daemonFacts(daemonSaid))))) &&
    (await line(reporter, locale, { en: 'VM state', ko: 'VM 상태' }, async () => {
      // vagrant status could not answer before the daemon's line; now that the daemon answers, ask again.
      if (daemonSaid !== undefined) ({ state } = await machineStatus());
      if (state !== 'running') {
        throw new LabError(
          { en: `the lab VM is ${state.replace('_', ' ')}`, ko: `실습 VM이 실행 중이 아닙니다 (상태: ${STATE_KO[state] ?? state})` },
          { hint: { en: 'Start it: `npm run lab -- vm up` (the first boot takes a few minutes).', ko: '`npm run lab -- vm up`으로 켜세요(처음 부팅은 몇 분 걸립니다).' } },
        );
      }
      return { en: 'running', ko: '실행 중' };
    }));
  if (!ok) return 1;

  let target: Target | undefined;
  try {
    const connected = await line(reporter, locale, { en: 'SSH connection', ko: 'SSH 연결' }, async () => {
      const started = Date.now();
      target = await openVagrantTarget({ reporter, provision: false });
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      return {
        en: `one shared connection, opened in ${seconds} s; bpf/ and labs/ copied in`,
        ko: `공유 연결 하나를 ${seconds}초 만에 열고 bpf/와 labs/를 복사했습니다`,
      };
    });
    if (!connected || !target) return 1;
    const vm = target;
    const results = [
      await line(reporter, locale, { en: 'Guest kernel', ko: '게스트 커널' }, async () => {
        const kernel = (await vm.exec(['uname', '-srm'])).stdout.trim();
        const bpf = await vm.exec(['test', '-e', '/proc/sys/kernel/unprivileged_bpf_disabled'], { allowFailure: true });
        if (bpf.exitCode !== 0) {
          throw new LabError(
            { en: `${kernel} has no BPF system call`, ko: `${kernel}에는 BPF 시스템 콜이 없습니다` },
            { hint: { en: 'Use a Debian or Ubuntu box; their kernels have BPF and XDP.', ko: 'Debian이나 Ubuntu 박스를 쓰세요. 두 배포판의 커널은 BPF와 XDP를 지원합니다.' } },
          );
        }
        return { en: `${kernel}, with BPF`, ko: `${kernel}, BPF 지원` };
      }),
      await line(reporter, locale, { en: 'Lab tools in the guest', ko: '게스트의 실습 도구' }, async () => {
        const packages = readPackageList();
        // What this release does not package (an offline box lists it) cannot be installed: the labs needing it skip.
        const unavailable = await unavailablePackages(vm);
        const tools = [...packages.keys()].filter((t) => !unavailable.has(packages.get(t)!));
        const probe = 'for t; do case "$t" in /*) [ -e "$t" ] ;; *) command -v "$t" >/dev/null ;; esac || echo "$t"; done';
        const { stdout } = await vm.exec(['sh', '-c', probe, 'probe', ...tools]);
        const missing = stdout.split('\n').filter(Boolean);
        if (missing.length) {
          throw new LabError(
            { en: `missing: ${missing.join(', ')}`, ko: `없는 도구: ${missing.join(', ')}` },
            {
              hint: {
                en: 'Install them: `npm run lab -- provision --target vagrant` (or `vagrant provision` in labs/).',
                ko: '설치하세요: `npm run lab -- provision --target vagrant`(또는 labs/에서 `vagrant provision`).',
              },
            },
          );
        }
        const names = tools.filter((t) => !t.startsWith('/')).join(', ');
        const absent = [...unavailable].join(', ');
        return {
          en: `all ${tools.length} present (${names}, libbpf headers, cilium/ebpf)${absent ? `; not packaged by this release: ${absent} (the labs that need it skip)` : ''}`,
          ko: `${tools.length}개 모두 있습니다 (${names}, libbpf 헤더, cilium/ebpf)${absent ? `. 이 릴리스에 패키지가 없는 도구: ${absent} (이 도구를 쓰는 실습은 건너뜁니다)` : ''}`,
        };
      }),
      await line(reporter, locale, { en: 'A lab runs', ko: '실습 실행' }, () => smallestLab(vm, locale)),
    ];
    const all = results.every(Boolean);
    reporter.info(
      all
        ? { en: '\nEverything is ready: npm run lab -- xdp-drop --target vagrant', ko: '\n모두 준비되었습니다: npm run lab -- xdp-drop --target vagrant' }
        : { en: '\nFix the lines marked ✘ and run `npm run lab -- doctor` again.', ko: '\n✘ 표시된 줄을 고친 뒤 `npm run lab -- doctor`를 다시 실행하세요.' },
    );
    return all ? 0 : 1;
  } finally {
    await target?.close();
  }
}

export { installHint };
