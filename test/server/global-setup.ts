// Global setup of the 'server' test project: build the book once into a fresh
// folder (with the stamp `npm start` looks for, so the servers the tests start
// serve it as it is) and hand the folder to every test file.
// XDP_LABS_TEST_SITE_DIR=<folder> serves an existing build instead (quicker
// while writing tests; `npm start` rebuilds it if it is stale); CI never sets it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildSite } from '../../labs/server/site-build.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The built book the tests' servers serve. */
    bookDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const prebuilt = process.env['XDP_LABS_TEST_SITE_DIR'];
  if (prebuilt) {
    project.provide('bookDir', prebuilt);
    return async () => {};
  }
  const outDir = await mkdtemp(join(tmpdir(), 'xdp-labs-book-'));
  const cacheDir = await mkdtemp(join(tmpdir(), 'xdp-labs-book-cache-'));
  const started = performance.now();
  try {
    await buildSite(outDir, cacheDir);
  } catch (error) {
    await rm(outDir, { recursive: true, force: true });
    throw error;
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
  }
  console.log(`book built in ${((performance.now() - started) / 1000).toFixed(1)} s into ${outDir}`);
  project.provide('bookDir', outDir);
  return () => rm(outDir, { recursive: true, force: true });
}
