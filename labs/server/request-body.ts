// The only thing a run request may say: which language to speak. The body is
// `{}` or `{"lang": "ko"}`; anything else (a command, a path, a file) is refused
// before anything runs.
import type { IncomingMessage } from 'node:http';
import type { Locale } from '../lib/locale.ts';

export const MAX_BODY_BYTES = 4096;

export class BodyError extends Error {
  readonly status: 400 | 413;
  constructor(status: 400 | 413, message: string) {
    super(message);
    this.status = status;
  }
}

/** Reads at most MAX_BODY_BYTES; a bigger body is refused with 413 without reading the rest. */
export async function readSmallBody(req: IncomingMessage): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) throw new BodyError(413, `a request body is at most ${MAX_BODY_BYTES} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BodyError(413, `a request body is at most ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function parseRunBody(text: string): { locale: Locale } {
  if (!text.trim()) return { locale: 'en' };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new BodyError(400, 'the body must be JSON: {} or {"lang": "ko"}');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new BodyError(400, 'the body must be a JSON object: {} or {"lang": "ko"}');
  const extra = Object.keys(body).filter((key) => key !== 'lang');
  if (extra.length > 0) throw new BodyError(400, `unknown field(s) ${extra.map((k) => JSON.stringify(k)).join(', ')}: a run request names only "lang"`);
  const lang = (body as { lang?: unknown }).lang ?? 'en';
  if (lang !== 'en' && lang !== 'ko') throw new BodyError(400, `"lang" is "en" or "ko", not ${JSON.stringify(lang)}`);
  return { locale: lang };
}
