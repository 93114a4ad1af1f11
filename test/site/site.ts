// The pages of the built site, read from its sitemap (the same list search
// engines get), plus small helpers the site tests share.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inject } from 'vitest';

import { localeOfPath, type Locale } from '../../labs/lib/locale.ts';

export { localeOfPath, type Locale };

export interface SitePage {
  /** Path on the site, with its trailing slash: '/', '/ko/packet-flow/'. */
  path: string;
  locale: Locale;
}

function locs(xml: string): string[] {
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!.trim());
}

/** Every page listed by sitemap-index.xml, both locales, sorted by path. */
export async function sitemapPages(siteDir: string): Promise<SitePage[]> {
  const index = await readFile(join(siteDir, 'sitemap-index.xml'), 'utf8');
  const paths = new Set<string>();
  for (const sitemapUrl of locs(index)) {
    const sitemap = await readFile(join(siteDir, new URL(sitemapUrl).pathname), 'utf8');
    for (const loc of locs(sitemap)) paths.add(new URL(loc).pathname);
  }
  return [...paths].sort().map((path) => ({ path, locale: localeOfPath(path) }));
}

/** The served site's URL and folder, provided by test/site/global-setup.ts. */
export function servedSite(): { url: string; dir: string } {
  return { url: inject('siteUrl'), dir: inject('siteDir') };
}

/** The built HTML of one page. */
export async function builtHtml(siteDir: string, path: string): Promise<string> {
  return readFile(join(siteDir, path, 'index.html'), 'utf8');
}
