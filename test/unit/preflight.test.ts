// Preflight decisions against a scripted target: what the runner says when the
// machine cannot run labs. (The real machine cannot be made to lack a BPF
// syscall or have no apt-get, so the answers are scripted here, as np's tests
// stub commands from a table; the same paths run for real in test/labs.)
import { describe, expect, test } from 'vitest';
import { PrerequisiteError } from '../../labs/lib/errors.ts';
import type { ExecResult, Target } from '../../labs/lib/types.ts';
import { preflight, readPackageList } from '../../labs/runner/preflight.ts';
import { xdpDrop } from '../../labs/catalog/xdp-drop.ts';
import { labs } from '../../labs/catalog/index.ts';
import { capturingReporter } from '../support/capture.ts';

type Answers = Record<string, Partial<ExecResult>>;

function scriptedTarget(answers: Answers): Target & { calls: string[] } {
  const calls: string[] = [];
  return {
    name: 'local',
    repoDir: '/repo',
    calls,
    async exec(argv) {
      const key = argv.join(' ');
      calls.push(key);
      const answer = Object.entries(answers).find(([pattern]) => key.startsWith(pattern))?.[1] ?? {};
      return { command: key, exitCode: 0, stdout: '', stderr: '', ...answer };
    },
    async spawn() {
      throw new Error('not used');
    },
    async close() {},
  };
}

const options = () => ({ provision: false, reporter: capturingReporter().reporter });

describe('preflight', () => {
  test('not root: says to use sudo or the VM', async () => {
    const target = scriptedTarget({ 'id -u': { stdout: '1000\n' } });
    await expect(preflight(target, [xdpDrop], options())).rejects.toThrow(/needs root/);
  });
  test('a kernel without the BPF syscall is said plainly', async () => {
    const target = scriptedTarget({ 'id -u': { stdout: '0\n' }, 'test -e /proc/sys/kernel/unprivileged_bpf_disabled': { exitCode: 1 } });
    const error = await preflight(target, [xdpDrop], options()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrerequisiteError);
    expect((error as PrerequisiteError).message).toContain('built without CONFIG_BPF_SYSCALL');
  });
  test('missing tools without apt-get: names the packages for any package manager', async () => {
    const target = scriptedTarget({
      'id -u': { stdout: '0\n' },
      'sh -c command -v "$1" probe bpftool': { exitCode: 1 },
      'sh -c command -v apt-get': { exitCode: 1 },
    });
    const error = (await preflight(target, [xdpDrop], { provision: true, reporter: capturingReporter().reporter }).catch((e: unknown) => e)) as PrerequisiteError;
    expect(error.message).toBe('missing tools: bpftool');
    expect(error.details.hint).toMatchObject({ en: expect.stringContaining("your distribution's package manager") });
  });
  test('everything present: no install is attempted', async () => {
    const target = scriptedTarget({ 'id -u': { stdout: '0\n' } });
    await preflight(target, [xdpDrop], { provision: true, reporter: capturingReporter().reporter });
    expect(target.calls.some((c) => c.includes('provision.sh'))).toBe(false);
  });
  test('missing tools with apt-get and provisioning allowed: says what it installs, then installs', async () => {
    let installed = false;
    const target = scriptedTarget({ 'id -u': { stdout: '0\n' } });
    const exec = target.exec.bind(target);
    target.exec = async (argv, opts) => {
      if (argv.join(' ') === 'sh -c command -v "$1" probe clang' && !installed) return { command: '', exitCode: 1, stdout: '', stderr: '' };
      if (argv[1]?.endsWith('provision.sh')) installed = true;
      return exec(argv, opts);
    };
    const { reporter, text } = capturingReporter();
    await preflight(target, [xdpDrop], { provision: true, reporter });
    expect(text()).toContain('Missing clang: installing clang with apt-get');
    expect(installed).toBe(true);
  });
});

test('the package list maps every tool any lab declares to a package', () => {
  const packages = readPackageList();
  for (const lab of labs) for (const tool of lab.tools) expect(packages.has(tool), `${lab.name} needs ${tool}`).toBe(true);
});

test('a package line limited to one architecture applies only there', () => {
  const text = 'clang clang\n/usr/include/x86_64-linux-gnu/gnu/stubs-32.h libc6-dev-i386 amd64\n# comment\n';
  expect([...readPackageList(text, 'amd64').values()]).toEqual(['clang', 'libc6-dev-i386']);
  expect([...readPackageList(text, 'arm64').values()]).toEqual(['clang']);
});
