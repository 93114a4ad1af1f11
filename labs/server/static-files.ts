// The built book's files over HTTP, as a static host serves them: directory URLs
// end in a slash and get index.html, Pagefind's binary index files keep their
// bytes, and text is gzipped when the browser asks (as every real host does,
// which matters for the site's "JS transferred" budget and for Lighthouse).
// Used by `npm start` and by the site tests' static server.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wasm': 'application/wasm',
  // Pagefind's index: wasm.<lang>.pagefind and *.pf_meta / .pf_index / .pf_fragment / .pf_filter
  // are already gzip-compressed by Pagefind and are fetched as raw bytes.
  '.pagefind': 'application/octet-stream',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pf_filter': 'application/octet-stream',
};

/** Worth compressing on the fly; everything else is sent as it is. */
const COMPRESSIBLE = new Set(['.html', '.css', '.js', '.mjs', '.json', '.xml', '.txt', '.svg']);

export interface StaticOptions {
  /** Gzip text responses when the client accepts it (default true). */
  gzip?: boolean;
  /** Rewrites every HTML page before it is sent (the local server marks its pages with it). */
  transformHtml?: (html: string) => string;
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isFile(), () => false);
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isDirectory(), () => false);
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** A request handler serving the files under `root`, and nothing outside it. */
export function staticFiles(root: string, options: StaticOptions = {}): Handler {
  const base = resolve(root);
  const gzip = options.gzip ?? true;
  const gzipped = new Map<string, Buffer>();
  const bodies = new Map<string, Buffer>();

  async function body(file: string, ext: string): Promise<Buffer> {
    if (ext !== '.html' || !options.transformHtml) return readFile(file);
    let page = bodies.get(file);
    if (!page) bodies.set(file, (page = Buffer.from(options.transformHtml(await readFile(file, 'utf8')))));
    return page;
  }

  async function send(req: IncomingMessage, res: ServerResponse, file: string, status: number): Promise<void> {
    const ext = extname(file).toLowerCase();
    let bytes = await body(file, ext);
    const headers: Record<string, string> = {
      'content-type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
      // Astro's /_astro/ files carry a content hash, so a real host caches them for good.
      'cache-control': file.includes(`${sep}_astro${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
    };
    if (gzip && COMPRESSIBLE.has(ext) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      let packed = gzipped.get(file);
      if (!packed) gzipped.set(file, (packed = gzipSync(bytes)));
      bytes = packed;
      headers['content-encoding'] = 'gzip';
      headers['vary'] = 'accept-encoding';
    }
    headers['content-length'] = String(bytes.length);
    res.writeHead(status, headers);
    res.end(req.method === 'HEAD' ? undefined : bytes);
  }

  return async function handle(req, res) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const target = resolve(join(base, pathname));
    // Never serve anything outside the site folder (../ in a URL).
    if (target !== base && !target.startsWith(base + sep)) {
      res.writeHead(403).end();
      return;
    }
    if (pathname.endsWith('/')) {
      const index = join(target, 'index.html');
      if (await isFile(index)) return send(req, res, index, 200);
    } else if (await isFile(target)) {
      return send(req, res, target, 200);
    } else if (await isDirectory(target)) {
      // A directory URL without its slash: redirect, as static hosts do, so relative links resolve.
      res.writeHead(301, { location: `${url.pathname}/${url.search}` }).end();
      return;
    }
    const notFound = join(base, '404.html');
    if (await isFile(notFound)) return send(req, res, notFound, 404);
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
  };
}

/** Answer with a 500 instead of leaving the request hanging when a handler throws. */
export function safely(handler: Handler): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handler(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(String(error));
    });
  };
}
