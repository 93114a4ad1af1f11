// `npm run lab -- doctor`: the workshop setup, checked one link at a time, in
// the order a learner would fix it. Each line is ok, or says what to do; the
// first link that is missing stops the walk, because everything after it would
// fail for the same reason.
import { execa } from 'execa';
import { randomBytes } from 'node:crypto';
import { LabError } from '../lib/errors.ts';
import type { Target } from '../lib/types.ts';
import type { Reporter } from '../lib/reporter.ts';
import { readPackageList, unavailablePackages } from '../runner/preflight.ts';
import { openVagrantTarget } from '../targets/vagrant.ts';
import { installHint, machineStatus, providerHint, vagrantVersion } from './vagrant.ts';

/** One line of the report: the body returns what it found, or throws a LabError saying what to do. */
async function line(reporter: Reporter, title: string, body: () => Promise<string>): Promise<boolean> {
  const progress = reporter.start(title);
  try {
    progress.detail(await body());
    progress.done();
    return true;
  } catch (error) {
    if (!(error instanceof LabError)) throw error;
    progress.detail(error.message);
    if (error.details.stderr?.trim()) for (const l of error.details.stderr.trim().split('\n').slice(-8)) progress.detail(`│ ${l}`);
    if (error.details.hint) progress.detail(`→ ${error.details.hint}`);
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

/** Compile bpf/xdp.c, attach xdp_drop to lo in a throwaway namespace, see a ping dropped, and undo it all. */
async function trivialAttach(target: Target): Promise<string> {
  const id = randomBytes(2).toString('hex');
  const dir = `/tmp/xdp-labs-doctor-${id}`;
  const netns = `xl-doctor-${id}-a`;
  const object = `${dir}/xdp.o`;
  try {
    await target.exec(['mkdir', '-p', dir]);
    const { stdout: machine } = await target.exec(['uname', '-m']);
    const multiarch = machine.trim() === 'x86_64' ? 'x86_64-linux-gnu' : 'aarch64-linux-gnu';
    await target.exec(['clang', '-O2', '-g', '-target', 'bpf', `-I/usr/include/${multiarch}`, '-c', 'bpf/xdp.c', '-o', object], { timeoutMs: 120_000 });
    await target.exec(['ip', 'netns', 'add', netns]);
    await target.exec(['ip', 'link', 'set', 'dev', 'lo', 'up'], { netns });
    const attach = await target.exec(['ip', 'link', 'set', 'dev', 'lo', 'xdpgeneric', 'obj', object, 'sec', 'xdp', 'program', 'xdp_drop'], { netns, allowFailure: true });
    if (attach.exitCode !== 0 && /"program" is a garbage/.test(attach.stderr)) {
      // An older iproute2 (Debian 11's) has no "program" option: it takes the first program of
      // the section (xdp_pass). The labs that need the option skip.
      await target.exec(['ip', 'link', 'set', 'dev', 'lo', 'xdpgeneric', 'obj', object, 'sec', 'xdp'], { netns });
      const link = await target.exec(['ip', '-d', 'link', 'show', 'dev', 'lo'], { netns });
      if (!/xdpgeneric/.test(link.stdout)) throw new LabError('ip link does not show the program on lo', { stderr: link.stdout });
      const ping = await target.exec(['ping', '-c', '1', '-W', '2', '127.0.0.1'], { netns, allowFailure: true });
      if (ping.exitCode !== 0) throw new LabError('xdp_pass is attached but a ping to 127.0.0.1 got no answer', { stderr: ping.stdout });
      await target.exec(['ip', 'link', 'set', 'dev', 'lo', 'xdpgeneric', 'off'], { netns });
      return 'compiled bpf/xdp.c, attached its first program (xdp_pass) to lo (xdpgeneric), saw a ping pass, detached; this iproute2 has no "program" option, so the labs that attach with it skip';
    }
    if (attach.exitCode !== 0) throw new LabError('could not attach xdp_drop to lo', { command: attach.command, exitCode: attach.exitCode, stderr: attach.stderr });
    const link = await target.exec(['ip', '-d', 'link', 'show', 'dev', 'lo'], { netns });
    if (!/xdpgeneric/.test(link.stdout)) throw new LabError('ip link does not show the program on lo', { stderr: link.stdout });
    const ping = await target.exec(['ping', '-c', '1', '-W', '1', '127.0.0.1'], { netns, allowFailure: true });
    if (ping.exitCode === 0) throw new LabError('xdp_drop is attached but a ping to 127.0.0.1 still got through', { stderr: ping.stdout });
    await target.exec(['ip', 'link', 'set', 'dev', 'lo', 'xdpgeneric', 'off'], { netns });
    return 'compiled bpf/xdp.c, attached xdp_drop to lo (xdpgeneric) in a throwaway namespace, saw a ping dropped, detached';
  } finally {
    await target.exec(['ip', 'netns', 'del', netns], { allowFailure: true });
    await target.exec(['rm', '-rf', dir], { allowFailure: true });
  }
}

export async function doctor(reporter: Reporter): Promise<number> {
  reporter.heading('Checking the lab VM setup');
  let provider = 'unknown';
  let state = 'unknown';
  const ok =
    (await line(reporter, 'Vagrant', async () => `Vagrant ${await vagrantVersion()}`)) &&
    (await line(reporter, 'Provider', async () => {
      ({ provider, state } = await machineStatus());
      if (provider === 'unknown') throw new LabError('Vagrant names no provider for the lab VM', { hint: providerHint() });
      const version = await providerVersion(provider);
      const plugin = await pluginVersion(provider);
      return [provider, version && `${provider} ${version}`, plugin && `plugin ${PLUGIN[provider]} ${plugin}`].filter(Boolean).join(', ');
    })) &&
    (await line(reporter, 'VM state', async () => {
      if (state !== 'running') throw new LabError(`the lab VM is ${state.replace('_', ' ')}`, { hint: 'Start it: `npm run lab -- vm up` (the first boot takes a few minutes).' });
      return 'running';
    }));
  if (!ok) return 1;

  let target: Target | undefined;
  try {
    const connected = await line(reporter, 'SSH connection', async () => {
      const started = Date.now();
      target = await openVagrantTarget({ reporter, provision: false });
      return `one shared connection, opened in ${((Date.now() - started) / 1000).toFixed(1)} s; bpf/ and labs/ copied in`;
    });
    if (!connected || !target) return 1;
    const vm = target;
    const results = [
      await line(reporter, 'Guest kernel', async () => {
        const { stdout } = await vm.exec(['uname', '-srm']);
        const bpf = await vm.exec(['test', '-e', '/proc/sys/kernel/unprivileged_bpf_disabled'], { allowFailure: true });
        if (bpf.exitCode !== 0) throw new LabError(`${stdout.trim()} has no BPF system call`, { hint: 'Use a Debian or Ubuntu box; their kernels have BPF and XDP.' });
        return `${stdout.trim()}, with BPF`;
      }),
      await line(reporter, 'Lab tools in the guest', async () => {
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
      await line(reporter, 'A trivial XDP program attaches', () => trivialAttach(vm)),
    ];
    const all = results.every(Boolean);
    reporter.info(all ? '\nEverything is ready: npm run lab -- xdp-drop --target vagrant' : '\nFix the lines marked ✘ and run `npm run lab -- doctor` again.');
    return all ? 0 : 1;
  } finally {
    await target?.close();
  }
}

export { installHint };
