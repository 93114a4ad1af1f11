// What the server refuses, with which status, and that a refused request ran
// nothing: no run process (every run is a child of the server), and nothing in
// the server's list of runs.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, childrenOf, readEvents, runIdOf, startBook, untilIdle, type Book } from './book.ts';

let book: Book;
beforeAll(async () => {
  book = await startBook();
});
afterAll(async () => {
  await book?.stop();
});

/** Send the request, and check it was refused with `status` and started nothing. */
async function expectRefused(status: number, path: string, init: RequestInit = {}): Promise<string> {
  const response = await api(book, path, init);
  const body = await response.text();
  expect(response.status, body).toBe(status);
  expect(await childrenOf(book.pid), 'a run process after a refusal').toEqual([]);
  // A run started late would show up here (a lab takes seconds; none may appear).
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(await childrenOf(book.pid)).toEqual([]);
  const after = (await (await api(book, '/api/status', { method: 'GET' })).json()) as { running: string[] };
  expect(after.running).toEqual([]);
  return (JSON.parse(body) as { error: string }).error;
}

describe('refusals', () => {
  test('403 without a token, with a wrong one, and for a cookie without an Origin', async () => {
    expect(await expectRefused(403, '/api/labs/xdp-pass/runs', { headers: { authorization: '' } })).toContain('no token');
    expect(await expectRefused(403, '/api/labs/xdp-pass/runs', { headers: { authorization: 'Bearer not-the-token' } })).toContain('wrong token');
    const cookie = `xdp-labs-${book.port}=${book.token}`;
    expect(await expectRefused(403, '/api/labs/xdp-pass/runs', { headers: { authorization: '', cookie } })).toContain('Origin');
    expect(await expectRefused(403, '/api/labs/xdp-pass/runs', { headers: { authorization: '', cookie: `xdp-labs-${book.port}=wrong` } })).toContain('wrong token');
  });

  test('403 for a Host that is not the server (DNS rebinding) and for a foreign Origin', async () => {
    // fetch will not send a chosen Host header; node:http does.
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${book.url}/api/labs/xdp-pass/runs`, { method: 'POST', headers: { host: `evil.example:${book.port}`, authorization: `Bearer ${book.token}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(403);
    expect(await childrenOf(book.pid)).toEqual([]);
    expect(await expectRefused(403, '/api/labs/xdp-pass/runs', { headers: { origin: 'http://evil.example' } })).toContain('Origin');
    expect(await expectRefused(403, '/api/labs/xdp-pass/runs', { headers: { origin: `http://127.0.0.1:${book.port + 1}` } })).toContain('Origin');
  });

  test('404 for names not in the catalog: they are looked up, never used as paths', async () => {
    for (const name of ['no-such-lab', '..%2F..%2Fetc%2Fpasswd', 'xdp-drop%20--keep', 'xdp-drop;id']) {
      expect(await expectRefused(404, `/api/labs/${name}/runs`)).toMatch(/^no lab named/);
    }
    // The client resolves %2e%2e itself: /api/labs/../runs is /api/runs.
    expect(await expectRefused(404, '/api/labs/%2e%2e/runs')).toBe('no such API: /api/runs');
    expect(await expectRefused(404, '/api/exercises/no-such-exercise/checks')).toMatch(/no exercise named/);
    expect(await expectRefused(404, '/api/labs/xdp-pass/run')).toMatch(/no such API/);
    expect(await expectRefused(405, '/api/labs/xdp-pass/runs', { method: 'GET' })).toMatch(/POST only/);
  });

  test('413 for a body over 4 KB, 400 for anything but {"lang"}', async () => {
    expect(await expectRefused(413, '/api/labs/xdp-pass/runs', { body: JSON.stringify({ lang: 'en', pad: 'x'.repeat(5000) }) })).toContain('at most 4096 bytes');
    expect(await expectRefused(400, '/api/labs/xdp-pass/runs', { body: JSON.stringify({ command: 'rm -rf /' }) })).toContain('"command"');
    expect(await expectRefused(400, '/api/labs/xdp-pass/runs', { body: JSON.stringify({ lang: 'en', file: '/etc/shadow' }) })).toContain('"file"');
    expect(await expectRefused(400, '/api/labs/xdp-pass/runs', { body: JSON.stringify({ lang: 'fr' }) })).toContain('"lang"');
    expect(await expectRefused(400, '/api/labs/xdp-pass/runs', { body: 'not json' })).toContain('JSON');
  });

  test('409 while the same lab runs; the first run goes on, and cancelling it cleans up', async () => {
    const controller = new AbortController();
    const first = await api(book, '/api/labs/xdp-drop/runs', { body: '{}', signal: controller.signal });
    expect(first.status).toBe(200);
    const events = await readEvents(first, (event) => event.type === 'step');
    expect(runIdOf(events)).toMatch(/^[0-9a-f]{4}$/);
    const [runner] = await childrenOf(book.pid);
    const second = await api(book, '/api/labs/xdp-drop/runs', { body: '{}' });
    expect(second.status).toBe(409);
    expect(await second.json()).toEqual({ error: 'lab xdp-drop is already running; wait for it to finish or stop it' });
    expect(await childrenOf(book.pid)).toEqual([runner]);
    controller.abort();
    await untilIdle(book);
  });

  test('the book itself: pages without a token, the token handed over as a cookie, nothing outside the site', async () => {
    const page = await fetch(`${book.url}/first-program/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<meta name="xdp-labs-server" content="api">');
    const visit = await fetch(`${book.url}/first-program/?token=${book.token}`, { redirect: 'manual' });
    expect(visit.status).toBe(303);
    expect(visit.headers.get('location')).toBe('/first-program/');
    expect(visit.headers.get('set-cookie')).toBe(`xdp-labs-${book.port}=${book.token}; Path=/; HttpOnly; SameSite=Strict`);
    expect((await fetch(`${book.url}/first-program/?token=wrong`, { redirect: 'manual' })).status).toBe(403);
    expect((await fetch(`${book.url}/..%2F..%2Fetc/passwd`)).status).toBe(403);
    expect(page.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
  });
});
