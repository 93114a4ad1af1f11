// Wrong input gets a clear message that says what to do, and leaves nothing behind.
import { execa } from 'execa';
import { chmodSync, copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runLab } from '../../labs/runner/run-lab.ts';
import { createLocalTarget } from '../../labs/targets/local.ts';
import { capturingReporter } from '../support/capture.ts';
import { doesNotCompile, verifierRejects } from '../fixtures/labs.ts';
import { pathWithout } from '../support/path-without.ts';
import { ourNamespaces, REPO_DIR, runCli, type CliResult } from '../support/run-lab.ts';

const options = { keep: false, locale: 'en' as const, signal: new AbortController().signal, siteUrl: 'https://xdp-labs.dev' };

describe('the command line', () => {
  test('an unknown lab name exits 2 and suggests the closest names', async () => {
    const result = await runCli(['xdp-dorp']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('no lab named "xdp-dorp"');
    expect(result.stderr).toContain('Did you mean: xdp-drop');
  });
  test('--json: an unknown lab still prints one document, with the message and hint, and exits 2', async () => {
    const result = await runCli(['xdp-dorp', '--json']);
    expect(result.exitCode).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({
      ok: false,
      status: 'error',
      exitCode: 2,
      error: { kind: 'usage', message: 'no lab named "xdp-dorp"', hint: expect.stringContaining('Did you mean: xdp-drop') },
    });
  });
  test('--json --lang ko: the document speaks Korean too', async () => {
    const result = await runCli(['xdp-drop', '--target', 'cloud', '--json', '--lang', 'ko']);
    expect(result.exitCode).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, exitCode: 2, error: { kind: 'usage', message: '알 수 없는 대상 "cloud"' } });
  });
  test('an unknown target exits 2', async () => {
    const result = await runCli(['xdp-drop', '--target', 'cloud']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('unknown target "cloud"');
  });
  test('an unknown option exits 2', async () => {
    const result = await runCli(['xdp-drop', '--colour']);
    expect(result.exitCode).toBe(2);
  });
  test('no arguments lists every lab with its page and targets', async () => {
    const result = await runCli([]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/xdp-drop\s+Drop every packet with xdp_drop/);
    expect(result.stdout).toContain('page: /first-program/');
  });
});

describe('programs that are wrong', () => {
  test('a C file that does not compile shows clang\'s message with file and line', async () => {
    const { reporter, text } = capturingReporter();
    const report = await runLab(doesNotCompile, createLocalTarget(REPO_DIR), reporter, options);
    expect(report.ok).toBe(false);
    expect(report.error?.message).toBe('test/fixtures/bpf/does_not_compile.c does not compile');
    expect(text()).toMatch(/does_not_compile\.c:8:\d+: error: expected ';'/);
    expect(await ourNamespaces()).not.toContainEqual(expect.stringContaining(`-${report.runId}-`));
  });
  test('a program the verifier rejects shows the verifier\'s reason', async () => {
    const { reporter, text } = capturingReporter();
    const report = await runLab(verifierRejects, createLocalTarget(REPO_DIR), reporter, options);
    expect(report.error?.message).toBe('the verifier rejected unchecked');
    expect(text()).toContain('invalid access to packet, off=12 size=1');
    expect(text()).toContain('data_end');
    expect(report.checks).toEqual([{ id: 'attached', ok: false, expected: 'an observation', observed: 'not observed: the lab stopped before this check' }]);
    expect(await ourNamespaces()).not.toContainEqual(expect.stringContaining(`-${report.runId}-`));
  });
});

describe('a machine that lacks something', () => {
  const bin = mkdtempSync(join(tmpdir(), 'xl-path-'));
  afterAll(() => rmSync(bin, { recursive: true, force: true }));

  test('a missing clang names the package to install, with --no-provision', async () => {
    const result = await runCli(['xdp-drop', '--target', 'local', '--no-provision'], { env: { PATH: pathWithout(bin, ['clang']) }, extendEnv: false });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('missing tools: clang');
    expect(result.stderr).toContain('apt-get install clang');
  });

  // The checkout may sit where user nobody cannot reach it (a clone under /root is
  // mode 700): in a mount namespace of its own, each run binds it onto a fresh
  // directory that nobody can enter, and runs the CLI (and the Node inside the
  // checkout, if that is the one running the tests) from there as nobody.
  async function runAsNobody(args: string[]): Promise<CliResult> {
    const view = mkdtempSync(join(tmpdir(), 'xl-repo-'));
    chmodSync(view, 0o755);
    const repo = REPO_DIR.replace(/\/$/, '');
    const inRepo = relative(repo, process.execPath);
    const node = inRepo.startsWith('..') ? process.execPath : join(view, inRepo);
    const script = 'mount --bind "$1" "$2" && cd "$2" && shift 2 && exec setpriv --reuid=65534 --regid=65534 --clear-groups "$@"';
    const result = await execa('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', script, 'sh', repo, view, node, '--no-warnings', 'labs/cli.ts', ...args, '--lang', 'en'], {
      reject: false,
    }).finally(() => rmdirSync(view)); // never recursive: were the bind still there, that would be the checkout
    return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
  }

  test('not root: says to use sudo or the VM, and creates nothing', async () => {
    const result = await runAsNobody(['xdp-drop', '--target', 'local']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('the local target needs root');
    expect(result.stderr).toContain('sudo npm run lab xdp-drop');
    // It stops in preflight, before a run (and so any namespace) exists.
    expect(result.stdout).not.toContain('(target: local, run');
  });

  test('not root, --json: one document on stdout with the message and hint, exit 1', async () => {
    const result = await runAsNobody(['xdp-drop', '--target', 'local', '--json']);
    expect(result.exitCode).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      ok: false,
      status: 'error',
      exitCode: 1,
      error: {
        kind: 'prerequisite',
        message: expect.stringContaining('the local target needs root'),
        hint: expect.stringContaining('sudo npm run lab xdp-drop'),
      },
    });
    // The person at the terminal still reads it on stderr.
    expect(result.stderr).toContain('the local target needs root');
  });
});

describe('--target vagrant on a machine where the lab VM was never created', () => {
  // Each run gets a fresh checkout (no labs/.vagrant: this checkout's own VM state, if
  // any, is never read or written) and a stand-in `vagrant` on PATH that answers as
  // Vagrant does there; the real one is left out of PATH, so no VM is booted or even
  // asked about.
  const made: string[] = [];
  afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  /** A fresh checkout whose `vagrant status` prints statusOut (exiting statusExit) and whose `vagrant up` fails with upErr. */
  function freshCheckout(statusExit: number, statusOut: string, upErr: string): { dir: string; PATH: string; calls: string } {
    const dir = mkdtempSync(join(tmpdir(), 'xl-fresh-'));
    made.push(dir);
    cpSync(join(REPO_DIR, 'labs'), join(dir, 'labs'), { recursive: true, filter: (src) => basename(src) !== '.vagrant' && !src.endsWith('.o') });
    copyFileSync(join(REPO_DIR, 'package.json'), join(dir, 'package.json'));
    symlinkSync(join(REPO_DIR, 'node_modules'), join(dir, 'node_modules'));
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    const PATH = pathWithout(bin, ['vagrant']);
    const calls = join(dir, 'vagrant-calls');
    const lines = (text: string) => text.split('\n').map((l) => `'${l.replace(/'/g, `'\\''`)}'`).join(' ');
    writeFileSync(
      join(bin, 'vagrant'),
      [
        '#!/bin/sh',
        `echo "$*" >> '${calls}'`,
        'case "$1" in',
        `  status) printf '%s\\n' ${lines(statusOut)}; exit ${statusExit} ;;`,
        `  up) echo "Bringing machine 'default' up with 'libvirt' provider..."; printf '%s\\n' ${lines(upErr)} >&2; exit 1 ;;`,
        '  *) echo "not expected here: vagrant $*" >&2; exit 3 ;;',
        'esac',
        '',
      ].join('\n'),
      { mode: 0o755 },
    );
    return { dir, PATH, calls };
  }
  const notCreated = [
    '1700000000,default,metadata,provider,libvirt',
    '1700000000,default,provider-name,libvirt',
    '1700000000,default,state,not_created',
    '1700000000,default,state-human-short,not created',
  ].join('\n');

  test.each([
    {
      cause: 'no libvirt daemon',
      status: [0, notCreated],
      up: "Error while connecting to Libvirt: Error making a connection to libvirt URI qemu:///system:\nCall to virConnectOpen failed: Failed to connect socket to '/var/run/libvirt/libvirt-sock': No such file or directory",
      error: { kind: 'prerequisite', message: 'the libvirt daemon is not running, so Vagrant cannot reach the hypervisor', hint: expect.stringContaining('systemctl enable --now libvirtd') },
      asked: ['status --machine-readable', 'up'],
    },
    {
      cause: 'no box',
      status: [0, notCreated],
      up: "The box 'xdp-labs/offline' could not be found or\ncould not be accessed in the remote catalog.",
      error: { kind: 'prerequisite', message: "the lab VM's box is not installed", hint: expect.stringContaining('npm run box') },
      asked: ['status --machine-readable', 'up'],
    },
    {
      cause: '`vagrant status` itself failing',
      status: [1, 'The provider for this Vagrant-managed machine is reporting that it\nis not yet ready for SSH.'],
      up: '',
      error: { kind: 'error', message: '`vagrant status` failed', hint: expect.stringContaining('npm run lab -- doctor') },
      asked: ['status --machine-readable'],
    },
  ] as const)('--json, $cause: one document with the message and hint, exit 1, no VM touched', async ({ status, up, error, asked }) => {
    const fresh = freshCheckout(status[0], status[1], up);
    const result = await execa(process.execPath, ['--no-warnings', join(fresh.dir, 'labs', 'cli.ts'), 'xdp-drop', '--target', 'vagrant', '--json', '--lang', 'en'], {
      cwd: fresh.dir,
      env: { PATH: fresh.PATH },
      reject: false,
    });
    expect(result.exitCode).toBe(1);
    expect(JSON.parse(String(result.stdout))).toEqual({ ok: false, status: 'error', exitCode: 1, error });
    expect(String(result.stderr)).toContain(error.message);
    // Only the stand-in was asked, and only about the machine's state and booting it: no ssh-config, no ssh.
    expect(new Set(readFileSync(fresh.calls, 'utf8').trim().split('\n'))).toEqual(new Set(asked));
  });
});
