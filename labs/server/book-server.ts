// The book on loopback, and the API its pages use to run labs and check
// exercises. Requests are checked in this order, and a refused one runs nothing:
//   Host (403) → token and Origin (403) → route and method (404, 405) →
//   name looked up in the catalog (404) → body (413, 400) → same job running (409).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createGuard, type Guard } from './guard.ts';
import type { Job, Jobs } from './jobs.ts';
import { listenFrom } from './listen.ts';
import { BodyError, parseRunBody, readSmallBody } from './request-body.ts';
import { Runs } from './runs.ts';
import { safely, staticFiles } from './static-files.ts';

/** Pages served by this server carry this tag: their scripts look for it before calling the API (a static host has none). */
export const SERVED_MARK = '<meta name="xdp-labs-server" content="api">';

export interface BookServerOptions {
  siteDir: string;
  jobs: Jobs;
  token: string;
  /** The port to try first (the next free one is taken otherwise); 0 for any. */
  port: number;
  /** A line for the terminal `npm start` runs in: each run as it starts and ends. */
  log(line: string): void;
}

export interface BookServer {
  /** http://127.0.0.1:<port>, no trailing slash. */
  url: string;
  port: number;
  runs: Runs;
  /** Stop every run (their cleanup finishes first), then stop listening. */
  close(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body) + '\n');
}

const refuse = (res: ServerResponse, status: number, error: string, headers: Record<string, string> = {}) => sendJson(res, status, { error }, headers);

/** POST /api/labs/<name>/runs, POST /api/exercises/<id>/checks: which kind, and the name as sent. */
function runRoute(pathname: string): { kind: 'lab' | 'exercise'; name: string } | undefined {
  const match = /^\/api\/(labs\/([^/]+)\/runs|exercises\/([^/]+)\/checks)$/.exec(pathname);
  if (!match) return undefined;
  let name: string;
  try {
    name = decodeURIComponent(match[2] ?? match[3]!);
  } catch {
    name = '';
  }
  return { kind: match[2] !== undefined ? 'lab' : 'exercise', name };
}

/** How a run ended, for the server's terminal: "pass, 3 of 3 checks passed", "stopped by the page, 4 of 12 checks observed". */
function outcome(result: unknown, cancelled: boolean): string {
  const doc = (result ?? {}) as { status?: string; checks?: { ok: boolean; observed: string }[] };
  const checks = doc.checks ?? [];
  const observed = checks.filter((c) => !c.observed.startsWith('not observed')).length;
  if (cancelled) return `stopped by the page, ${observed} of ${checks.length} checks observed; cleanup done`;
  return `${doc.status ?? 'no result'}, ${checks.filter((c) => c.ok).length} of ${checks.length} checks passed`;
}

async function streamRun(req: IncomingMessage, res: ServerResponse, job: Job, runs: Runs, siteUrl: string, log: (line: string) => void): Promise<void> {
  let locale;
  try {
    ({ locale } = parseRunBody(await readSmallBody(req)));
  } catch (error) {
    if (error instanceof BodyError) return refuse(res, error.status, error.message, error.status === 413 ? { connection: 'close' } : {});
    throw error;
  }
  if (runs.isRunning(job.key)) return refuse(res, 409, `${job.label} is already running; wait for it to finish or stop it`);
  res.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.flushHeaders();
  res.socket?.setNoDelay(true);
  let result: unknown;
  let cancelled = false;
  log(`▶ ${job.label} (${locale})`);
  const run = runs.start({
    key: job.key,
    args: job.args,
    locale,
    siteUrl,
    onEvent: (event) => {
      if (event.type === 'done') result = event.result;
      if (event.type === 'error' && result === undefined) result = { status: `error: ${event.message}` };
      if (!res.writableEnded && !res.destroyed) res.write(JSON.stringify(event) + '\n');
    },
  });
  // The reader went away (Stop, a closed tab): cancel, and let cleanup run.
  res.once('close', () => {
    if (res.writableFinished) return;
    cancelled = true;
    run.cancel();
  });
  await run.finished;
  log(`■ ${job.label}: ${outcome(result, cancelled)}`);
  res.end();
}

export async function startBookServer(options: BookServerOptions): Promise<BookServer> {
  const { jobs } = options;
  const runs = new Runs();
  // Made once the port is known (the Host and Origin it accepts name it); no request arrives before.
  let guard: Guard;
  let url = '';
  const files = staticFiles(options.siteDir, { transformHtml: (html) => html.replace('</head>', `${SERVED_MARK}</head>`) });

  async function api(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    const problem = guard.apiProblem(req);
    if (problem) return refuse(res, 403, problem);
    if (pathname === '/api/status') {
      if (req.method !== 'GET') return refuse(res, 405, 'GET only', { allow: 'GET' });
      return sendJson(res, 200, { ...(await jobs.status()), running: runs.keys() });
    }
    if (pathname === '/api/exercises/progress') {
      if (req.method !== 'GET') return refuse(res, 405, 'GET only', { allow: 'GET' });
      return sendJson(res, 200, jobs.progress());
    }
    const route = runRoute(pathname);
    if (!route) return refuse(res, 404, `no such API: ${pathname}`);
    if (req.method !== 'POST') return refuse(res, 405, 'POST only', { allow: 'POST' });
    const job = jobs.find(route.kind, route.name);
    if (!job) return refuse(res, 404, `no ${route.kind} named ${JSON.stringify(route.name)}`);
    return streamRun(req, res, job, runs, url, options.log);
  }

  /** First visit with ?token=: hand the token over as a cookie, and drop it from the address bar. */
  function tokenVisit(res: ServerResponse, address: URL): void {
    const token = address.searchParams.get('token')!;
    if (!guard.isToken(token)) {
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('This link carries an old or wrong token. Open the address `npm start` printed last.\n');
      return;
    }
    address.searchParams.delete('token');
    res.writeHead(303, { location: address.pathname + address.search, 'set-cookie': guard.cookie, 'cache-control': 'no-store' });
    res.end();
  }

  const server = createServer(
    safely(async (req, res) => {
      // No page of the book may be framed by another site (a Run button under someone else's cursor).
      res.setHeader('content-security-policy', "frame-ancestors 'none'");
      const hostProblem = guard.hostProblem(req);
      if (hostProblem) return refuse(res, 403, hostProblem);
      const address = new URL(req.url ?? '/', 'http://localhost');
      if (address.pathname === '/api' || address.pathname.startsWith('/api/')) return api(req, res, address.pathname);
      if (address.searchParams.has('token')) return tokenVisit(res, address);
      return files(req, res);
    }),
  );
  const port = await listenFrom(server, options.port);
  guard = createGuard(options.token, port);
  url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    runs,
    async close() {
      server.close();
      await runs.stopAll();
      server.closeAllConnections();
    },
  };
}
