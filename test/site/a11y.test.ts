// axe-core finds no serious or critical accessibility violation on any page of
// the sitemap, in both locales. The dark theme (Starlight's default) gets every
// rule; the light theme changes only colours, and the two locales share them, so
// there every English page gets the colour rules. That keeps the file to about
// a minute and a half on two cores.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { inParallel, launchBrowser, openPage, settle, type Browser, type Theme } from '../support/browser.ts';
import { servedSite, sitemapPages, type SitePage } from './site.ts';

const BLOCKING_IMPACTS = new Set(['serious', 'critical']);
/** The axe rules whose outcome depends on the theme's colours. */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

// axe-core is loaded into each page once, before the page's scripts, instead of
// AxeBuilder evaluating its 550 KB source twice per analysis (seconds on two cores).
// AxeBuilder then gets a one-line "source" that only checks axe is there.
const AXE_SOURCE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AXE_ALREADY_LOADED = `void (window.axe ?? (() => { throw new Error('axe-core was not preloaded into this page'); })())`;

/** Serious or critical violations on the open page, one readable line each. */
async function blockingViolations(page: Page, label: string, rules?: string[]): Promise<string[]> {
  // Legacy mode runs axe.run in the page itself: our pages have no iframes, and the
  // default mode's extra blank page per analysis doubles the time.
  let builder = new AxeBuilder({ page, axeSource: AXE_ALREADY_LOADED }).setLegacyMode(true).options({ resultTypes: ['violations'] });
  if (rules) builder = builder.withRules(rules);
  const results = await builder.analyze();
  return results.violations
    .filter((v) => BLOCKING_IMPACTS.has(v.impact ?? ''))
    .map((v) => {
      const nodes = v.nodes.slice(0, 3).map((n) => {
        const why = (n.failureSummary ?? '').split('\n').slice(1).join(' ').trim();
        return `${n.target.join(' ')}${why ? ` — ${why}` : ''}`;
      });
      const more = v.nodes.length > 3 ? `\n    (+${v.nodes.length - 3} more)` : '';
      return `${label} [${v.impact}] ${v.id}: ${v.help}\n    ${nodes.join('\n    ')}${more}`;
    });
}

describe('site accessibility (axe-core)', () => {
  const site = servedSite();
  let browser: Browser;
  let pages: SitePage[];

  beforeAll(async () => {
    pages = await sitemapPages(site.dir);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function audit(theme: Theme, selection: readonly SitePage[], rules?: string[]): Promise<string[]> {
    expect(selection.length, 'pages to audit').toBeGreaterThan(0);
    const perPage = await inParallel(selection, 2, async ({ path }) => {
      // 'load' then settle: the DOM axe sees is final by then (search mounts only on demand).
      const { page } = await openPage(browser.context, site.url + path, { theme, initScript: AXE_SOURCE, waitUntil: 'load' });
      try {
        await settle(page);
        return await blockingViolations(page, `${path} (${theme})`, rules);
      } finally {
        await page.close();
      }
    });
    return perPage.flat();
  }

  // Every page of the book (over 80 now, each axe-audited in a fresh tab) takes minutes on two shared cores.
  const AUDIT_TIMEOUT_MS = 600_000;

  test('every page, both locales, dark theme: no serious or critical violation of any rule', { timeout: AUDIT_TIMEOUT_MS }, async () => {
    expect(await audit('dark', pages)).toEqual([]);
  });

  // Both locales share every colour, so the English pages stand for the Korean ones here.
  test(`every English page, light theme: no serious or critical violation of the colour rules (${COLOUR_RULES.join(', ')})`, { timeout: AUDIT_TIMEOUT_MS }, async () => {
    expect(await audit('light', pages.filter((p) => p.locale === 'en'), COLOUR_RULES)).toEqual([]);
  });
});
