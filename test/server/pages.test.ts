// The Run button in Chromium, against a real `npm start`: a lab run from its
// page in English and in Korean, every check arriving while the run goes on;
// Stop mid-run leaving nothing behind; what the panel says when it cannot run
// (no token, no VM); and a static copy of the book, where it stays hidden and
// calls nothing. XDP_LABS_SCREENSHOTS=<folder> saves the finished cards.
import { AxeBuilder } from '@axe-core/playwright';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { findLab } from '../../labs/catalog/index.ts';
import en from '../../content/i18n/en.json';
import ko from '../../content/i18n/ko.json';
import { launchBrowser, openPage, THEMES, type Browser, type Theme } from '../support/browser.ts';
import { serveStatic } from '../site/static-server.ts';
import { childrenOf, leftovers, startBook, untilIdle, xdpPrograms, type Book } from './book.ts';

const STRINGS = { en, ko } as const;
const SCREENSHOTS = process.env['XDP_LABS_SCREENSHOTS'];

let book: Book;
let browser: Browser;
beforeAll(async () => {
  [book, browser] = await Promise.all([startBook(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await book?.stop();
});

const panelOf = (page: Page, lab: string) => page.locator(`.run-panel[data-name="${lab}"]`);

/** Open a page of the book the way a reader does: through the link with the token. */
async function openBookPage(path: string, theme: Theme = 'dark') {
  return openPage(browser.context, `${book.url}${path}?token=${book.token}`, { theme, waitUntil: 'load' });
}

/** When each step and check row first appeared, in page time (a MutationObserver started before the click). */
async function watchArrivals(page: Page, lab: string): Promise<void> {
  await panelOf(page, lab).evaluate((panel) => {
    const seen: { kind: string; label: string; at: number }[] = [];
    (window as unknown as { arrivals: typeof seen }).arrivals = seen;
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (!(node instanceof HTMLElement)) continue;
          if (node.matches('.run-step')) seen.push({ kind: 'step', label: node.querySelector('.run-title')?.textContent ?? '', at: performance.now() });
          if (node.matches('.run-check')) seen.push({ kind: 'check', label: node.dataset['id'] ?? '', at: performance.now() });
        }
      }
    }).observe(panel, { childList: true, subtree: true });
  });
}

describe('Run from a lab page', () => {
  for (const locale of ['en', 'ko'] as const) {
    test(`xdp-drop from its page in ${locale === 'en' ? 'English' : 'Korean'}: every check arrives and passes`, async () => {
      const lab = findLab('xdp-drop')!;
      const path = `${locale === 'ko' ? '/ko' : ''}/${lab.page}/`;
      const { page, problems } = await openBookPage(path);
      const panel = panelOf(page, lab.name);
      const button = panel.locator('.run-button');
      await expect.poll(() => button.isEnabled(), { timeout: 30_000 }).toBe(true);
      expect(await button.textContent()).toBe(STRINGS[locale]['runPanel.run']);
      await watchArrivals(page, lab.name);
      await button.click();
      expect(await button.textContent()).toBe(STRINGS[locale]['runPanel.stop']);
      await page.locator(`.run-panel[data-name="${lab.name}"][data-state="finished"]`).waitFor({ timeout: 120_000 });

      const rows = await panel.locator('.run-check').evaluateAll((items) => items.map((li) => ({ id: (li as HTMLElement).dataset['id'], verdict: (li as HTMLElement).dataset['verdict'] })));
      expect(rows).toEqual(lab.checks.map((c) => ({ id: c.id, verdict: 'pass' })));
      const sentences = await panel.locator('.run-check-head').allTextContents();
      lab.checks.forEach((check, i) => expect(sentences[i]).toContain(check.text[locale]));
      const steps = await panel.locator('.run-step .run-title').allTextContents();
      expect(steps).toEqual([...lab.steps.map((s) => s.title[locale]), locale === 'ko' ? '정리' : 'Clean up']);
      expect(await panel.locator('.run-step[data-state="done"]').count()).toBe(steps.length);
      const status = await panel.locator('.run-status').textContent();
      expect(status).toContain(`${STRINGS[locale]['runPanel.status.pass']}:`);
      expect(await button.textContent()).toBe(STRINGS[locale]['runPanel.run']);

      // The checks streamed in as the lab recorded them: the first came before the cleanup step began.
      const arrivals = await page.evaluate(() => (window as unknown as { arrivals: { kind: string; label: string; at: number }[] }).arrivals);
      const firstCheck = arrivals.findIndex((a) => a.kind === 'check');
      const cleanup = arrivals.findIndex((a) => a.kind === 'step' && a.label === steps.at(-1));
      expect(firstCheck).toBeGreaterThanOrEqual(0);
      expect(firstCheck).toBeLessThan(cleanup);

      for (const theme of THEMES) {
        await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
        const axe = await new AxeBuilder({ page }).include(`.run-panel[data-name="${lab.name}"]`).analyze();
        expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${theme}: ${v.id} ${v.help}: ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join('; ')}`)).toEqual([]);
        if (SCREENSHOTS) await page.locator('.lab-card', { has: panel }).screenshot({ path: join(SCREENSHOTS, `run-${locale}-${theme}.png`) });
      }
      expect(problems.pageErrors).toEqual([]);
      expect(problems.consoleErrors).toEqual([]);
      await page.close();
    });
  }

  test('Stop mid-run: the run cleans up and nothing is left behind', async () => {
    const before = await xdpPrograms();
    const { page } = await openBookPage('/first-program/');
    const panel = panelOf(page, 'xdp-drop');
    const button = panel.locator('.run-button');
    await expect.poll(() => button.isEnabled(), { timeout: 30_000 }).toBe(true);
    await button.click();
    // Stop once the lab has its network and a program attached.
    await panel.locator('.run-check[data-id="lo-generic-attached"]').waitFor({ timeout: 60_000 });
    const [runner] = await childrenOf(book.pid);
    const record = readdirSync('/run/xdp-labs/runs')
      .map((file) => JSON.parse(readFileSync(`/run/xdp-labs/runs/${file}`, 'utf8')) as { runId: string; ownerPid: number; pids: number[] })
      .find((r) => r.ownerPid === runner);
    expect(record, 'the run record of the page’s run').toBeDefined();
    await button.click();
    await page.locator('.run-panel[data-name="xdp-drop"][data-state="stopped"]').waitFor({ timeout: 60_000 });
    expect(await panel.locator('.run-status').textContent()).toBe(en['runPanel.stopped']);
    await untilIdle(book);
    expect(book.output()).toMatch(/■ lab xdp-drop: stopped by the page, \d+ of 12 checks observed; cleanup done/);
    expect(await leftovers(record!.runId, { pids: record!.pids, before, programs: ['xdp_drop'] })).toEqual([]);
    expect(await button.isEnabled()).toBe(true);
    await page.close();
  });
});

describe('when the page cannot run anything', () => {
  test('without the token the panel says to open the printed address', async () => {
    const { page } = await openPage(browser.context, `${book.url}/ko/first-program/`, { waitUntil: 'load' });
    // A fresh context could still hold the cookie from the other tests: this one never visited with ?token=.
    await page.context().clearCookies();
    await page.reload({ waitUntil: 'load' });
    const panel = panelOf(page, 'xdp-drop');
    await expect.poll(() => panel.locator('.run-status').textContent(), { timeout: 30_000 }).toBe(ko['runPanel.needsToken']);
    expect(await panel.locator('.run-button').isVisible()).toBe(false);
    await page.close();
  });

  test('when runs would go to a workshop VM that does not exist, the button says so and what to do', async () => {
    const vmBook = await startBook({ XDP_LAB_TARGET: 'vagrant' });
    try {
      const { page } = await openPage(browser.context, `${vmBook.url}/first-program/?token=${vmBook.token}`, { waitUntil: 'load' });
      const panel = panelOf(page, 'xdp-drop');
      await expect.poll(() => panel.locator('.run-status').textContent(), { timeout: 30_000 }).toBe(en['runPanel.vmMissing']);
      expect(await panel.locator('.run-button').isDisabled()).toBe(true);
      await page.close();
    } finally {
      await vmBook.stop();
    }
  });

  test('a static copy of the book: the panel stays hidden, the command is there, and no API is called', async () => {
    const site = await serveStatic(inject('bookDir'));
    try {
      const page = await browser.context.newPage();
      const calls: string[] = [];
      page.on('request', (request) => void (new URL(request.url()).pathname.startsWith('/api/') && calls.push(request.url())));
      await page.goto(`${site.url}/first-program/`, { waitUntil: 'networkidle' });
      expect(await panelOf(page, 'xdp-drop').isHidden()).toBe(true);
      expect(await page.locator('.lab-card', { has: panelOf(page, 'xdp-drop') }).locator('pre.command').textContent()).toBe('npm run lab xdp-drop');
      expect(calls).toEqual([]);
      await page.close();
    } finally {
      await site.close();
    }
  });
});
