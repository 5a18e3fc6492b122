/**
 * Servers for the checker's tests, on free ports: the reference server (src/server/) in
 * a tiny node:http app, and helpers shared with the fixtures (fixtures.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSessionSecurity } from '../../src/server/index.js';

/** Short real times: the --slow probes wait expireAfter + about a second. */
export const WARN_AFTER = 1;
export const EXPIRE_AFTER = 3;

/**
 * Signs in with a POST to `${base}/login`, as a form of that site would (its Origin; the
 * `form` fields, when given, URL-encoded), and returns the Cookie header value its answer
 * set, never following a redirect: the checker's `login`, and the bench's sign-in.
 */
export async function signInCookie(base: string, form?: Record<string, string>): Promise<string> {
  const response = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: form ? { Origin: base, 'Content-Type': 'application/x-www-form-urlencoded' } : { Origin: base },
    body: form && new URLSearchParams(form).toString(),
  });
  await response.arrayBuffer();
  return response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
}

export interface TestServer {
  /** The ping URL. */
  url: string;
  /** The protected page. */
  page: string;
  /** The session events stream (the fixtures and the demo; the reference server has none). */
  events: string;
  /** POST here to sign in; the answer's Set-Cookie is the session. */
  loginUrl: string;
  /** Signs in and resolves to the Cookie header value, like a --login command. */
  login: () => Promise<string>;
  close(): Promise<void>;
}

export async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void, pingPath = '/session/ping'): Promise<TestServer> {
  const server: Server = createServer(handler);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base + pingPath,
    page: `${base}/page`,
    events: `${base}/session/events`,
    loginUrl: `${base}/login`,
    login: () => signInCookie(base),
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** The reference implementation, as an app would mount it. */
export function startReference(): Promise<TestServer> {
  const security = createSessionSecurity({ warnAfter: WARN_AFTER, expireAfter: EXPIRE_AFTER });
  return listen((req, res) => {
    security.middleware(req, res, () => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (path === security.pingPath) return security.ping(req, res);
      if (path === '/login' && req.method === 'POST') {
        security.login(req, res, 'alice');
        res.writeHead(204).end();
      } else if (path === '/page' && security.current(req)) {
        res.writeHead(200, { 'Content-Type': 'text/html', 'Cache-Control': 'no-store' }).end('<p>Protected</p>');
      } else {
        res.writeHead(303, { Location: '/login' }).end();
      }
    });
  });
}
