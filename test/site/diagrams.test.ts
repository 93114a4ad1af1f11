// Diagrams are visible and legible in both themes: every inline diagram SVG
// (figure svg[role=img]) has a size on screen, and every text label in it is
// painted in a colour with WCAG contrast >= 3 against what is behind it.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { inParallel, launchBrowser, openPage, THEMES, type Browser } from '../support/browser.ts';
import { probeDiagrams } from './diagram-probe.ts';
import { builtHtml, servedSite, sitemapPages, type SitePage } from './site.ts';

const MIN_CONTRAST = 3;

/** Where each diagram belongs, by its figure id: the page (English path) that must show it in both languages. */
const DIAGRAM_PAGES: Record<string, string> = {
  'diagram-native-vs-generic': '/xdp/',
  'diagram-xdp-buff': '/reference/xdp-md/',
  'diagram-af-xdp-rings': '/labs/af-xdp/',
  'diagram-drop-bench-chart': '/labs/drop-bench/',
};

/** How many diagram SVGs a built page holds (counted in its HTML, before any browser). */
function diagramCount(html: string): number {
  return [...html.matchAll(/<figure\b[\s\S]*?<\/figure>/g)].filter((m) => /<svg\b[^>]*\brole="img"/.test(m[0])).length;
}

describe('site diagrams', () => {
  const site = servedSite();
  let browser: Browser;
  const counts = new Map<string, number>();
  let withDiagrams: SitePage[] = [];

  beforeAll(async () => {
    const pages = await sitemapPages(site.dir);
    for (const page of pages) counts.set(page.path, diagramCount(await builtHtml(site.dir, page.path)));
    withDiagrams = pages.filter((page) => (counts.get(page.path) ?? 0) > 0);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('pages embed diagrams', () => {
    expect(withDiagrams.map((p) => p.path), 'pages with a figure svg[role=img]').not.toEqual([]);
  });

  test('the English and the Korean page show the same number of diagrams', () => {
    const mismatched = [...counts]
      .filter(([path]) => !path.startsWith('/ko/'))
      .map(([path, english]) => ({ path, english, korean: counts.get(`/ko${path}`) ?? 0 }))
      .filter(({ english, korean }) => english !== korean)
      .map(({ path, english, korean }) => `${path}: ${english} in English, ${korean} in Korean`);
    expect(mismatched).toEqual([]);
  });

  test.each(Object.entries(DIAGRAM_PAGES))('%s is on %s in English and in Korean', async (id, path) => {
    for (const page of [path, `/ko${path}`]) {
      const html = await builtHtml(site.dir, page);
      expect(html, `${page} has no <figure id="${id}">`).toMatch(new RegExp(`<figure\\b[^>]*\\bid="${id}"`));
    }
  });

  test.each(THEMES)('every diagram is visible, with legible labels, in the %s theme', async (theme) => {
    expect(withDiagrams.length, 'pages with diagrams').toBeGreaterThan(0);
    const problems = await inParallel(withDiagrams, 2, async ({ path }) => {
      const { page } = await openPage(browser.context, site.url + path, { theme });
      try {
        const measured = await page.evaluate(probeDiagrams);
        const found: string[] = [];
        if (measured.theme !== theme) found.push(`<html data-theme="${measured.theme}">, expected "${theme}"`);
        if (measured.diagrams.length !== counts.get(path)) found.push(`${measured.diagrams.length} diagrams rendered, ${counts.get(path)} in the HTML`);
        for (const d of measured.diagrams) {
          if (d.hidden || d.width < 1 || d.height < 1) found.push(`${d.name}: not visible (${d.width}×${d.height}${d.hidden ? ', hidden' : ''})`);
          for (const label of d.labels) {
            if (label.width < 1 || label.height < 1) found.push(`${d.name}: label "${label.text}" has no size`);
            if (label.ratio < MIN_CONTRAST) found.push(`${d.name}: label "${label.text}" ${label.color} on ${label.backdrop}: contrast ${label.ratio} < ${MIN_CONTRAST}`);
          }
        }
        return found.map((line) => `${path} (${theme}): ${line}`);
      } finally {
        await page.close();
      }
    });
    expect(problems.flat()).toEqual([]);
  });
});
