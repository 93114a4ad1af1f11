// Every page of the built site, in both locales, loads cleanly in a real browser:
// HTTP 200, no console error, no uncaught exception, no failed request, the right
// html lang, and never Starlight's "not translated yet" fallback notice.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { inParallel, launchBrowser, openPage, type Browser } from '../support/browser.ts';
import { servedSite, sitemapPages, type SitePage } from './site.ts';

// Starlight's i18n.untranslatedContent string, as it renders it on a fallback page.
const FALLBACK_NOTICES = ['This content is not available in your language yet', '이 콘텐츠는 아직 번역되지 않았습니다'];

interface PageReport {
  path: string;
  problems: string[];
}

describe('site pages', () => {
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

  test('the sitemap lists every page in English and in Korean', () => {
    const english = pages.filter((p) => p.locale === 'en').map((p) => p.path);
    const korean = pages.filter((p) => p.locale === 'ko').map((p) => p.path.replace(/^\/ko\//, '/'));
    expect(english.length, 'English pages in the sitemap').toBeGreaterThan(0);
    expect(korean.sort(), 'Korean pages (without /ko) = English pages').toEqual(english.sort());
  });

  test('every page loads with HTTP 200, no console error, no failed request, no fallback notice', async () => {
    const reports = await inParallel(pages, 2, async ({ path, locale }): Promise<PageReport> => {
      const { page, problems, status } = await openPage(browser.context, site.url + path);
      try {
        const found: string[] = [];
        if (status !== 200) found.push(`document: HTTP ${status}`);
        const lang = await page.getAttribute('html', 'lang');
        if (lang !== locale) found.push(`<html lang="${lang}">, expected "${locale}"`);
        const text = await page.locator('body').innerText();
        for (const notice of FALLBACK_NOTICES) if (text.includes(notice)) found.push(`fallback notice: "${notice}"`);
        found.push(...problems.consoleErrors.map((e) => `console error: ${e}`));
        found.push(...problems.pageErrors.map((e) => `uncaught: ${e}`));
        found.push(...problems.failedRequests.map((e) => `request: ${e}`));
        return { path, problems: found };
      } finally {
        await page.close();
      }
    });
    const failing = reports.filter((r) => r.problems.length > 0).map((r) => `${r.path}\n  ${r.problems.join('\n  ')}`);
    expect(failing, `pages with problems (of ${pages.length})`).toEqual([]);
  });
});
