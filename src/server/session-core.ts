/**
 * session-security on the app's own session layer, whichever it is: express-session
 * (express-session.ts) or @fastify/session (fastify-session.ts). Both keep the session's
 * data as own properties of a session object with regenerate() and destroy(), which is
 * all this needs (LayerSession): `req.session` keeps who is signed in, with which
 * timeouts and CSRF token; the activity store keeps the last activity, apart from the
 * blob (see activity.ts).
 *
 * A session is alive while its activity record is: a request that loaded the blob before
 * a sign-out or an expiry and writes it back afterwards leaves a blob without a record,
 * which every later request reads as signed out. Nothing but `login` creates a record.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import { MemoryActivityStore, type ActivityStore, type EndReason } from './activity.js';
import { writeCookie } from './cookie.js';
import { MemorySessionLog, type LogEntry, type SessionLog } from './session-log.js';
import { EventStreams, MemoryEndNotifier, endedEvent, type EndNotifier } from './session-events.js';
import { MemoryKeptData, type KeptDataStore } from './kept-data.js';
import { DEFAULT_ABSOLUTE_TIMEOUT } from './index.js';
import { checkTimes, pathOf, samePath } from './request-checks.js';
import { parseIdleFor, sendJson } from './ping.js';
import type { Times } from './session-store.js';
import { opaqueUser, randomToken, safeEqual } from './tokens.js';
import { PING_HEADER, PING_HEADER_VALUE } from '../core/protocol.js';

/** What session-security keeps in the app's session blob (never the activity time). */
export interface SignedIn extends Times {
  user: string;
  csrfToken: string;
  /** Absolute end (ms since the epoch), or undefined without an absolute lifetime. */
  endsAt?: number;
}

/**
 * The session object of the app's session layer (express-session's `req.session`,
 * @fastify/session's `request.session`): its data are its own properties, and
 * regenerate() and destroy() take a callback and replace or drop `req.session`.
 */
export interface LayerSession {
  sessionSecurity?: SignedIn;
  regenerate(callback: (error?: unknown) => void): unknown;
  destroy(callback: (error?: unknown) => void): unknown;
  [key: string]: unknown;
}

/** A request once the session layer has run: its session object and id. */
export type SessionRequest = IncomingMessage & { session?: LayerSession | null; sessionID?: string };
export type Next = (error?: unknown) => void;

/** A signed-in session as the app sees it. */
export interface LiveSession extends SignedIn {
  id: string;
}

/** What the policy hook may set for one user at sign-in (django-expire's expire_check). */
export interface UserPolicy extends Partial<Times> {
  /** Concurrent sessions allowed (newest wins); 0: unlimited. */
  sessionLimit?: number;
}

/** A session of the log, as the API lists it (never with its id). */
export interface SessionInfo extends Omit<LogEntry, 'id'> {
  live: boolean;
  /** Whole seconds since its last activity, for a live session. */
  idleFor?: number;
}

/*
 * Named after the session layer, not after Express: the same core serves express-session
 * and @fastify/session. Not `SessionSecurity`/`SessionSecurityOptions`: those are the
 * zero-dependency createSessionSecurity's (./index.ts, its own cookie and store), and
 * `SessionSecurity` is also the element's class in the browser entry points; one name
 * for two things would make every import and every error message ambiguous.
 */
export interface SessionLayerSecurityOptions extends Times {
  /**
   * Concurrent sessions per user; the newest sign-in wins and the older ones end as
   * `replaced`. Default 0 (unlimited): django-expire defaults to 1, but a library
   * default that signs people out of their phone when they sign in on their laptop
   * would surprise every app that upgrades; an app opts in (or sets it per user).
   */
  sessionLimit?: number;
  /** Log entries kept per user (django-expire's EXPIRE_LOG_LIMIT); ended ones go first, 0 keeps all. Default 100. */
  logLimit?: number;
  /** The session log and per-user index. Default a MemorySessionLog; with a shared activity store, a shared log (RedisSessionLog). */
  log?: SessionLog;
  /** Carries session ends to the event streams of every process. Default in memory; with a shared store, RedisEndNotifier. */
  notifier?: EndNotifier;
  /** The session events stream (the element's events-url). Default '/session/events'. */
  eventsPath?: string;
  /**
   * Opt-in (the relogin fork's server half): when a session expires, keep the app's own
   * data in it for `seconds` and hand it back when the same user signs in again.
   * `exclude`: keys that must not come back (authentication state; default ['passport']).
   * `store`: a MemoryKeptData by default; RedisKeptData with a shared activity store.
   */
  keepAfterExpiry?: { seconds: number; exclude?: string[]; store?: KeptDataStore };
  /** Per-user times and session limit at sign-in (like django-expire's expire_check signal). */
  policy?: (user: string) => UserPolicy | undefined | Promise<UserPolicy | undefined>;
  /** Where activity is kept. Default: a MemoryActivityStore (one process only). */
  activity?: ActivityStore;
  /**
   * Key of the opaque `user` of the ping answers. Required with a shared activity store
   * (several processes must name the user alike); otherwise random per process.
   */
  secret?: string | Buffer;
  /**
   * The session layer's cookie, cleared at sign-out and expiry: express-session's `name`
   * (default 'connect.sid', as here) or @fastify/session's `cookieName` (the Fastify
   * adapter defaults to its 'sessionId').
   */
  cookieName?: string;
  /** Whether that cookie is Secure (as the session layer's `cookie.secure`). Default true. */
  secure?: boolean;
  /** Default '/session/ping'. */
  pingPath?: string;
  /** Whole seconds, or false; default 12 h (see createSessionSecurity). */
  absoluteTimeout?: number | false;
  /** Requests that are not activity (files, polling APIs). The ping never is. */
  passive?: (req: IncomingMessage) => boolean;
  /** Milliseconds since the epoch, for the default store and absolute ends; tests pass a fake clock. */
  now?: () => number;
}

/** What sessionSecurity returns; the Fastify adapter wraps it (FastifySessionSecurity, its `core`). */
export interface SessionLayerSecurity {
  readonly store: ActivityStore;
  readonly pingPath: string;
  /** Connect middleware, after express-session: ends expired or ended sessions, counts activity. */
  middleware(req: IncomingMessage, res: ServerResponse, next: Next): void;
  /** GET pingPath: PROTOCOL.md's server rules. */
  ping(req: IncomingMessage, res: ServerResponse): void;
  readonly eventsPath: string;
  /** GET eventsPath: a server-sent-events stream that says when this session ends (PROTOCOL.md, "Session events"). */
  events(req: IncomingMessage, res: ServerResponse): void;
  /** Open event streams in this process. */
  readonly streams: EventStreams;
  /** Signs `user` in under a new session id (session fixation), with these times or the defaults. */
  login(req: IncomingMessage, res: ServerResponse, user: string, times?: Times): Promise<LiveSession>;
  /** Ends the session (reason `signed-out`), clears its cookie and the browser's cache of the site. */
  logout(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** The request's live session, as the middleware (or login) found it. */
  current(req: IncomingMessage): LiveSession | undefined;
  /** True when the middleware ended this request's session. */
  expired(req: IncomingMessage): boolean;
  checkCsrf(req: IncomingMessage, token: unknown): boolean;
  userOf(session: SignedIn): string;
  /** The public name of a session (a hash of its id), as the log lists it. */
  handleOf(session: LiveSession): string;
  /** A user's sessions, newest first: the log, with which are still live. */
  sessions(user: string): Promise<SessionInfo[]>;
  /** Ends one session (reason `revoked`); false when it was not live. */
  revoke(handle: string): Promise<boolean>;
  /** Ends every live session of a user ("sign out everywhere"); how many ended. */
  revokeAll(user: string): Promise<number>;
  isPing(req: IncomingMessage): boolean;
  close(): Promise<void>;
}

/** The session layer's callback methods as promises. */
const regenerate = (session: LayerSession) => new Promise<void>((done, fail) => session.regenerate((error) => (error ? fail(error) : done())));
const destroy = (session: LayerSession) => new Promise<void>((done, fail) => session.destroy((error) => (error ? fail(error) : done())));

const handleOf = (id: string) => createHash('sha256').update(id).digest('base64url').slice(0, 22);
const MAX_USER_AGENT = 256;

function checkCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new TypeError(`session-security: ${name} (${value}) must be a whole number, 0 or more`);
}

const NO_SESSION = 'session-security: req.session is missing: mount the session layer (express-session, @fastify/session) before session-security (or its store is disconnected)';

export function sessionSecurity(options: SessionLayerSecurityOptions): SessionLayerSecurity {
  const defaults: Times = { warnAfter: options.warnAfter, expireAfter: options.expireAfter };
  checkTimes(defaults);
  const now = options.now ?? Date.now;
  const store = options.activity ?? new MemoryActivityStore(now);
  if (store.shared && options.secret === undefined) {
    throw new TypeError('session-security: `secret` is required with a shared activity store: every process must derive the same opaque `user` (pass a stable secret from your configuration)');
  }
  const secret = options.secret ?? randomBytes(32);
  const log = options.log ?? new MemorySessionLog();
  if (log.shared !== store.shared) throw new TypeError('session-security: `log` and `activity` must both be shared (Redis) or both local (memory)');
  const sessionLimit = options.sessionLimit ?? 0;
  checkCount('sessionLimit', sessionLimit);
  const logLimit = options.logLimit ?? 100;
  checkCount('logLimit', logLimit);
  const notifier = options.notifier ?? new MemoryEndNotifier();
  if (notifier.shared !== store.shared) throw new TypeError('session-security: `notifier` and `activity` must both be shared (Redis) or both local (memory)');
  const streams = new EventStreams(notifier);
  const keeping = options.keepAfterExpiry;
  if (keeping && (!Number.isSafeInteger(keeping.seconds) || keeping.seconds <= 0)) throw new TypeError(`session-security: keepAfterExpiry.seconds (${keeping.seconds}) must be whole positive seconds`);
  const kept = keeping && (keeping.store ?? new MemoryKeptData(now));
  if (kept && kept.shared !== store.shared) throw new TypeError('session-security: `keepAfterExpiry.store` and `activity` must both be shared (Redis) or both local (memory)');
  /** Never kept, never handed back: the session layer's own (`cookie`), ours, and the app's authentication keys. */
  const notKept = new Set(['cookie', 'sessionSecurity', ...(keeping?.exclude ?? ['passport'])]);
  const unsafe = new Set(['__proto__', 'constructor', 'prototype']); // Object.assign would set a prototype
  const appData = (blob: object) => Object.fromEntries(Object.entries(blob).filter(([key, value]) => !notKept.has(key) && !unsafe.has(key) && typeof value !== 'function'));
  const eventsPath = options.eventsPath ?? '/session/events';
  const isEvents = (req: IncomingMessage) => samePath(pathOf(req), eventsPath);
  const lifetime = options.absoluteTimeout === false ? undefined : (options.absoluteTimeout ?? DEFAULT_ABSOLUTE_TIMEOUT);
  if (lifetime !== undefined && (!Number.isSafeInteger(lifetime) || lifetime <= 0)) throw new TypeError(`session-security: absoluteTimeout (${lifetime}) must be whole positive seconds`);
  const cookie = { name: options.cookieName ?? 'connect.sid', secure: options.secure ?? true };
  const pingPath = options.pingPath ?? '/session/ping';
  const isPing = (req: IncomingMessage) => samePath(pathOf(req), pingPath);
  const passive = options.passive ?? (() => false);
  const seen = new WeakMap<IncomingMessage, { session?: LiveSession; expired: boolean }>();

  /**
   * The request's signed-in session and its idle ms after `idleMs` (see ActivityStore),
   * or why it is over. Rejects when the store fails (Redis down): never read as an end.
   */
  async function check(req: SessionRequest, idleMs?: number): Promise<{ session: LiveSession; idle: number } | { ended: EndReason } | undefined> {
    const signedIn = req.session?.sessionSecurity;
    const id = req.sessionID;
    if (!signedIn || id === undefined) return undefined;
    if (signedIn.endsAt !== undefined && now() >= signedIn.endsAt) return { ended: 'expired' };
    const idle = await store.activity(id, signedIn.expireAfter * 1000, idleMs);
    if (idle === undefined) return { ended: (await store.reason(id)) ?? 'expired' };
    return { session: { ...signedIn, id }, idle };
  }

  /** Ends a session: its activity record goes, the log says why, its open pages hear it. */
  async function endSession(id: string, user: string, reason: EndReason): Promise<void> {
    await store.end(id, reason);
    await log.close(user, handleOf(id), reason, now());
    await notifier.publish(handleOf(id), reason);
  }
  const endEntry = (entry: LogEntry, reason: EndReason) => endSession(entry.id, entry.user, reason);

  /** The user's log, with the entries that have ended without being told (expiry) closed now. */
  async function readLog(user: string): Promise<{ entry: LogEntry; idle?: number }[]> {
    const entries = await log.entries(user);
    return Promise.all(
      entries.map(async (entry) => {
        if (entry.end !== undefined) return { entry };
        const idle = await store.activity(entry.id, entry.expireAfter * 1000);
        if (idle !== undefined) return { entry, idle };
        const reason = (await store.reason(entry.id)) ?? 'expired';
        await log.close(user, entry.handle, reason, now());
        return { entry: { ...entry, end: now(), reason } };
      }),
    );
  }

  /** Drops the blob and the cookie of a session that is over. */
  async function finish(req: SessionRequest, res: ServerResponse, reason: EndReason): Promise<void> {
    const user = req.session?.sessionSecurity?.user;
    // Only an expiry: a sign-out or a revocation means the user is done with that data.
    if (kept && keeping && reason === 'expired' && user !== undefined && req.session) {
      const data = appData(req.session);
      if (Object.keys(data).length) await kept.keep(user, JSON.stringify(data), keeping.seconds * 1000);
    }
    if (req.sessionID !== undefined) {
      if (user !== undefined) await endSession(req.sessionID, user, reason);
      else await store.end(req.sessionID, reason);
    }
    if (req.session) await destroy(req.session);
    writeCookie(res, cookie, '', true);
  }

  return {
    store,
    pingPath,
    isPing,
    eventsPath,
    streams,
    middleware(req: SessionRequest, res, next) {
      // Neither the ping nor a page's event stream is the user's activity.
      if (isPing(req) || isEvents(req)) return next();
      if (!req.session) return next(new Error(NO_SESSION));
      const settle = async () => {
        const found = await check(req, passive(req) ? undefined : 0);
        if (!found || !('ended' in found)) return { session: found?.session, expired: false };
        await finish(req, res, found.ended);
        return { expired: true };
      };
      // A store failure (Redis down) goes to the app's error handler: a 5xx, never a sign-out.
      settle().then((state) => {
        seen.set(req, state);
        next();
      }, next);
    },
    ping(req: SessionRequest, res) {
      const method = req.method ?? 'GET';
      if (method !== 'GET' && method !== 'HEAD') {
        res.setHeader('Allow', 'GET, HEAD');
        return sendJson(res, 405, { error: 'method not allowed' }, method);
      }
      // Without a session object there is no way to tell: a failed ping, never a logout.
      if (!req.session) return sendJson(res, 503, { error: 'session store unavailable' }, method);
      const fromElement = req.headers[PING_HEADER.toLowerCase()] === PING_HEADER_VALUE;
      const reported = fromElement ? parseIdleFor(new URL(req.url ?? '/', 'http://localhost').searchParams.get('idleFor')) : undefined;
      check(req, reported === undefined ? undefined : reported * 1000)
        .then(async (found) => {
          if (!found) return sendJson(res, 200, fromElement ? { status: 'logout' } : 'logout', method);
          if ('ended' in found) {
            await finish(req, res, found.ended);
            return sendJson(res, 200, fromElement ? { status: 'logout', reason: found.ended === 'signed-out' ? undefined : found.ended } : 'logout', method);
          }
          const idleFor = Math.floor(found.idle / 1000);
          if (!fromElement) return sendJson(res, 200, idleFor, method);
          const { warnAfter, expireAfter, csrfToken } = found.session;
          sendJson(res, 200, { idleFor, warnAfter, expireAfter, user: opaqueUser(secret, found.session.user), csrfToken }, method);
        })
        .catch(() => {
          // Redis down: the element counts a failed ping and decides from local activity.
          if (!res.headersSent) sendJson(res, 503, { error: 'session store unavailable' }, method);
        });
    },
    events(req: SessionRequest, res) {
      const method = req.method ?? 'GET';
      if (method !== 'GET') {
        res.setHeader('Allow', 'GET');
        return sendJson(res, 405, { error: 'method not allowed' }, method);
      }
      if (!req.session) return sendJson(res, 503, { error: 'session store unavailable' }, method);
      check(req)
        .then((found) => {
          // Already over (or never signed in): say so at once, as a ping would, and close.
          if (!found || 'ended' in found) {
            res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store' });
            return res.end(endedEvent(found && 'ended' in found ? found.ended : undefined));
          }
          streams.open(handleOf(found.session.id), res);
        })
        .catch(() => {
          if (!res.headersSent) sendJson(res, 503, { error: 'session store unavailable' }, method);
        });
    },
    async login(req: SessionRequest, _res, user, given) {
      const policy = { ...defaults, sessionLimit, ...(await options.policy?.(user)), ...given };
      const times: Times = { warnAfter: policy.warnAfter, expireAfter: policy.expireAfter };
      checkTimes(times);
      checkCount('sessionLimit', policy.sessionLimit);
      if (!req.session) throw new Error(NO_SESSION);
      const previous = req.session.sessionSecurity;
      if (previous && req.sessionID !== undefined) await endSession(req.sessionID, previous.user, 'signed-out');
      await regenerate(req.session);
      const signedIn: SignedIn = { user, warnAfter: times.warnAfter, expireAfter: times.expireAfter, csrfToken: randomToken() };
      if (lifetime !== undefined) signedIn.endsAt = now() + lifetime * 1000;
      const back = kept && (await kept.take(user));
      if (back) Object.assign(req.session, appData(JSON.parse(back) as object));
      req.session.sessionSecurity = signedIn;
      const id = req.sessionID as string;
      await store.start(id, times.expireAfter * 1000);
      const userAgent = req.headers['user-agent']?.slice(0, MAX_USER_AGENT);
      // The peer address: behind a proxy, the app maps X-Forwarded-For itself (never trust it blindly).
      await log.open({ handle: handleOf(id), id, user, start: now(), expireAfter: times.expireAfter, ip: req.socket.remoteAddress, userAgent }, logLimit);
      if (policy.sessionLimit > 0) {
        // Newest first: the newest sign-ins stay, the others are replaced.
        const live = (await readLog(user)).filter(({ entry, idle }) => idle !== undefined && entry.id !== id);
        for (const { entry } of live.slice(policy.sessionLimit - 1)) await endEntry(entry, 'replaced');
      }
      const session = { ...signedIn, id };
      seen.set(req, { session, expired: false });
      return session;
    },
    async logout(req: SessionRequest, res) {
      if (req.session?.sessionSecurity) await finish(req, res, 'signed-out');
      else writeCookie(res, cookie, '', true);
      // As createSessionSecurity's logout: drop what the browser cached of this origin.
      res.setHeader('Clear-Site-Data', '"cache"');
      seen.set(req, { expired: false });
    },
    current: (req) => seen.get(req)?.session,
    expired: (req) => seen.get(req)?.expired ?? false,
    checkCsrf(req, token) {
      const session = seen.get(req)?.session;
      return !!session && typeof token === 'string' && safeEqual(token, session.csrfToken);
    },
    userOf: (session) => opaqueUser(secret, session.user),
    handleOf: (session) => handleOf(session.id),
    async sessions(user) {
      return (await readLog(user)).map(({ entry: { id: _id, ...entry }, idle }) => ({ ...entry, live: idle !== undefined, idleFor: idle === undefined ? undefined : Math.floor(idle / 1000) }));
    },
    async revoke(handle) {
      const user = await log.userOf(handle);
      if (user === undefined) return false;
      const found = (await readLog(user)).find(({ entry }) => entry.handle === handle);
      if (!found || found.idle === undefined) return false;
      await endEntry(found.entry, 'revoked');
      return true;
    },
    async revokeAll(user) {
      const live = (await readLog(user)).filter(({ idle }) => idle !== undefined);
      for (const { entry } of live) await endEntry(entry, 'revoked');
      return live.length;
    },
    async close() {
      streams.closeAll();
      await notifier.close();
      await store.close();
    },
  };
}

export { MemoryActivityStore, type ActivityStore, type EndReason } from './activity.js';
export { MemorySessionLog, type LogEntry, type SessionLog } from './session-log.js';
export { MemoryEndNotifier, type EndNotifier } from './session-events.js';
export { MemoryKeptData, type KeptDataStore } from './kept-data.js';
