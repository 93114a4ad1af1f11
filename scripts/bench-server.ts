// How quickly a run started from a page shows up in it, through `npm start`
// (issue goal: the first check within half a second of the runner recording it).
// Prints figures, asserts nothing. Needs root (the runs are real).
//   npm run bench:server            (XDP_LABS_OUT_DIR=<folder> serves that build; built first when stale)
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { launchBrowser, openPage } from '../test/support/browser.ts';

const LAB = 'xdp-drop';
const PAGE = '/first-program/';
const REPEATS = 3;

const server = spawn(process.execPath, ['--no-warnings', fileURLToPath(new URL('../labs/server/start.ts', import.meta.url)), '--no-open', '--port', '0'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
let output = '';
const address = await new Promise<string>((resolve, reject) => {
  server.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(output);
    if (match) resolve(match[0]);
  });
  server.once('exit', (code) => reject(new Error(`npm start exited (${code}):\n${output}`)));
});
const [base, token] = address.split('/?token=') as [string, string];

interface Figures {
  /** Click → the first check row on the page. */
  firstCheckMs: number;
  /** The runner recording the first check (the event's `at`) → the page drawing it. */
  recordToPageMs: number;
  worstRecordToPageMs: number;
}

const browser = await launchBrowser();
const rows: Figures[] = [];
try {
  for (let i = 0; i < REPEATS; i++) {
    const { page } = await openPage(browser.context, `${base}${PAGE}?token=${token}`, { waitUntil: 'load' });
    const panel = page.locator(`.run-panel[data-name="${LAB}"]`);
    await panel.locator('.run-button:not([disabled])').waitFor({ timeout: 30_000 });
    const clicked = await page.evaluate(() => performance.timeOrigin + performance.now());
    await panel.locator('.run-button').click();
    await page.locator(`.run-panel[data-name="${LAB}"][data-state="finished"]`).waitFor({ timeout: 120_000 });
    const figures = await panel.evaluate((element, clickedAt) => {
      const checks = [...element.querySelectorAll<HTMLElement>('.run-check')].map((row) => ({
        recorded: Number(row.dataset['recordedAt']),
        received: Number(row.dataset['receivedAt']),
      }));
      const first = checks[0]!;
      return {
        firstCheckMs: first.received - clickedAt,
        recordToPageMs: first.received - first.recorded,
        worstRecordToPageMs: Math.max(...checks.map((c) => c.received - c.recorded)),
      };
    }, clicked);
    rows.push(figures);
    await page.close();
  }
} finally {
  await browser.close();
  server.kill('SIGTERM');
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (n: number) => `${n.toFixed(0)} ms`;
console.log(`${LAB} run from ${PAGE} in headless Chromium, median of ${REPEATS}:`);
console.log(`  click → first check on the page            ${ms(median(rows.map((r) => r.firstCheckMs)))}`);
console.log(`  runner records first check → page shows it ${ms(median(rows.map((r) => r.recordToPageMs)))}   (goal ≤ 500 ms)`);
console.log(`  worst check, record → page                 ${ms(median(rows.map((r) => r.worstRecordToPageMs)))}`);
console.log('(click → first check includes Node starting the CLI, preflight, compiling and building the network)');
