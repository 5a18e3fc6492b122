/**
 * Serves examples/frameworks/server-pages (htmx.html, turbo.html) as two protected pages
 * each, /KIND/a and /KIND/b, rendered for the session's user, behind the reference
 * server on the test's clock:
 * - GET /login?to=/KIND/a: signs "alice" in (a test shortcut for a login form);
 * - a protected page without a session: 303 to /login for a full load; for a fetch
 *   (htmx's and Turbo's own requests: Sec-Fetch-Mode is not "navigate") 401, or, once
 *   `signedOutFetch` is 'redirect', a 303 to /sign-in, the app's login page (many servers
 *   answer every unauthenticated request so);
 * - /dist/cdn/*: the element's CDN build; /vendor/htmx.min.js and /vendor/turbo.js from npm;
 * - /signed-out: where the element goes at expiry (return-to-url).
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createSessionSecurity } from '../../src/server/index.js';
import { defaultRoot } from '../../demo/static.js';

const ROOT = defaultRoot();
const EXAMPLES = join(ROOT, 'examples', 'frameworks');
const VENDOR: Record<string, string> = {
  '/vendor/htmx.min.js': join(EXAMPLES, 'node_modules', 'htmx.org', 'dist', 'htmx.min.js'),
  '/vendor/turbo.js': join(EXAMPLES, 'node_modules', '@hotwired', 'turbo', 'dist', 'turbo.es2017-esm.js'),
};
const PAGE = /^\/(htmx|turbo)\/(a|b)$/;

export interface PagesServer {
  base: string;
  /** The idleFor of every ping the server answered. */
  pings: string[];
  /** How a fetch without a session is answered: 401 (the default) or a redirect to /sign-in. */
  signedOutFetch: 'unauthorized' | 'redirect';
  close(): Promise<void>;
}

export async function startPages(times: { warnAfter: number; expireAfter: number }, now: () => number): Promise<PagesServer> {
  const isFile = (path: string) => path.startsWith('/dist/') || path.startsWith('/vendor/');
  const security = createSessionSecurity({ ...times, now, secure: false, passive: (req) => isFile(new URL(req.url ?? '/', 'http://x').pathname) });
  const pings: string[] = [];
  const pages: PagesServer = {
    base: '',
    pings,
    signedOutFetch: 'unauthorized',
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
  const send = (res: import('node:http').ServerResponse, status: number, type: string, body: string | Buffer) => res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' }).end(body);
  const server: Server = createServer((req, res) => {
    security.middleware(req, res, async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const path = url.pathname;
      if (path === security.pingPath) {
        pings.push(url.searchParams.get('idleFor') ?? '');
        return security.ping(req, res);
      }
      if (path === '/login') {
        security.login(req, res, 'alice');
        res.writeHead(303, { Location: PAGE.test(url.searchParams.get('to') ?? '') ? url.searchParams.get('to')! : '/htmx/a' }).end();
        return;
      }
      if (path === '/favicon.ico') return void res.writeHead(204).end();
      if (path === '/sign-in') return send(res, 200, 'text/html; charset=utf-8', '<!doctype html><title>Sign in</title><h1>Sign in</h1><form method="post"><input name="username"></form>');
      if (path === '/signed-out') return send(res, 200, 'text/html; charset=utf-8', '<!doctype html><title>Signed out</title><h1>Signed out</h1>');
      if (path.startsWith('/dist/cdn/')) {
        const body = await readFile(join(ROOT, 'dist', 'cdn', basename(path))).catch(() => undefined);
        return body ? send(res, 200, 'text/javascript', body) : send(res, 404, 'text/plain', 'Not found');
      }
      if (VENDOR[path]) return send(res, 200, 'text/javascript', await readFile(VENDOR[path]));
      const page = PAGE.exec(path);
      if (!page) return send(res, 404, 'text/plain', 'Not found');
      const session = security.current(req);
      if (!session) {
        if (req.headers['sec-fetch-mode'] === 'navigate') res.writeHead(303, { Location: `/login?to=${path}` }).end();
        else if (pages.signedOutFetch === 'redirect') res.writeHead(303, { Location: '/sign-in' }).end();
        else send(res, 401, 'text/html; charset=utf-8', '<!doctype html><title>Signed out</title><h1>Your session ended</h1>');
        return;
      }
      const [, kind, name] = page;
      const template = await readFile(join(EXAMPLES, 'server-pages', `${kind}.html`), 'utf8');
      const values: Record<string, string> = { title: `Page ${name}`, next: `/${kind}/${name === 'a' ? 'b' : 'a'}`, user: security.userOf(session) };
      // The values are fixed strings and an opaque base64url token: nothing to escape here
      // (a real template engine escapes them anyway).
      send(
        res,
        200,
        'text/html; charset=utf-8',
        template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key]),
      );
    });
  });
  server.on('close', security.close);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  pages.base = `http://127.0.0.1:${port}`;
  return pages;
}
