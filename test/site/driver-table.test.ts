// The XDP page shows the driver table of src/data/xdp-drivers.ts in each
// language: every driver in order, every cell's word in the page's language,
// every footnote leading to its own condition, and the kernel it was read from
// in the caption. On a phone the table scrolls inside its box, not the page.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LOCALES, pagePath, type Locale } from '../../labs/lib/locale.ts';
import { COLUMN_BIT, COLUMNS, drivers, GROUPS, KERNEL_READ } from '../../src/data/xdp-drivers.ts';
import { DRIVER_COLUMN_KEY, DRIVER_GROUP_KEY, SUPPORT_KEY, type UiKey } from '../../src/lib/ui-keys.ts';
import { launchBrowser, openPage, type Browser } from '../support/browser.ts';
import { REPO_ROOT } from './build-site.ts';
import { servedSite } from './site.ts';

const words = (locale: Locale) => JSON.parse(readFileSync(join(REPO_ROOT, `content/i18n/${locale}.json`), 'utf8')) as Record<UiKey, string>;
const clean = (text: string) => text.replace(/`/g, '').replace(/\s+/g, ' ').trim();

interface Rendered {
  caption: string;
  headers: { label: string; bit: string }[];
  groups: string[];
  rows: { driver: string; hardware: string; note: string | null; cells: { word: string; note: string | null }[] }[];
  notes: Record<string, string>;
  sources: Record<string, string[]>;
}

describe('the driver table on the XDP page', () => {
  const site = servedSite();
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const locale of LOCALES) {
    test(`${pagePath('xdp', locale)} shows every driver, cell and note of the data, in ${locale}`, async () => {
      const { page } = await openPage(browser.context, site.url + pagePath('xdp', locale), { waitUntil: 'load' });
      try {
        expect(await page.locator('table.driver-table').count(), 'one driver table').toBe(1);
        const shown: Rendered = await page.locator('table.driver-table').evaluate((table) => {
          const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
          const href = (node: Element | null) => node?.querySelector('sup a')?.getAttribute('href')?.slice(1) ?? null;
          const notes: Record<string, string> = {};
          for (const li of document.querySelectorAll('ol.driver-notes > li')) notes[li.id] = text(li);
          const sources: Record<string, string[]> = {};
          for (const entry of document.querySelectorAll('.driver-sources dl > div')) {
            sources[text(entry.querySelector('dt'))] = [...entry.querySelectorAll('dd code')].map((code) => text(code));
          }
          return {
            caption: text(table.querySelector('caption')),
            headers: [...table.querySelectorAll('thead th.feature')].map((th) => ({ label: text(th.querySelector('.label')), bit: text(th.querySelector('.bit')) })),
            groups: [...table.querySelectorAll('tbody tr.group th')].map((th) => text(th)),
            rows: [...table.querySelectorAll('tbody tr:not(.group)')].map((tr) => {
              const th = tr.querySelector('th[scope="row"]');
              return {
                driver: text(th?.querySelector('code')),
                hardware: text(th?.querySelector('.hardware')),
                note: href(th),
                cells: [...tr.querySelectorAll('td')].map((td) => ({ word: text(td.querySelector('.word')), note: href(td) })),
              };
            }),
            notes,
            sources,
          };
        });
        const t = words(locale);

        expect(shown.caption).toContain(KERNEL_READ.version);
        expect(shown.headers).toEqual(COLUMNS.map((column) => ({ label: clean(t[DRIVER_COLUMN_KEY[column]]), bit: COLUMN_BIT[column] })));
        expect(shown.groups).toEqual(GROUPS.map((group) => clean(t[DRIVER_GROUP_KEY[group]])));

        const expected = GROUPS.flatMap((group) => drivers.filter((row) => row.group === group));
        expect(shown.rows.map((row) => row.driver)).toEqual(expected.map((row) => row.driver));
        const problems: string[] = [];
        const noteShows = (driver: string, where: string, id: string | null, note: { [L in Locale]: string } | undefined) => {
          if (!note) {
            if (id !== null) problems.push(`${where}: a footnote link, but the data has no note`);
            return;
          }
          if (id === null) problems.push(`${where}: no footnote link for its note`);
          else if (!(id in shown.notes)) problems.push(`${where}: its footnote link #${id} leads nowhere`);
          else if (!shown.notes[id]!.endsWith(clean(note[locale]))) problems.push(`${where}: footnote #${id} reads "${shown.notes[id]}", not its note`);
          else if (!shown.notes[id]!.split(':')[0]!.includes(driver)) problems.push(`${where}: footnote #${id} does not name the driver`);
        };
        expected.forEach((row, r) => {
          const rendered = shown.rows[r]!;
          if (rendered.hardware !== clean(row.hardware[locale])) problems.push(`${row.driver}: hardware "${rendered.hardware}"`);
          noteShows(row.driver, row.driver, rendered.note, row.note);
          COLUMNS.forEach((column, c) => {
            const cell = row.cells[column];
            const shownCell = rendered.cells[c];
            if (!shownCell) {
              problems.push(`${row.driver} ${column}: no cell`);
              return;
            }
            if (shownCell.word !== clean(t[SUPPORT_KEY[cell.support]])) problems.push(`${row.driver} ${column}: "${shownCell.word}", expected ${cell.support}`);
            noteShows(row.driver, `${row.driver} ${column}`, shownCell.note, cell.note);
          });
          if (rendered.cells.length !== COLUMNS.length) problems.push(`${row.driver}: ${rendered.cells.length} cells`);
          if (JSON.stringify(shown.sources[row.driver]) !== JSON.stringify(row.sources)) problems.push(`${row.driver}: files read shown as ${JSON.stringify(shown.sources[row.driver])}`);
        });
        expect(problems).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }

  test('on a phone the table scrolls in its own box, the page does not', async () => {
    const { page } = await openPage(browser.context, site.url + pagePath('xdp', 'ko'), { waitUntil: 'load' });
    try {
      await page.setViewportSize({ width: 390, height: 844 });
      const widths = await page.evaluate(() => {
        const box = document.querySelector('.driver-scroll')!;
        return { page: document.documentElement.scrollWidth - window.innerWidth, box: box.scrollWidth - box.clientWidth };
      });
      expect(widths.page, 'the page is wider than the phone').toBeLessThanOrEqual(0);
      expect(widths.box, 'the table box scrolls sideways').toBeGreaterThan(0);
    } finally {
      await page.close();
    }
  });
});
