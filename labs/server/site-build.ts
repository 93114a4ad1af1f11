// `npm start` serves the built book; it builds it first when there is no build
// yet or when a source changed since the last one. A build counts only once it
// has finished: a stamp written after `astro build` succeeds, so an interrupted
// build is never served.
import { execa } from 'execa';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { Text } from '../lib/locale.ts';
import { REPO_DIR } from '../lib/paths.ts';

const STAMP = '.xdp-labs-build';

/** What the pages are made from: the content, the site's code, and the labs and programs pages show. */
const SOURCES = ['content', 'src', 'labs', 'bpf', 'public', 'astro.config.mjs', 'content.config.ts', 'env.d.ts', 'package-lock.json'];

/** The folder Astro builds into: the same rule as astro.config.mjs. */
export function siteDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env['XDP_LABS_OUT_DIR'] ?? 'dist';
  return isAbsolute(dir) ? dir : join(REPO_DIR, dir);
}

/** The newest modification time under the sources (ms), skipping dot folders (.vagrant, .astro) and node_modules. */
export function newestSource(root = REPO_DIR): number {
  let newest = 0;
  const visit = (path: string): void => {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) return;
    newest = Math.max(newest, stat.mtimeMs);
    if (!stat.isDirectory()) return;
    for (const entry of readdirSync(path)) {
      if (!entry.startsWith('.') && entry !== 'node_modules') visit(join(path, entry));
    }
  };
  for (const source of SOURCES) visit(join(root, source));
  return newest;
}

/** Why the build must be (re)made, or undefined when it is current. */
export function buildNeeded(dir: string): Text | undefined {
  const stamp = statSync(join(dir, STAMP), { throwIfNoEntry: false });
  if (!stamp || !existsSync(join(dir, 'index.html'))) return { en: 'there is no finished build yet', ko: '아직 완성된 빌드가 없습니다' };
  if (newestSource() > stamp.mtimeMs) return { en: 'its sources changed since the last build', ko: '지난 빌드 뒤에 소스가 바뀌었습니다' };
  return undefined;
}

/** `astro build` into `dir`; its output is shown only when it fails. `cacheDir` keeps a build's cache apart from others'. */
export async function buildSite(dir: string, cacheDir?: string): Promise<void> {
  const astro = join(REPO_DIR, 'node_modules', 'astro', 'bin', 'astro.mjs');
  const result = await execa(process.execPath, [astro, 'build'], {
    cwd: REPO_DIR,
    // NODE_ENV: under vitest it is 'test', and Astro would build a development flavour of the site.
    env: { NODE_ENV: 'production', XDP_LABS_OUT_DIR: dir, ASTRO_TELEMETRY_DISABLED: '1', ...(cacheDir ? { XDP_LABS_CACHE_DIR: cacheDir } : {}) },
    all: true,
    reject: false,
  });
  if (result.exitCode !== 0) {
    throw new Error(`astro build failed (exit code ${result.exitCode}):\n${String(result.all).split('\n').slice(-40).join('\n')}`);
  }
  writeFileSync(join(dir, STAMP), new Date().toISOString() + '\n');
}
