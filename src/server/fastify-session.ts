/**
 * session-security on Fastify with @fastify/session: the same machinery as the
 * express-session integration (session-core.ts: the activity store, the policies, the
 * log, the events stream), driven through @fastify/session's `request.session`. Its
 * Session keeps data as own properties and has regenerate(callback) and
 * destroy(callback), which replace or drop `request.session`: all the core needs. This
 * adapter shows the core `request.session` and its `sessionId` on the raw request, and
 * answers the ping and the stream on the raw response (reply.hijack()).
 *
 *   await app.register(fastifyCookie);
 *   await app.register(fastifySession, { cookieName: 'sid', secret, saveUninitialized: false, store });
 *   const security = fastifySessionSecurity({ warnAfter: 540, expireAfter: 600, cookieName: 'sid' });
 *   app.addHook('preHandler', security.preHandler);   // expiry on every request; activity
 *   app.get(security.pingPath, security.ping);         // the element's ping-url
 *   app.get(security.eventsPath, security.events);     // its events-url (optional push)
 *   await security.login(request, reply, user.id);     // after checking the password
 *   await security.logout(request, reply);
 *
 * Typed structurally (FastifyLikeRequest, FastifyLikeReply): the published types need
 * neither fastify nor @fastify/session, and a Fastify request or reply fits them.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sessionSecurity, type SessionLayerSecurity, type SessionLayerSecurityOptions, type LiveSession, type SessionInfo, type SessionRequest } from './session-core.js';
import type { Times } from './session-store.js';

/** What this needs of a Fastify request with @fastify/session registered. */
export interface FastifyLikeRequest {
  raw: IncomingMessage;
  /** @fastify/session's Session (null once destroyed). */
  session?: unknown;
}

/** What this needs of a Fastify reply. */
export interface FastifyLikeReply {
  raw: ServerResponse;
  /** Fastify's: the handler answers on `raw` itself. */
  hijack(): unknown;
}

/**
 * @fastify/session's `cookieName` defaults to 'sessionId'; its cookie `secure` to true
 * (like ours).
 */
export type FastifySessionSecurityOptions = SessionLayerSecurityOptions;

export interface FastifySessionSecurity {
  readonly core: SessionLayerSecurity;
  readonly pingPath: string;
  readonly eventsPath: string;
  /** A preHandler hook (after @fastify/session's onRequest): ends expired or ended sessions, counts activity. */
  preHandler(request: FastifyLikeRequest, reply: FastifyLikeReply): Promise<void>;
  /** The GET pingPath handler. */
  ping(request: FastifyLikeRequest, reply: FastifyLikeReply): void;
  /** The GET eventsPath handler: the session events stream. */
  events(request: FastifyLikeRequest, reply: FastifyLikeReply): void;
  login(request: FastifyLikeRequest, reply: FastifyLikeReply, user: string, times?: Times): Promise<LiveSession>;
  logout(request: FastifyLikeRequest, reply: FastifyLikeReply): Promise<void>;
  current(request: FastifyLikeRequest): LiveSession | undefined;
  expired(request: FastifyLikeRequest): boolean;
  checkCsrf(request: FastifyLikeRequest, token: unknown): boolean;
  userOf: SessionLayerSecurity['userOf'];
  handleOf: SessionLayerSecurity['handleOf'];
  sessions(user: string): Promise<SessionInfo[]>;
  revoke(handle: string): Promise<boolean>;
  revokeAll(user: string): Promise<number>;
  close(): Promise<void>;
}

const bound = new WeakSet<IncomingMessage>();

/**
 * The raw request as the core reads it: `session` is always the Fastify request's current
 * one (regenerate and destroy replace it there), `sessionID` its `sessionId`.
 */
function raw(request: FastifyLikeRequest): SessionRequest {
  const req = request.raw;
  if (!bound.has(req)) {
    bound.add(req);
    Object.defineProperties(req, {
      session: { configurable: true, get: () => request.session ?? undefined },
      sessionID: { configurable: true, get: () => (request.session as { sessionId?: string } | null | undefined)?.sessionId },
    });
  }
  return req as SessionRequest;
}

export function fastifySessionSecurity(options: FastifySessionSecurityOptions): FastifySessionSecurity {
  const core = sessionSecurity({ ...options, cookieName: options.cookieName ?? 'sessionId' });
  return {
    core,
    pingPath: core.pingPath,
    eventsPath: core.eventsPath,
    preHandler: (request, reply) => new Promise<void>((done, fail) => core.middleware(raw(request), reply.raw, (error) => (error ? fail(error) : done()))),
    ping(request, reply) {
      // Answered on the raw response: nothing of Fastify's onSend runs, so @fastify/session saves nothing for a ping.
      reply.hijack();
      core.ping(raw(request), reply.raw);
    },
    events(request, reply) {
      reply.hijack();
      core.events(raw(request), reply.raw);
    },
    login: (request, reply, user, times) => core.login(raw(request), reply.raw, user, times),
    logout: (request, reply) => core.logout(raw(request), reply.raw),
    current: (request) => core.current(raw(request)),
    expired: (request) => core.expired(raw(request)),
    checkCsrf: (request, token) => core.checkCsrf(raw(request), token),
    userOf: core.userOf,
    handleOf: core.handleOf,
    sessions: core.sessions,
    revoke: core.revoke,
    revokeAll: core.revokeAll,
    close: core.close,
  };
}

export { MemoryActivityStore, type ActivityStore, type EndReason } from './activity.js';
export type { LiveSession, SessionInfo, UserPolicy, SignedIn } from './session-core.js';
