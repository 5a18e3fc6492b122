/**
 * Reference server side of the session-security ping protocol for Node (node:http or
 * connect/Express), without dependencies. PROTOCOL.md says what any backend must do;
 * this module is one way to do it, small enough to read in one sitting.
 *
 *   const security = createSessionSecurity({ warnAfter: 540, expireAfter: 600 });
 *   app.use(security.middleware);               // touches sessions, enforces expiry
 *   app.get(security.pingPath, security.ping);  // the element's ping-url
 *   security.login(req, res, 'alice');          // after checking the password
 *   server.on('close', security.close);         // stops the sweep timer
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { readCookie, writeCookie, type CookieOptions } from './cookie.js';
import { createPingHandler } from './ping.js';
import { SessionStore, type Session, type Times } from './session-store.js';
import { opaqueUser, safeEqual } from './tokens.js';
import { checkTimes, pathOf, samePath } from './request-checks.js';

export { SessionStore, type Session, type SweepOptions, type Times } from './session-store.js';
export { parseIdleFor, sendJson } from './ping.js';
export { opaqueUser, randomToken, safeEqual } from './tokens.js';
export { samePath } from './request-checks.js';

export interface SessionSecurityOptions extends Times {
  /** Milliseconds since the epoch; tests pass a fake clock. Default Date.now. */
  now?: () => number;
  /** The element's ping-url path. Default '/session/ping'. */
  pingPath?: string;
  /** Default 'session_security'. */
  cookieName?: string;
  /**
   * Secure cookie: the browser sends it over HTTPS only, so the session id never crosses
   * the network in clear. Default true; only a plain-http development server (the demo)
   * turns it off.
   */
  secure?: boolean;
  /**
   * Absolute session lifetime in whole seconds (ASVS 7.3.2): past it the session ends
   * however active its user is, which bounds what a stolen session id is worth. Default
   * 43200 (12 h: a working day, NIST SP 800-63B's re-authentication period at AAL2);
   * `false` turns it off. The element gets no warning before it: the next ping or page
   * request signs the user out.
   */
  absoluteTimeout?: number | false;
  /**
   * Seconds between sweeps of expired sessions out of memory (each looks at a bounded
   * number of sessions, off the request path). Default 60.
   */
  sweepEvery?: number;
  /**
   * Key of the opaque `user` value. Default: random per process, so the value changes on
   * restart and the element then will not resume saved work across it; pass a stable
   * secret from your configuration to keep it.
   */
  secret?: string | Buffer;
  /** Requests that are not user activity (polling APIs...), like django-session-security's PASSIVE_URLS. The ping always is. */
  passive?: (req: IncomingMessage) => boolean;
}

export type Next = (error?: unknown) => void;

export interface SessionSecurity {
  readonly store: SessionStore;
  readonly pingPath: string;
  /** connect/Express middleware: ends expired sessions, counts other requests as activity. */
  middleware(req: IncomingMessage, res: ServerResponse, next: Next): void;
  /** The ping endpoint (GET pingPath). */
  ping(req: IncomingMessage, res: ServerResponse): void;
  /** Signs `user` in with a new session id (never reuses the old one: session fixation). */
  login(req: IncomingMessage, res: ServerResponse, user: string, times?: Times): Session;
  /** Destroys the request's session, clears the cookie and asks the browser to clear its cache (Clear-Site-Data). */
  logout(req: IncomingMessage, res: ServerResponse): void;
  /** The request's live session, or undefined when signed out or expired. */
  current(req: IncomingMessage): Session | undefined;
  /** True when the middleware ended this request's session: idle too long, or past its absolute lifetime. */
  expired(req: IncomingMessage): boolean;
  /** Constant-time check of a submitted CSRF token against the request's session. */
  checkCsrf(req: IncomingMessage, token: unknown): boolean;
  /**
   * The opaque `user` of a session, as the ping answers name it: render it into the
   * element's `user` attribute, so that the page knows whose it is from the first moment
   * (and spares the ping it would otherwise send at start).
   */
  userOf(session: Session): string;
  /** True for a request to the ping path as a router would match it (see `samePath`). */
  isPing(req: IncomingMessage): boolean;
  /** Stops the sweep timer (call it when the server closes; it never keeps Node alive). */
  close(): void;
}

/** The default absolute lifetime: 12 h (see `absoluteTimeout`). */
export const DEFAULT_ABSOLUTE_TIMEOUT = 12 * 60 * 60;
const DEFAULT_SWEEP_EVERY = 60;
/**
 * Sessions a sweep looks at, at most: about 2 ms when they are live and 10 ms when all
 * are expired (measured with a million sessions), so a sweep never stalls requests for
 * long. A million sessions take 100 sweeps to go through, which is fine for memory:
 * expiry itself is checked on every read.
 */
const SWEEP_BATCH = 10_000;

function checkSeconds(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value <= 0) throw new TypeError(`session-security: ${name} (${value}) must be whole positive seconds`);
}

/** The absolute lifetime in seconds, or undefined when turned off. */
function absoluteLifetime(option: number | false | undefined): number | undefined {
  if (option === false) return undefined;
  const seconds = option ?? DEFAULT_ABSOLUTE_TIMEOUT;
  checkSeconds('absoluteTimeout', seconds);
  return seconds;
}

export function createSessionSecurity(options: SessionSecurityOptions): SessionSecurity {
  const defaults: Times = { warnAfter: options.warnAfter, expireAfter: options.expireAfter };
  checkTimes(defaults);
  const lifetime = absoluteLifetime(options.absoluteTimeout);
  const sweepEvery = options.sweepEvery ?? DEFAULT_SWEEP_EVERY;
  checkSeconds('sweepEvery', sweepEvery);
  const store = new SessionStore(options.now ?? Date.now);
  store.startSweeping({ everyMs: sweepEvery * 1000, batch: SWEEP_BATCH });
  const pingPath = options.pingPath ?? '/session/ping';
  const isPing = (req: IncomingMessage) => samePath(pathOf(req), pingPath);
  const cookie: CookieOptions = { name: options.cookieName ?? 'session_security', secure: options.secure ?? true };
  const secret = options.secret ?? randomBytes(32);
  const passive = options.passive ?? (() => false);
  /** What the middleware found, per request (a WeakMap: nothing to clean up). */
  const seen = new WeakMap<IncomingMessage, { session?: Session; expired: boolean }>();

  const find = (req: IncomingMessage) => store.get(readCookie(req, cookie.name));
  const end = (res: ServerResponse, session: Session) => {
    store.destroy(session.id);
    writeCookie(res, cookie, '', true);
  };

  const current = (req: IncomingMessage): Session | undefined => {
    const state = seen.get(req);
    if (state) return state.session && store.get(state.session.id);
    const session = find(req);
    return session && !store.expired(session) ? session : undefined;
  };

  return {
    store,
    pingPath,
    middleware(req, res, next) {
      // The ping handler checks expiry itself (to answer why) and must not count as activity.
      if (isPing(req)) return next();
      const session = find(req);
      if (session && store.expired(session)) {
        end(res, session);
        seen.set(req, { expired: true });
      } else {
        if (session && !passive(req)) store.touch(session);
        seen.set(req, { session, expired: false });
      }
      next();
    },
    ping: createPingHandler({ store, find, end, secret }),
    login(req, res, user, times = defaults) {
      checkTimes(times);
      const old = find(req);
      if (old) store.destroy(old.id);
      const session = store.create(user, { warnAfter: times.warnAfter, expireAfter: times.expireAfter }, lifetime);
      writeCookie(res, cookie, session.id);
      seen.set(req, { session, expired: false });
      return session;
    },
    logout(req, res) {
      const session = find(req);
      if (session) store.destroy(session.id);
      writeCookie(res, cookie, '', true);
      // OWASP: at sign-out, drop what the browser cached of this origin (pages the back
      // button would show). Only "cache": "storage" would also erase what other tabs keep,
      // "executionContexts" would reload them, losing their unsaved work.
      res.setHeader('Clear-Site-Data', '"cache"');
      seen.set(req, { expired: false });
    },
    current,
    expired: (req) => seen.get(req)?.expired ?? false,
    userOf: (session) => opaqueUser(secret, session.user),
    checkCsrf(req, token) {
      const session = current(req);
      return !!session && typeof token === 'string' && safeEqual(token, session.csrfToken);
    },
    isPing,
    close: () => store.stopSweeping(),
  };
}
