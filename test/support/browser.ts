// Headless Debian Chromium driven by playwright-core, for the site tests and the
// benchmark. Each launch gets a fresh throw-away profile, so no test sees another
// one's storage (the theme is kept in localStorage), and the folder is removed on close.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env['CHROME_PATH'] ?? '/usr/bin/chromium';

/** No sandbox (we run as root), no GPU, and nothing that phones home during a test. */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export type Theme = 'light' | 'dark';
export const THEMES: readonly Theme[] = ['light', 'dark'];

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), 'xdp-labs-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_FLAGS],
      viewport: { width: 1280, height: 900 },
    });
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** What went wrong while a page loaded: each entry is a readable line for a failure message. */
export interface PageProblems {
  consoleErrors: string[];
  pageErrors: string[];
  failedRequests: string[];
}

/** Start recording console errors, uncaught exceptions and failed or ≥ 400 requests of a page. */
export function watchPage(page: Page): PageProblems {
  const problems: PageProblems = { consoleErrors: [], pageErrors: [], failedRequests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') {
      const where = message.location().url;
      problems.consoleErrors.push(`${message.text()}${where ? ` (${where})` : ''}`);
    }
  });
  page.on('pageerror', (error) => problems.pageErrors.push(String(error)));
  page.on('requestfailed', (request) => {
    problems.failedRequests.push(`${request.method()} ${request.url()}: ${request.failure()?.errorText ?? 'failed'}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.failedRequests.push(`${response.request().method()} ${response.url()}: HTTP ${response.status()}`);
  });
  return problems;
}

export interface OpenedPage {
  page: Page;
  problems: PageProblems;
  /** HTTP status of the document itself. */
  status: number;
}

/**
 * Open a URL in a new tab in the given theme and wait until the network is idle.
 * The theme is set the way a reader sets it (Starlight keeps the choice in
 * localStorage 'starlight-theme') and matches the emulated colour scheme too.
 */
export async function openPage(
  context: BrowserContext,
  url: string,
  options: {
    theme?: Theme;
    /** Script source run in the page before its own scripts. */
    initScript?: string;
    /** 'networkidle' (default) lets lazy scripts such as search finish; 'load' is enough to read the DOM. */
    waitUntil?: 'load' | 'networkidle';
  } = {},
): Promise<OpenedPage> {
  const page = await context.newPage();
  const problems = watchPage(page);
  if (options.initScript) await page.addInitScript(options.initScript);
  if (options.theme) {
    await page.emulateMedia({ colorScheme: options.theme });
    await page.addInitScript((theme: string) => localStorage.setItem('starlight-theme', theme), options.theme);
  }
  const response = await page.goto(url, { waitUntil: options.waitUntil ?? 'networkidle' });
  return { page, problems, status: response?.status() ?? 0 };
}

/**
 * Wait until the page has done what it does after loading: a couple of frames
 * for resize observers, then an idle moment (Expressive Code, for one, marks
 * overflowing code blocks focusable only then).
 */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((done) => {
        requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => requestIdleCallback(() => done(), { timeout: 2000 }), 300)));
      }),
  );
}

/** Run `task` over `items` with at most `limit` at a time (two cores: more tabs only slow each other down). */
export async function inParallel<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
