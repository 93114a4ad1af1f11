// Search works the way a reader uses it: open the page, click the search button,
// type, and the page that explains the term is among Pagefind's results, in the
// reader's language only (Pagefind keeps one index per <html lang>).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, openPage, type Browser } from '../support/browser.ts';
import { localeOfPath, servedSite } from './site.ts';

interface SearchCase {
  /** Where the reader starts; its language picks the index. */
  start: string;
  query: string;
  /** A page that must be among the results. */
  expected: string;
}

const CASES: readonly SearchCase[] = [
  { start: '/', query: 'xdp_md', expected: '/reference/xdp-md/' },
  { start: '/', query: 'NAPI budget', expected: '/packet-flow/' },
  { start: '/ko/', query: '링 버퍼', expected: '/ko/nic-napi-skb/' },
  { start: '/ko/', query: '인터럽트', expected: '/ko/nic-napi-skb/' },
];

/** Open Starlight's search dialog as a reader does (click the button) and type a query. */
async function typeQuery(page: Page, query: string): Promise<void> {
  await page.locator('site-search button[data-open-modal]').click();
  const input = page.locator('#starlight__search input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(query);
}

/** The result pages shown so far (paths), after asking for every page of results (they come five at a time). */
async function resultPaths(page: Page): Promise<string[]> {
  const more = page.locator('.pagefind-ui__button');
  while (await more.isVisible()) await more.click();
  const hrefs = await page.locator('.pagefind-ui__result-link').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
  return [...new Set(hrefs.map((href) => new URL(href).pathname))];
}

describe('site search', () => {
  const site = servedSite();
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test.each(CASES)('searching "$query" from $start finds $expected', async ({ start, query, expected }) => {
    const { page } = await openPage(browser.context, site.url + start);
    try {
      await typeQuery(page, query);
      // Pagefind answers asynchronously (index chunks load on demand): poll until the page shows up.
      await expect.poll(() => resultPaths(page), { message: `results for "${query}"`, timeout: 15_000 }).toContain(expected);
      const results = await resultPaths(page);
      const otherLanguage = results.filter((path) => localeOfPath(path) !== localeOfPath(start));
      expect(otherLanguage, 'results in the other language').toEqual([]);
    } finally {
      await page.close();
    }
  });
});
