/**
 * Serves one built framework example (examples/frameworks/NAME/dist) behind the reference
 * server (src/server), on a clock the test moves:
 * - GET /login?warn=&expire=: signs "alice" in (a test shortcut for a login form) and
 *   redirects to the app with the same query;
 * - GET /session/ping: the element's ping-url;
 * - POST /api/save: an app request, which the middleware counts as activity (SPA pattern);
 * - the built files, /NAME.EXT or /assets/NAME.EXT (passive: loading them is not user
 *   activity);
 * - anything else: the app's index.html.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createSessionSecurity } from '../../src/server/index.js';

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html; charset=utf-8', '.ico': 'image/x-icon' };

export interface AppServer {
  base: string;
  /** Every ping the server answered, with the idleFor it was sent. */
  pings: string[];
  /** App requests (POST /api/save) the server answered. */
  saves: number;
  close(): Promise<void>;
}

export async function startApp(dist: string, times: { warnAfter: number; expireAfter: number }, now: () => number): Promise<AppServer> {
  // Vite puts the built files in /assets/, Angular beside index.html.
  const isAsset = (path: string) => !!extname(path) && ['/', '/assets'].includes(dirname(path));
  const security = createSessionSecurity({ ...times, now, secure: false, passive: (req) => isAsset(new URL(req.url ?? '/', 'http://x').pathname) });
  const app: Omit<AppServer, 'base' | 'close'> = { pings: [], saves: 0 };
  const server: Server = createServer((req, res) => {
    security.middleware(req, res, async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === security.pingPath) {
        app.pings.push(url.searchParams.get('idleFor') ?? '');
        return security.ping(req, res);
      }
      if (url.pathname === '/favicon.ico') return void res.writeHead(204).end();
      if (url.pathname === '/login') {
        security.login(req, res, 'alice');
        res.writeHead(303, { Location: `/${url.search}` }).end();
        return;
      }
      if (url.pathname === '/api/save' && req.method === 'POST') {
        app.saves++;
        res.writeHead(security.current(req) ? 204 : 401).end();
        return;
      }
      // Built files by name only (no "..", no other folders); every other path is the app.
      const file = isAsset(url.pathname) ? join(dist, dirname(url.pathname), basename(url.pathname)) : join(dist, 'index.html');
      try {
        const body = await readFile(file);
        res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' }).end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
  });
  server.on('close', security.close);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    pings: app.pings,
    get saves() {
      return app.saves;
    },
    base: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
