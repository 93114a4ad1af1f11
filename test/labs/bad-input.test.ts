// Wrong input gets a clear message that says what to do, and leaves nothing behind.
import { execa } from 'execa';
import { chmodSync, mkdtempSync, rmdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runLab } from '../../labs/runner/run-lab.ts';
import { createLocalTarget } from '../../labs/targets/local.ts';
import { capturingReporter } from '../support/capture.ts';
import { doesNotCompile, verifierRejects } from '../fixtures/labs.ts';
import { pathWithout } from '../support/path-without.ts';
import { ourNamespaces, REPO_DIR, runCli } from '../support/run-lab.ts';

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

  test('not root: says to use sudo or the VM, and creates nothing', async () => {
    // The checkout may sit where user nobody cannot reach it (a clone under /root is
    // mode 700): in a mount namespace of its own, the test binds it onto a fresh
    // directory that nobody can enter, and runs the CLI (and the Node inside the
    // checkout, if that is the one running the tests) from there.
    const view = mkdtempSync(join(tmpdir(), 'xl-repo-'));
    chmodSync(view, 0o755);
    const repo = REPO_DIR.replace(/\/$/, '');
    const inRepo = relative(repo, process.execPath);
    const node = inRepo.startsWith('..') ? process.execPath : join(view, inRepo);
    const script = 'mount --bind "$1" "$2" && cd "$2" && shift 2 && exec setpriv --reuid=65534 --regid=65534 --clear-groups "$@"';
    const result = await execa(
      'unshare',
      ['--mount', '--propagation', 'private', 'sh', '-c', script, 'sh', repo, view, node, '--no-warnings', 'labs/cli.ts', 'xdp-drop', '--target', 'local'],
      { reject: false },
    ).finally(() => rmdirSync(view)); // never recursive: were the bind still there, that would be the checkout
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('the local target needs root');
    expect(result.stderr).toContain('sudo npm run lab xdp-drop');
    // It stops in preflight, before a run (and so any namespace) exists.
    expect(result.stdout).not.toContain('(target: local, run');
  });
});
