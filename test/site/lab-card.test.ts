// A LabCard shows exactly what its lab declares: the same checks (ids, in order)
// with their text in the page's language, and the lab's title in that language.
// The card is generated from labs/catalog, so this catches a card built from a
// stale or wrong declaration, or one that falls back to English on a Korean page.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findLab } from '../../labs/catalog/index.ts';
import { inParallel, launchBrowser, openPage, type Browser } from '../support/browser.ts';
import { builtHtml, servedSite, sitemapPages, type SitePage } from './site.ts';

interface RenderedCard {
  lab: string;
  title: string;
  checks: { id: string; text: string }[];
}

describe('site lab cards', () => {
  const site = servedSite();
  let browser: Browser;
  let pages: SitePage[];

  beforeAll(async () => {
    // Only pages whose HTML holds a card need a browser.
    pages = [];
    const holdsCard = /class="[^"]*\blab-card\b/;
    for (const page of await sitemapPages(site.dir)) if (holdsCard.test(await builtHtml(site.dir, page.path))) pages.push(page);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test("every LabCard lists exactly its lab's checks, in order, in the page's language", async () => {
    const results = await inParallel(pages, 2, async ({ path, locale }) => {
      const { page } = await openPage(browser.context, site.url + path, { waitUntil: 'load' });
      try {
        const cards: RenderedCard[] = await page.locator('.lab-card').evaluateAll((sections) => {
          const clean = (text: string | null | undefined): string => (text ?? '').replace(/\s+/g, ' ').trim();
          return sections.map((section) => ({
            lab: clean(section.querySelector('.eyebrow code')?.textContent),
            title: clean(section.querySelector('h2, h3, h4')?.textContent),
            checks: [...section.querySelectorAll('ol.checks > li')].map((li) => {
              const id = clean(li.querySelector('code')?.textContent);
              return { id, text: clean(clean(li.textContent).slice(id.length)) };
            }),
          }));
        });
        const problems: string[] = [];
        for (const card of cards) {
          const lab = findLab(card.lab);
          if (!lab) {
            problems.push(`${path}: a LabCard names "${card.lab}", which is not in labs/catalog`);
            continue;
          }
          const expected = lab.checks.map((check) => ({ id: check.id, text: check.text[locale] }));
          if (JSON.stringify(card.checks) !== JSON.stringify(expected)) {
            problems.push(`${path}: LabCard ${lab.name} shows\n    ${JSON.stringify(card.checks)}\n  but the lab declares (${locale})\n    ${JSON.stringify(expected)}`);
          }
          if (card.title !== lab.title[locale]) problems.push(`${path}: LabCard ${lab.name} title "${card.title}", expected "${lab.title[locale]}"`);
        }
        return { path, cards: cards.length, problems };
      } finally {
        await page.close();
      }
    });
    const withCards = results.filter((r) => r.cards > 0).map((r) => r.path);
    expect(withCards.filter((p) => !p.startsWith('/ko/')), 'English pages with a LabCard').not.toEqual([]);
    expect(withCards.filter((p) => p.startsWith('/ko/')), 'Korean pages with a LabCard').not.toEqual([]);
    expect(results.flatMap((r) => r.problems)).toEqual([]);
  });
});
