// `npm run lab -- doctor`: the workshop setup, checked one link at a time, in
// the order a learner would fix it. Each line is ok, or says what to do; the
// first link that is missing stops the walk, because everything after it would
// fail for the same reason.
import { execa } from 'execa';
import { LabError } from '../lib/errors.ts';
import type { Target } from '../lib/types.ts';
import type { Reporter } from '../lib/reporter.ts';
import { readPackageList, unavailablePackages } from '../runner/preflight.ts';
import { openVagrantTarget } from '../targets/vagrant.ts';
import { findLab } from '../catalog/index.ts';
import { inLocale, type Locale } from '../lib/locale.ts';
import { bookUrl } from '../runner/book-url.ts';
import { jsonReporter } from '../runner/messages.ts';
import { runLab } from '../runner/run-lab.ts';
import { installHint, knownVagrantFailure, machineStatus, providerHint, vagrantVersion } from './vagrant.ts';

/** One line of the report: the body returns what it found, or throws a LabError saying what to do. */
async function line(reporter: Reporter, locale: Locale, title: string, body: () => Promise<string>): Promise<boolean> {
  const progress = reporter.start(title);
  try {
    progress.detail(await body());
    progress.done();
    return true;
  } catch (error) {
    if (!(error instanceof LabError)) throw error;
    progress.detail(inLocale(error.text, locale));
    if (error.details.stderr?.trim()) for (const l of error.details.stderr.trim().split('\n').slice(-8)) progress.detail(`│ ${l}`);
    if (error.details.hint) progress.detail(`→ ${inLocale(error.details.hint, locale)}`);
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
async function smallestLab(target: Target, locale: Locale): Promise<string> {
  const lab = findLab('xdp-pass')!;
  const quiet = jsonReporter({ write: () => {}, isTTY: false }, { write: () => {}, isTTY: false }, locale);
  const report = await runLab(lab, target, quiet, { keep: false, locale, signal: new AbortController().signal, siteUrl: bookUrl() });
  if (report.error) throw new LabError(report.error.message, report.error.hint ? { hint: report.error.hint } : {});
  const failed = report.checks.filter((c) => !c.ok);
  if (failed.length) {
    throw new LabError(`${lab.name}: ${failed.map((c) => `${c.id} expected ${c.expected}, observed ${c.observed}`).join('; ')}`, {
      hint: 'Run it with its own output: `npm run lab -- xdp-pass --target vagrant`.',
    });
  }
  return `${lab.name}: compiled, attached, ${report.checks.length} of ${report.checks.length} checks passed, cleaned up (${(report.durationMs / 1000).toFixed(1)} s)`;
}

/** libvirt's daemon answers (Vagrant's libvirt provider talks to nothing else). */
async function libvirtDaemon(): Promise<string> {
  const result = await execa('virsh', ['--connect', 'qemu:///system', 'version', '--daemon'], { reject: false, stdin: 'ignore', timeout: 20_000 });
  if (result.exitCode !== 0) {
    throw knownVagrantFailure(String(result.stderr)) ?? new LabError('virsh cannot reach the libvirt daemon', { stderr: String(result.stderr), hint: 'Start it: `sudo systemctl enable --now libvirtd`.' });
  }
  return /daemon:?\s*(\S+.*)$/im.exec(String(result.stdout))?.[1]?.trim() ?? 'running';
}

export async function doctor(reporter: Reporter, locale: Locale = 'en'): Promise<number> {
  reporter.heading('Checking the lab VM setup');
  let provider = 'unknown';
  let state = 'unknown';
  const ok =
    (await line(reporter, locale, 'Vagrant', async () => `Vagrant ${await vagrantVersion()}`)) &&
    (await line(reporter, locale, 'Provider', async () => {
      ({ provider, state } = await machineStatus());
      if (provider === 'unknown') throw new LabError('Vagrant names no provider for the lab VM', { hint: providerHint() });
      const version = await providerVersion(provider);
      const plugin = await pluginVersion(provider);
      return [provider, version && `${provider} ${version}`, plugin && `plugin ${PLUGIN[provider]} ${plugin}`].filter(Boolean).join(', ');
    })) &&
    (provider !== 'libvirt' || (await line(reporter, locale, 'libvirt daemon', libvirtDaemon))) &&
    (await line(reporter, locale, 'VM state', async () => {
      if (state !== 'running') throw new LabError(`the lab VM is ${state.replace('_', ' ')}`, { hint: 'Start it: `npm run lab -- vm up` (the first boot takes a few minutes).' });
      return 'running';
    }));
  if (!ok) return 1;

  let target: Target | undefined;
  try {
    const connected = await line(reporter, locale, 'SSH connection', async () => {
      const started = Date.now();
      target = await openVagrantTarget({ reporter, provision: false });
      return `one shared connection, opened in ${((Date.now() - started) / 1000).toFixed(1)} s; bpf/ and labs/ copied in`;
    });
    if (!connected || !target) return 1;
    const vm = target;
    const results = [
      await line(reporter, locale, 'Guest kernel', async () => {
        const { stdout } = await vm.exec(['uname', '-srm']);
        const bpf = await vm.exec(['test', '-e', '/proc/sys/kernel/unprivileged_bpf_disabled'], { allowFailure: true });
        if (bpf.exitCode !== 0) throw new LabError(`${stdout.trim()} has no BPF system call`, { hint: 'Use a Debian or Ubuntu box; their kernels have BPF and XDP.' });
        return `${stdout.trim()}, with BPF`;
      }),
      await line(reporter, locale, 'Lab tools in the guest', async () => {
        const packages = readPackageList();
        // What this release does not package (an offline box lists it) cannot be installed: the labs needing it skip.
        const unavailable = await unavailablePackages(vm);
        const tools = [...packages.keys()].filter((t) => !unavailable.has(packages.get(t)!));
        const probe = 'for t; do case "$t" in /*) [ -e "$t" ] ;; *) command -v "$t" >/dev/null ;; esac || echo "$t"; done';
        const { stdout } = await vm.exec(['sh', '-c', probe, 'probe', ...tools]);
        const missing = stdout.split('\n').filter(Boolean);
        if (missing.length) throw new LabError(`missing: ${missing.join(', ')}`, { hint: 'Install them: `npm run lab -- provision --target vagrant` (or `vagrant provision` in labs/).' });
        const absent = unavailable.size ? `; not packaged by this release: ${[...unavailable].join(', ')} (the labs that need it skip)` : '';
        return `all ${tools.length} present (${tools.filter((t) => !t.startsWith('/')).join(', ')}, libbpf headers, cilium/ebpf)${absent}`;
      }),
      await line(reporter, locale, 'A lab runs', () => smallestLab(vm, locale)),
    ];
    const all = results.every(Boolean);
    reporter.info(all ? '\nEverything is ready: npm run lab -- xdp-drop --target vagrant' : '\nFix the lines marked ✘ and run `npm run lab -- doctor` again.');
    return all ? 0 : 1;
  } finally {
    await target?.close();
  }
}

export { installHint };
