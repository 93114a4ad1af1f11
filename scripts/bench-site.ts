// Prints the site's budget figures; asserts nothing (npm run bench:site).
//   - full build wall time (cold cache)                                  ≤ 30 s
//   - JS transferred on a docs page before network idle (gzip, as hosts serve it) ≤ 15 KB
//   - Lighthouse performance / accessibility / best practices / SEO,
//     home and packet-flow pages, default mobile profile                ≥ 95 each
// The site is built into a temporary folder and served on 127.0.0.1 by the same
// static server the browser tests use. Lighthouse drives Debian's Chromium
// (CHROME_PATH, default /usr/bin/chromium) with the tests' flags.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { buildSite } from '../test/site/build-site.ts';
import { serveStatic } from '../test/site/static-server.ts';
import { CHROMIUM_FLAGS, CHROMIUM_PATH, launchBrowser } from '../test/support/browser.ts';

const DOCS_PAGE = '/packet-flow/';
const LIGHTHOUSE_PAGES = ['/', '/packet-flow/'];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

interface Figure {
  name: string;
  value: string;
  budget: string;
  ok: boolean;
  note?: string;
}

/** Bytes of JavaScript fetched by a page until the network is idle, as transferred (encoded). */
async function scriptBytesUntilIdle(url: string): Promise<{ bytes: number; rawBytes: number; files: string[]; inlineBytes: number }> {
  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    const scripts: Promise<{ url: string; bytes: number; rawBytes: number }>[] = [];
    let idle = false;
    page.on('requestfinished', (request) => {
      if (idle || request.resourceType() !== 'script') return;
      scripts.push(
        (async () => {
          const sizes = await request.sizes();
          const body = await (await request.response())?.body();
          return { url: request.url(), bytes: sizes.responseBodySize, rawBytes: body?.length ?? 0 };
        })(),
      );
    });
    await page.goto(url, { waitUntil: 'networkidle' });
    idle = true;
    const fetched = await Promise.all(scripts);
    // Inline <script> bodies ride in the HTML: reported beside the figure, not in it.
    const inlineBytes = await page.evaluate(() => [...document.querySelectorAll('script:not([src])')].reduce((sum, s) => sum + (s.textContent ?? '').length, 0));
    return {
      bytes: fetched.reduce((sum, s) => sum + s.bytes, 0),
      rawBytes: fetched.reduce((sum, s) => sum + s.rawBytes, 0),
      files: fetched.map((s) => `${new URL(s.url).pathname} ${(s.bytes / 1024).toFixed(1)} KB`),
      inlineBytes,
    };
  } finally {
    await browser.close();
  }
}

/** Lighthouse category scores (0–100) for one URL, in a Chromium of its own. */
async function lighthouseScores(url: string): Promise<Record<(typeof CATEGORIES)[number], number>> {
  const profile = await mkdtemp(join(tmpdir(), 'xdp-labs-lighthouse-'));
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM_PATH, chromeFlags: [...CHROMIUM_FLAGS], userDataDir: profile, logLevel: 'silent' });
  try {
    const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] });
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const failing = Object.values(lhr.audits)
      .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual')
      .map((a) => `${a.id} (${Math.round((a.score ?? 0) * 100)})`);
    if (failing.length) console.log(`  ${url}: audits under 90: ${failing.join(', ')}`);
    return Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)])) as Record<(typeof CATEGORIES)[number], number>;
  } finally {
    chrome.kill();
    await rm(profile, { recursive: true, force: true });
  }
}

function printTable(figures: Figure[]): void {
  const rows = [['figure', 'value', 'budget', ''], ...figures.map((f) => [f.name, f.value, f.budget, f.ok ? 'ok' : 'OVER'])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const [i, row] of rows.entries()) {
    console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd());
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
  for (const f of figures.filter((x) => x.note)) console.log(`  ${f.name}: ${f.note}`);
}

async function main(): Promise<void> {
  const figures: Figure[] = [];
  console.log('building the site (cold cache)…');
  const build = await buildSite();
  try {
    const seconds = build.buildMs / 1000;
    figures.push({ name: 'full build', value: `${seconds.toFixed(1)} s`, budget: '≤ 30 s', ok: seconds <= 30 });

    const server = await serveStatic(build.outDir, { gzip: true });
    try {
      console.log(`measuring JS on ${DOCS_PAGE}…`);
      const js = await scriptBytesUntilIdle(server.url + DOCS_PAGE);
      const kb = js.bytes / 1024;
      figures.push({
        name: `JS before idle ${DOCS_PAGE}`,
        value: `${kb.toFixed(1)} KB`,
        budget: '≤ 15 KB',
        ok: kb <= 15,
        note: `${(js.rawBytes / 1024).toFixed(1)} KB before gzip, plus ${(js.inlineBytes / 1024).toFixed(1)} KB inline in the HTML: ${js.files.join(', ')}`,
      });

      for (const path of LIGHTHOUSE_PAGES) {
        console.log(`Lighthouse ${path}…`);
        const scores = await lighthouseScores(server.url + path);
        for (const category of CATEGORIES) {
          figures.push({ name: `Lighthouse ${category} ${path}`, value: String(scores[category]), budget: '≥ 95', ok: scores[category] >= 95 });
        }
      }
    } finally {
      await server.close();
    }
  } finally {
    await build.remove();
  }
  console.log('\nLighthouse runs its default (mobile, simulated throttling) profile.');
  printTable(figures);
}

await main();
