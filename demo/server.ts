/**
 * The session-security demo: a small node:http app using the reference server module.
 *
 *   npm start                     (builds, then http://127.0.0.1:8000/)
 *   PORT=8123 WARN_AFTER=30 EXPIRE_AFTER=60 HOST=127.0.0.1 node build/server/demo/server.js
 *
 * The protected pages (/ with the npm build, /cdn with the CDN bundle) sign in again in
 * place: in a popup, or in a frame with ?mode=frame. The popup or frame ends on
 * /signed-in; the element itself notices the new session by pinging.
 *
 * Demo accounts: alice / alice and bob / bob. It listens on 127.0.0.1 by default: with
 * published passwords it is not meant to be reachable from the network.
 *
 * Sessions are express-session's (on plain node:http: it is Connect middleware), with
 * session-security's express-session integration on top. With REDIS_URL (and SECRET,
 * shared by every process) both the sessions (connect-redis) and the activity
 * (RedisActivityStore) live in Redis, so several processes serve the same sessions:
 *
 *   REDIS_URL=redis://127.0.0.1:6379 SECRET=... PORT=8001 node build/server/demo/server.js
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import session from 'express-session';
import { safeEqual, sendJson } from '../src/server/index.js';
import { sessionSecurity, type SessionLayerSecurity, type UserPolicy } from '../src/server/express-session.js';
import { randomToken } from '../src/server/tokens.js';
import type { ActivityStore } from '../src/server/activity.js';
import { connectRedis } from './redis.js';
import { ExpiringMemoryStore } from './blob-store.js';
import type { Html } from './html.js';
import { loginPage, messagePage, protectedPage, signedInPage } from './pages.js';
import { defaultRoot, isStatic, serveStatic } from './static.js';

/** The demo's users and passwords. Never do this in a real app. */
const USERS: Record<string, string> = { alice: 'alice', bob: 'bob', carol: 'carol' };
/** Users the per-user policy hook gives longer timeouts (django-expire's expire_check)... */
const PATIENT_USERS = new Set(['carol']);
/** ...this many times the others'. */
const PATIENCE = 2;
/** The protected pages. */
const PAGES = ['/', '/cdn'] as const;
/**
 * Where a sign-in may lead: an allowlist, so ?next= cannot redirect off-site. The
 * element's login-url asks for /signed-in, the little page shown in its popup or frame.
 */
const NEXT = ['/', '/cdn', '/?mode=frame', '/cdn?mode=frame', '/signed-in'] as const;
const MAX_BODY = 16 * 1024;

export interface DemoOptions {
  /** 0 picks a free port. Default 8000. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  warnAfter?: number;
  expireAfter?: number;
  /** Absolute session lifetime in seconds, or false; default the reference server's (12 h). */
  absoluteTimeout?: number | false;
  /** Clock in ms, for tests. */
  now?: () => number;
  /** Repository root (dist/ and node_modules/ are served from it). */
  root?: string;
  /** Keep sessions and activity in this Redis (redis://host:port), shared with other processes. */
  redisUrl?: string;
  /** Signs the session cookie and keys the opaque `user`; required with redisUrl (every process the same). */
  secret?: string;
  /** Concurrent sessions per user (newest wins); default 0, unlimited. */
  sessionLimit?: number;
}

export interface DemoServer extends Server {
  /** The session machinery, for tests. */
  security: SessionLayerSecurity;
  /** The session blobs, without Redis (for tests). */
  blobs?: ExpiringMemoryStore;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A urlencoded form body, at most MAX_BODY bytes. */
async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) throw new HttpError(415, 'Send the form as application/x-www-form-urlencoded.');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new HttpError(413, 'The form is too large.');
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

const nextPage = (value: string | null): string => NEXT.find((page) => page === value) ?? '/';

function validUser(username: string, password: string): boolean {
  const expected = Object.hasOwn(USERS, username) ? USERS[username] : undefined;
  // Compare even for unknown users so timing does not reveal which names exist.
  return safeEqual(password, expected ?? randomBytes(16).toString('hex')) && expected !== undefined;
}

/**
 * Login CSRF: a foreign page must not sign the victim in under the attacker's account
 * (whatever the victim then types lands in that account). There is no session, so no
 * CSRF token, yet; instead the browser's Origin header (sent with every POST by current
 * browsers), or when absent the Referer, must name this server. Neither: refused (OWASP's
 * advice; a browser that sends neither is not one we can protect).
 */
function fromThisSite(req: IncomingMessage): boolean {
  // The demo serves plain http only (node:http, no TLS), under the Host the browser used.
  const expected = `http://${req.headers.host ?? ''}`;
  const { origin, referer } = req.headers;
  if (origin !== undefined) return origin === expected; // "null" (sandboxed, privacy redirects) is foreign too
  if (referer === undefined) return false;
  try {
    return new URL(referer).origin === expected;
  } catch {
    return false;
  }
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(303, { Location: location, 'Cache-Control': 'no-store' });
  res.end();
}

/**
 * Every page: no caching (the back button after sign-out must not show a protected page
 * from cache) and a strict CSP whose per-response nonce admits only our inline scripts
 * and style, which also shows the element runs without 'unsafe-inline'.
 *
 * No page may be framed by another site. Only the sign-in pages (`frameable`) may be
 * framed by this origin, for the element's login-mode="frame"; the protected pages may
 * not be framed at all (clickjacking).
 */
function sendPage(res: ServerResponse, status: number, page: (nonce: string) => Html, frameable = false): void {
  const nonce = randomBytes(16).toString('base64');
  const body = page(nonce).text;
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'Content-Security-Policy': `default-src 'self'; script-src 'self' 'nonce-${nonce}'; style-src 'self' 'nonce-${nonce}'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors ${frameable ? "'self'" : "'none'"}`,
    'X-Frame-Options': frameable ? 'SAMEORIGIN' : 'DENY',
    'Referrer-Policy': 'same-origin',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(body);
}

function createApp(security: SessionLayerSecurity, root: string) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const read = method === 'GET' || method === 'HEAD';

    if (path === security.pingPath) return security.ping(req, res);
    if (path === security.eventsPath) return security.events(req, res);
    if (isStatic(path) && read) return serveStatic(root, path, req, res);
    if (path === '/favicon.ico') {
      // Browsers ask for it on every page; "none" keeps their consoles free of 404s.
      res.writeHead(204, { 'Cache-Control': 'max-age=86400' });
      return void res.end();
    }

    if (path === '/login' && read) {
      const user = security.current(req)?.user;
      return sendPage(res, 200, (nonce) => loginPage({ nonce, next: nextPage(url.searchParams.get('next')), expired: url.searchParams.has('expired') && !user, user }), true);
    }
    if (path === '/login' && method === 'POST') {
      // Sign-in happens before there is a session, so there is no CSRF token to check yet.
      // No rate limiting either: a real app must limit attempts per account and per client.
      if (!fromThisSite(req)) throw new HttpError(403, 'This sign-in form was sent from another site.');
      const form = await readForm(req);
      const username = form.get('username') ?? '';
      const next = nextPage(form.get('next'));
      if (!validUser(username, form.get('password') ?? '')) {
        return sendPage(res, 401, (nonce) => loginPage({ nonce, next, error: 'Unknown user name or wrong password.' }), true);
      }
      await security.login(req, res, username);
      return redirect(res, next);
    }
    if (path === '/signed-in' && read) {
      const session = security.current(req);
      if (!session) return redirect(res, '/login?next=/signed-in');
      // In the element's frame, a link away would replace the page that holds the user's work.
      const framed = req.headers['sec-fetch-dest'] === 'iframe';
      return sendPage(res, 200, (nonce) => signedInPage(nonce, session.user, framed), true);
    }
    if ((path === '/sessions/revoke' || path === '/sessions/revoke-all') && method === 'POST') {
      const session = security.current(req);
      if (!session) return redirect(res, '/login');
      const form = await readForm(req);
      if (!security.checkCsrf(req, form.get('csrfmiddlewaretoken'))) throw new HttpError(403, 'The form is out of date (CSRF token mismatch). Reload the page and try again.');
      if (path === '/sessions/revoke-all') {
        await security.revokeAll(session.user);
        return redirect(res, '/login');
      }
      // Only one's own sessions: a handle of another user's is refused like an unknown one.
      const handle = form.get('handle') ?? '';
      const own = (await security.sessions(session.user)).some((info) => info.handle === handle);
      if (!own || !(await security.revoke(handle))) throw new HttpError(404, 'There is no such live session of yours.');
      return redirect(res, handle === security.handleOf(session) ? '/login' : '/');
    }
    if (path === '/logout' && method === 'POST') {
      if (!security.current(req)) return redirect(res, '/login');
      if (!security.checkCsrf(req, (await readForm(req)).get('csrfmiddlewaretoken'))) throw new HttpError(403, 'The form is out of date (CSRF token mismatch). Reload the page and try again.');
      await security.logout(req, res);
      return redirect(res, '/login');
    }
    const page = PAGES.find((candidate) => candidate === path);
    if (page && (read || method === 'POST')) {
      const frame = url.searchParams.get('mode') === 'frame';
      const session = security.current(req);
      if (!session) return redirect(res, `/login?${security.expired(req) ? 'expired=1&' : ''}next=${encodeURIComponent(frame ? `${page}?mode=frame` : page)}`);
      let submitted: string | undefined;
      if (method === 'POST') {
        const form = await readForm(req);
        if (!security.checkCsrf(req, form.get('csrfmiddlewaretoken'))) throw new HttpError(403, 'The form is out of date (CSRF token mismatch). Reload the page and try again.');
        submitted = form.get('secret') ?? '';
      }
      const sessions = await security.sessions(session.user);
      return sendPage(res, 200, (nonce) => protectedPage({ nonce, session, user: security.userOf(session), path: page, frame, submitted, sessions, handle: security.handleOf(session) }));
    }
    throw new HttpError(404, 'There is nothing at this address.');
  };
}

/** Files are not user activity: the translation the warning loads must not extend an idle session. */
function passive(req: IncomingMessage): boolean {
  let path: string;
  try {
    path = new URL(req.url ?? '/', 'http://localhost').pathname; // as the app routes it
  } catch {
    return false;
  }
  return isStatic(path) || path === '/favicon.ico';
}

export async function startDemo(options: DemoOptions = {}): Promise<DemoServer> {
  if (options.redisUrl && !options.secret) throw new TypeError('demo: SECRET is required with REDIS_URL (every process must sign cookies and name users alike)');
  const warnAfter = options.warnAfter ?? 30;
  const expireAfter = options.expireAfter ?? 60;
  /**
   * How long a blob outlives the last request that touched it (the ping included): the
   * longest expireAfter the policy gives, so a blob never goes before its session could
   * expire, and a minute more, so that the ping finding the expiry still reads the blob
   * and answers `expired`. Abandoned blobs (a browser closed without signing out) go then.
   */
  const blobTtl = PATIENCE * expireAfter + 60;
  const redis = options.redisUrl ? await connectRedis(options.redisUrl, blobTtl) : undefined;
  const activity: ActivityStore | undefined = redis?.activity;
  const blobs = redis ? undefined : new ExpiringMemoryStore(blobTtl * 1000, options.now);
  const cookieName = 'session_security';
  const sessions = session({
    name: cookieName,
    secret: options.secret ?? randomToken(),
    store: redis?.sessions ?? blobs, // in this process without Redis, with a TTL (blob-store.ts)
    genid: randomToken, // 256 bits, as the reference server's ids
    resave: false, // resave: true writes destroyed sessions back (expressjs/session#632)
    saveUninitialized: false, // no blob before sign-in
    // No maxAge: a browser-session cookie; session-security decides expiry. The demo is
    // plain http, where browsers refuse Secure cookies: never copy that into production.
    cookie: { httpOnly: true, sameSite: 'lax', secure: false, path: '/' },
  });
  const security = sessionSecurity({
    warnAfter,
    expireAfter,
    absoluteTimeout: options.absoluteTimeout,
    now: options.now,
    activity,
    log: redis?.log,
    notifier: redis?.notifier,
    sessionLimit: options.sessionLimit,
    policy: (user): UserPolicy | undefined => (PATIENT_USERS.has(user) ? { warnAfter: warnAfter * PATIENCE, expireAfter: expireAfter * PATIENCE } : undefined),
    secret: options.secret,
    cookieName,
    secure: false,
    passive,
  });
  const root = options.root ?? defaultRoot();
  const app = createApp(security, root);
  const fail = (req: IncomingMessage, res: ServerResponse, error: unknown) => {
    const status = error instanceof HttpError ? error.status : 500;
    if (status === 500) console.error(error instanceof Error ? error.message : error);
    if (res.headersSent) return res.destroy();
    // The session store is down: a ping fails (the element decides from local activity).
    if (security.isPing(req)) return sendJson(res, 503, { error: 'session store unavailable' });
    const message = error instanceof HttpError ? error.message : 'Something went wrong.';
    sendPage(res, status, (nonce) => messagePage(nonce, status === 403 ? 'Forbidden' : `Error ${status}`, message));
  };
  const server = createServer((req, res) => {
    // express-session may call next a second time, with the error of a failed save after the answer.
    sessions(req as never, res as never, (error?: unknown) => {
      if (error) return fail(req, res, error);
      security.middleware(req, res, (error?: unknown) => {
        if (error) return fail(req, res, error);
        app(req, res).catch((error: unknown) => fail(req, res, error));
      });
    });
  }) as DemoServer;
  server.security = security;
  server.blobs = blobs;
  server.on('close', () => {
    blobs?.close();
    void security.close();
    redis?.close();
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 8000, options.host ?? '127.0.0.1', () => {
      server.off('error', fail);
      done();
    });
  });
  return server;
}

/** Reads a whole number of seconds from the environment, or the default. */
function envSeconds(name: string, fallback: number): number {
  const value = process.env[name];
  return value === undefined || value === '' ? fallback : Number(value);
}

// Started as a program (not imported by the tests): listen and say where.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const warnAfter = envSeconds('WARN_AFTER', 30);
  const expireAfter = envSeconds('EXPIRE_AFTER', 60);
  const root = defaultRoot();
  if (!existsSync(join(root, 'dist', 'define.js'))) console.warn('dist/ is missing: run `npm run build` first (npm start does).');
  const redisUrl = process.env.REDIS_URL || undefined;
  startDemo({
    port: envSeconds('PORT', 8000),
    host: process.env.HOST || '127.0.0.1',
    warnAfter,
    expireAfter,
    root,
    redisUrl,
    secret: process.env.SECRET || undefined,
    sessionLimit: envSeconds('SESSION_LIMIT', 0),
  }).then(
    (server) => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : '?';
      console.log(`session-security demo: http://${process.env.HOST || '127.0.0.1'}:${port}/`);
      console.log(`  sessions and activity: ${redisUrl ? `Redis at ${redisUrl}` : 'in this process (set REDIS_URL and SECRET to share them)'}`);
      console.log(`  sign in as alice / alice or bob / bob; warning after ${warnAfter} s idle, sign-out after ${expireAfter} s (carol / carol: twice as long)`);
      console.log(`  /  loads the npm build (import map), /cdn the CDN bundle; add ?mode=frame to sign in again in a frame`);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
