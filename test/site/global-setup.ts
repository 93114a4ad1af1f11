// Global setup of the 'site' test project: build the site once, serve it on
// 127.0.0.1, and hand the URL and folder to every test file through inject().
// XDP_LABS_TEST_SITE_DIR=<folder> serves an existing build instead (quicker while
// writing tests); CI never sets it, so CI always tests a fresh build.
import type { TestProject } from 'vitest/node';
import { buildSite, type SiteBuild } from './build-site.ts';
import { serveStatic, type StaticServer } from './static-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the served site, without a trailing slash. */
    siteUrl: string;
    /** Folder holding the built site. */
    siteDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const prebuilt = process.env['XDP_LABS_TEST_SITE_DIR'];
  let build: SiteBuild | undefined;
  if (!prebuilt) {
    build = await buildSite();
    console.log(`site built in ${(build.buildMs / 1000).toFixed(1)} s into ${build.outDir}`);
  }
  const siteDir = prebuilt ?? build!.outDir;
  let server: StaticServer;
  try {
    server = await serveStatic(siteDir);
  } catch (error) {
    await build?.remove();
    throw error;
  }
  project.provide('siteUrl', server.url);
  project.provide('siteDir', siteDir);
  return async () => {
    await server.close();
    await build?.remove();
  };
}
