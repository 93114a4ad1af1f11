// "Check my program" on an exercise page in Chromium, against a real
// `npm start`: the starter fails with its failing check and frame in view, the
// progress badge says so; with the solution saved it passes and the badges on
// the page and on the exercises page say passed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import en from '../../content/i18n/en.json';
import ko from '../../content/i18n/ko.json';
import { launchBrowser, openPage, type Browser } from '../support/browser.ts';
import { startBook, withSolutionInPlace, type Book } from './book.ts';

const SCREENSHOTS = process.env['XDP_LABS_SCREENSHOTS'];
// The learner's progress goes to a folder of the test's own, not to root's real one.
const stateHome = mkdtempSync(join(tmpdir(), 'xdp-labs-state-'));
let book: Book;
let browser: Browser;
beforeAll(async () => {
  [book, browser] = await Promise.all([startBook({ XDG_STATE_HOME: stateHome }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await book?.stop();
  rmSync(stateHome, { recursive: true, force: true });
});

const badge = (page: Page) => page.locator('.exercise-card [data-exercise-progress="frame-length"]');

async function checkOnce(page: Page): Promise<void> {
  const panel = page.locator('.run-panel[data-name="frame-length"]');
  await panel.locator('.run-button:not([disabled])').waitFor({ timeout: 30_000 });
  await panel.locator('.run-button').click();
  await page.locator('.run-panel[data-name="frame-length"][data-state="finished"]').waitFor({ timeout: 120_000 });
}

test('the starter fails with its failing check shown; the solution passes and the badges change', async () => {
  const { page } = await openPage(browser.context, `${book.url}/ko/exercises/frame-length/?token=${book.token}`, { waitUntil: 'load' });
  const panel = page.locator('.run-panel[data-name="frame-length"]');
  expect(await panel.locator('.run-button').textContent()).toBe(ko['runPanel.check']);
  await expect.poll(() => badge(page).textContent(), { timeout: 30_000 }).toBe(ko['exerciseProgress.not-started']);

  await checkOnce(page);
  const failing = panel.locator('.run-check[data-verdict="fail"]');
  expect(await failing.count()).toBeGreaterThan(0);
  const first = failing.first();
  expect(await first.isVisible()).toBe(true);
  // Expected, observed and the frame that got the wrong verdict, in Korean labels.
  expect(await first.locator('dt').allTextContents()).toEqual([ko['runPanel.expected'], ko['runPanel.observed'], ko['runPanel.frame']]);
  expect(await panel.locator('.run-status').textContent()).toContain(`${ko['runPanel.status.fail']}:`);
  await expect.poll(() => badge(page).textContent(), { timeout: 10_000 }).toBe(ko['exerciseProgress.failing']);
  if (SCREENSHOTS) await page.locator('.exercise-card').screenshot({ path: join(SCREENSHOTS, 'check-ko-fail.png') });

  await withSolutionInPlace('frame-length', () => checkOnce(page));
  expect(await panel.locator('.run-check[data-verdict="fail"]').count()).toBe(0);
  expect(await panel.locator('.run-status').textContent()).toContain(`${ko['runPanel.status.pass']}:`);
  await expect.poll(() => badge(page).textContent(), { timeout: 10_000 }).toBe(ko['exerciseProgress.passed']);
  await page.close();

  const { page: list } = await openPage(browser.context, `${book.url}/exercises/`, { waitUntil: 'load' });
  const row = list.locator('.exercise-table [data-exercise-progress="frame-length"]');
  await expect.poll(() => row.textContent(), { timeout: 30_000 }).toBe(en['exerciseProgress.passed']);
  await list.close();
});
