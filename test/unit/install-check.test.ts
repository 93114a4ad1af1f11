// The postinstall that stands in for npm's warnings (hidden by .npmrc): what it
// says and when it fails the install, on made-up package.json data.
import { execa } from 'execa';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { checkInstall, npmFromUserAgent, readInstalled, scriptPolicy, type InstallFacts, type InstalledPackage, type PackageJson } from '../../scripts/check-install.ts';

const SCRIPT = fileURLToPath(new URL('../../scripts/check-install.ts', import.meta.url));

const pkg = (path: string, manifest: PackageJson, bindingGyp = false): InstalledPackage => ({ path, manifest, bindingGyp });

function facts(over: Partial<InstallFacts> = {}): InstallFacts {
  return {
    node: 'v24.9.0',
    npm: { node: 'v20.20.2', version: '11.19.1' },
    platform: { os: 'linux', cpu: 'x64', libc: 'glibc' },
    root: { name: 'xdp-labs', engines: { node: '>=22.12.0' }, devDependencies: { node: '24.9.0' }, allowScripts: { node: true, esbuild: true } },
    installed: [
      pkg('node_modules/astro', { name: 'astro', version: '7.3.5', engines: { node: '>=22.12.0', npm: '>=9.6.5' } }),
      pkg('node_modules/vitest', { name: 'vitest', version: '5.1.1', engines: { node: '^22.12.0 || ^24.0.0 || >=26.0.0' } }),
      pkg('node_modules/kleur', { name: 'kleur', version: '4.1.5', engines: { node: '>=6' } }),
      pkg('node_modules/esbuild', { name: 'esbuild', version: '0.28.2', engines: { node: '>=18' }, scripts: { postinstall: 'node install.js' } }),
      pkg('node_modules/node', { name: 'node', version: '24.9.0', engines: { npm: '>=5.0.0' }, scripts: { preinstall: 'node installArchSpecificPackage' } }),
      pkg('node_modules/plain', { name: 'plain', version: '1.0.0' }),
    ],
    lock: {},
    ...over,
  };
}

describe('checkInstall', () => {
  test('today: one line, naming both Nodes and how many packages npm would have warned about', () => {
    const verdict = checkInstall(facts());
    expect(verdict.problems).toEqual([]);
    expect(verdict.warnings).toEqual([]);
    expect(verdict.summary).toBe(
      "npm ran on Node v20.20.2 (2 packages want newer: npm's warnings are off in .npmrc); XDP Labs runs on the pinned Node v24.9.0, which all 6 packages support.",
    );
  });

  test('npm on the same Node, or run by hand: the line says so without the npm part', () => {
    expect(checkInstall(facts({ npm: { node: 'v24.9.0', version: '11.6.0' } })).summary).toBe('XDP Labs runs on the pinned Node v24.9.0, which all 6 packages support.');
    expect(checkInstall(facts({ npm: undefined })).summary).toBe('XDP Labs runs on the pinned Node v24.9.0, which all 6 packages support.');
  });

  test('a dependency that someday needs Node 26 fails the install, naming it, its range and the pinned Node', () => {
    const installed = [...facts().installed, pkg('node_modules/vite/node_modules/rollup', { name: 'rollup', version: '6.0.0', engines: { node: '>=26.0.0' } })];
    const { problems } = checkInstall(facts({ installed }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('rollup@6.0.0 (node_modules/vite/node_modules/rollup) needs Node >=26.0.0; XDP Labs runs on the pinned Node v24.9.0.');
    expect(problems[0]).toContain('devDependencies.node');
  });

  test('the pinned Node missing (this check on the system Node) is a problem', () => {
    const { problems } = checkInstall(facts({ node: 'v20.20.2', npm: { node: 'v20.20.2', version: '11.19.1' } }));
    expect(problems[0]).toMatch(/^this check runs on Node v20\.20\.2, not on the pinned Node v24\.9\.0/);
    // …and the packages that need more than Node 20 are problems too, since they would run on it.
    expect(problems.some((p) => p.startsWith('astro@7.3.5'))).toBe(true);
  });

  test("the project's own engines.node must admit the pinned Node", () => {
    const { problems } = checkInstall(facts({ root: { ...facts().root, engines: { node: '>=26' } } }));
    expect(problems).toEqual(["package.json's engines.node (>=26) does not admit the pinned Node v24.9.0."]);
  });

  test('an optional package for this platform that npm left out because of its own Node is a problem; other platforms are not', () => {
    const lock = {
      'node_modules/@img/sharp-linux-x64': { version: '0.35.5', optional: true, os: ['linux'], cpu: ['x64'], libc: ['glibc'], engines: { node: '>=22' } },
      'node_modules/@img/sharp-linuxmusl-x64': { version: '0.35.5', optional: true, os: ['linux'], cpu: ['x64'], libc: ['musl'], engines: { node: '>=22' } },
      'node_modules/@img/sharp-darwin-arm64': { version: '0.35.5', optional: true, os: ['darwin'], cpu: ['arm64'], engines: { node: '>=22' } },
      'node_modules/@esbuild/linux-x64': { version: '0.28.2', optional: true, os: ['linux'], cpu: ['x64'], engines: { node: '>=18' } },
      'node_modules/not-windows': { version: '1.0.0', optional: true, os: ['!win32'], engines: { node: '>=30' } },
    };
    const { problems } = checkInstall(facts({ lock }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('npm left out node_modules/@img/sharp-linux-x64@0.35.5');
    expect(problems[0]).toContain('npm ran on Node v20.20.2');
  });

  test('install scripts not covered by allowScripts, engines.npm not met, a deprecated package: warnings, not problems', () => {
    const installed = [
      ...facts().installed,
      pkg('node_modules/fsevents-like', { name: 'fsevents-like', version: '2.0.0', scripts: { install: 'node build.js' } }),
      pkg('node_modules/native', { name: 'native', version: '1.2.3' }, true),
      pkg('node_modules/no-gyp', { name: 'no-gyp', version: '1.0.0', gypfile: false }, true),
      pkg('node_modules/denied', { name: 'denied', version: '1.0.0', scripts: { postinstall: 'curl …' } }),
      pkg('node_modules/picky', { name: 'picky', version: '1.0.0', engines: { npm: '>=12' } }),
      pkg('node_modules/old', { name: 'old', version: '0.1.0' }),
    ];
    const root = { ...facts().root, allowScripts: { node: true, esbuild: true, denied: false } };
    const lock = { 'node_modules/old': { version: '0.1.0', deprecated: 'use new instead' } };
    const verdict = checkInstall(facts({ installed, root, lock }));
    expect(verdict.problems).toEqual([]);
    expect(verdict.warnings).toEqual([
      expect.stringContaining('fsevents-like@2.0.0 has install scripts that package.json\'s allowScripts does not cover, and npm ran them (install: node build.js)'),
      expect.stringContaining('native@1.2.3 has install scripts that package.json\'s allowScripts does not cover, and npm ran them (install: node-gyp rebuild)'),
      'picky@1.0.0 asks for npm >=12; this install ran npm 11.19.1.',
      'old@0.1.0 is deprecated: use new instead',
    ]);
  });
});

describe('allowScripts as npm reads it', () => {
  test('a bare name allows every version, name@version only that one (or a || list), a denial wins', () => {
    expect(scriptPolicy({ esbuild: true }, 'esbuild', '0.28.2')).toBe(true);
    expect(scriptPolicy({ 'esbuild@0.28.2': true }, 'esbuild', '0.28.2')).toBe(true);
    expect(scriptPolicy({ 'esbuild@0.28.1': true }, 'esbuild', '0.28.2')).toBeUndefined();
    expect(scriptPolicy({ 'esbuild@0.28.1 || 0.28.2': true }, 'esbuild', '0.28.2')).toBe(true);
    expect(scriptPolicy({ '@scope/pkg@1.0.0': true }, '@scope/pkg', '1.0.0')).toBe(true);
    expect(scriptPolicy({ '@scope/pkg': true }, '@scope/pkg', '1.0.0')).toBe(true);
    expect(scriptPolicy({ esbuild: true, 'esbuild@0.28.2': false }, 'esbuild', '0.28.2')).toBe(false);
    expect(scriptPolicy({ node: true }, 'esbuild', '0.28.2')).toBeUndefined();
  });
  test("npm's user agent gives the Node and npm that ran npm", () => {
    expect(npmFromUserAgent('npm/11.19.1 node/v20.20.2 linux x64 workspaces/false ci/github-actions')).toEqual({ node: 'v20.20.2', version: '11.19.1' });
    expect(npmFromUserAgent(undefined)).toBeUndefined();
  });
});

describe('on a made-up checkout', () => {
  const root = mkdtempSync(join(tmpdir(), 'xl-install-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const write = (path: string, json: object) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), JSON.stringify(json));
  };
  write('package.json', { name: 'made-up', devDependencies: { node: process.version.slice(1) }, allowScripts: {} });
  write('node_modules/a/package.json', { name: 'a', version: '1.0.0', engines: { node: '>=18' } });
  write('node_modules/a/node_modules/b/package.json', { name: 'b', version: '2.0.0' });
  write('node_modules/@s/c/package.json', { name: '@s/c', version: '3.0.0' });
  write('node_modules/.bin/package.json', { name: 'not-a-package' });
  write('node_modules/.package-lock.json', {});
  mkdirSync(join(root, 'node_modules', 'empty-dir'));
  symlinkSync(join(root, 'node_modules', 'a'), join(root, 'node_modules', 'linked'));

  test('every package is found with its lockfile path, nested and scoped ones too, and nothing else', () => {
    expect(readInstalled(root).map((p) => p.path).sort()).toEqual(['node_modules/@s/c', 'node_modules/a', 'node_modules/a/node_modules/b', 'node_modules/linked']);
  });

  test('run as the postinstall: one line and exit 0, then a package that needs a Node from the future fails it', async () => {
    const env = { npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false' };
    const fine = await execa(process.execPath, [SCRIPT, root], { env, reject: false });
    expect(fine.exitCode).toBe(0);
    expect(fine.stdout).toBe(`npm ran on Node v20.20.2; XDP Labs runs on the pinned Node ${process.version}, which all 4 packages support.`);
    expect(fine.stderr).toBe('');

    write('node_modules/@s/c/package.json', { name: '@s/c', version: '4.0.0', engines: { node: '>=99' } });
    const future = await execa(process.execPath, [SCRIPT, root], { env, reject: false });
    expect(future.exitCode).toBe(1);
    expect(future.stdout).toBe('');
    expect(future.stderr).toContain('XDP Labs cannot run as installed (1 problem)');
    expect(future.stderr).toContain(`@s/c@4.0.0 (node_modules/@s/c) needs Node >=99; XDP Labs runs on the pinned Node ${process.version}.`);
  });
});
