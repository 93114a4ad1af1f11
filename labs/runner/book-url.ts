// Where the runner's "read about this lab" links point: a published copy of the
// book when $XDP_LABS_SITE names one, else the book `npm start` serves on this
// machine. A running `npm start` records its address (the port may not be the
// default one), so a lab run from another terminal links to the right place.
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_DIR } from '../lib/paths.ts';

export const DEFAULT_BOOK_URL = 'http://127.0.0.1:4321';

/** One record per checkout, so two clones on one machine do not point at each other's book. */
function recordFile(): string {
  const checkout = createHash('sha256').update(REPO_DIR).digest('hex').slice(0, 12);
  return join(tmpdir(), `xdp-labs-book-${checkout}.json`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The running local book's address, if `npm start` is serving this checkout. */
export function runningBookUrl(): string | undefined {
  try {
    const record = JSON.parse(readFileSync(recordFile(), 'utf8')) as { url?: unknown; pid?: unknown };
    if (typeof record.url === 'string' && typeof record.pid === 'number' && alive(record.pid)) return record.url;
  } catch {
    // No record (npm start is not running) or a torn one: fall back to the default address.
  }
  return undefined;
}

export function bookUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env['XDP_LABS_SITE'] || runningBookUrl() || DEFAULT_BOOK_URL;
}

/**
 * Called by `npm start` once it listens; the returned function removes the record.
 * A second server of the same checkout (a test, say) leaves the first one's record alone.
 */
export function recordBookUrl(url: string): () => void {
  const file = recordFile();
  if (runningBookUrl() !== undefined) return () => {};
  writeFileSync(file, JSON.stringify({ url, pid: process.pid }));
  return () => rmSync(file, { force: true });
}
