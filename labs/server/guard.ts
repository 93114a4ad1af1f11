// Who may talk to the local server. It runs labs as root, so a request counts
// only when it comes from this machine's browser tab that opened the link
// `npm start` printed:
//   - Host must name the server on loopback (a DNS-rebinding page has another host name),
//   - Origin, when sent, must be the server's own (another site's page in the same browser),
//   - the token must be presented: as a bearer header, or as the cookie set when
//     the page was first opened with ?token=. A POST with only the cookie needs
//     an Origin too: browsers attach cookies to requests other pages make, and
//     another port on 127.0.0.1 counts as the same site. (Browsers leave Origin
//     out of same-origin GETs, and a GET here changes nothing.)
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export interface Guard {
  /** The value of a Set-Cookie header that hands the token to the browser. */
  cookie: string;
  /** Null when the Host header names this server. */
  hostProblem(req: IncomingMessage): string | null;
  /** Null when the request proves it holds the token and comes from no foreign page. */
  apiProblem(req: IncomingMessage): string | null;
  /** True when `candidate` is the token (compared in constant time). */
  isToken(candidate: string): boolean;
}

export function createGuard(token: string, port: number): Guard {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const origins = new Set([...hosts].map((h) => `http://${h}`));
  // Cookies do not tell ports apart: the port in the name keeps two servers' tokens apart.
  const cookieName = `xdp-labs-${port}`;
  const expected = Buffer.from(token);
  const isToken = (candidate: string) => {
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  const cookieToken = (req: IncomingMessage): string | undefined => {
    for (const part of String(req.headers.cookie ?? '').split(';')) {
      const [name, ...value] = part.trim().split('=');
      if (name === cookieName) return value.join('=');
    }
    return undefined;
  };
  return {
    cookie: `${cookieName}=${token}; Path=/; HttpOnly; SameSite=Strict`,
    isToken,
    hostProblem(req) {
      return hosts.has(String(req.headers.host ?? '')) ? null : `Host "${req.headers.host ?? ''}" is not this server (${[...hosts].join(' or ')})`;
    },
    apiProblem(req) {
      const origin = req.headers.origin;
      if (origin !== undefined && !origins.has(origin)) return `Origin "${origin}" is not this server`;
      const bearer = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
      if (bearer !== undefined) return isToken(bearer) ? null : 'wrong token';
      const fromCookie = cookieToken(req);
      if (fromCookie === undefined) return 'no token: open the link `npm start` printed, or send Authorization: Bearer <token>';
      if (!isToken(fromCookie)) return 'wrong token';
      if (origin === undefined && req.method !== 'GET') return "a request carrying the cookie must come from one of the book's pages (no Origin header)";
      return null;
    },
  };
}
