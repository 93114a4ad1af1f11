// Builds the site into a fresh temporary folder, so tests and the benchmark never
// touch ./dist or collide with another build running at the same time.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface SiteBuild {
  /** The built site (what a static host would serve). */
  outDir: string;
  /** Wall time of `astro build`, in milliseconds. */
  buildMs: number;
  /** Remove the output and cache folders. */
  remove(): Promise<void>;
}

export async function buildSite(): Promise<SiteBuild> {
  const outDir = await mkdtemp(join(tmpdir(), 'xdp-labs-site-'));
  const cacheDir = await mkdtemp(join(tmpdir(), 'xdp-labs-cache-'));
  const remove = async (): Promise<void> => {
    await rm(outDir, { recursive: true, force: true });
    await rm(cacheDir, { recursive: true, force: true });
  };
  const started = performance.now();
  const result = await execa('npx', ['astro', 'build'], {
    cwd: REPO_ROOT,
    // NODE_ENV: vitest sets it to 'test', and Astro would then build a development
    // flavour of the site (Starlight's search, for one, shows its "production only" notice).
    env: { NODE_ENV: 'production', XDP_LABS_OUT_DIR: outDir, XDP_LABS_CACHE_DIR: cacheDir, ASTRO_TELEMETRY_DISABLED: '1' },
    all: true,
    reject: false,
  });
  const buildMs = performance.now() - started;
  if (result.exitCode !== 0) {
    await remove();
    throw new Error(`astro build failed (exit ${result.exitCode}):\n${result.all.split('\n').slice(-60).join('\n')}`);
  }
  return { outDir, buildMs, remove };
}
