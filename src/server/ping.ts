/**
 * The ping endpoint (PROTOCOL.md, "Server rules"): check expiry, then merge the
 * browser's activity report, then answer the idle time. The ping itself is never
 * activity: the middleware leaves the ping path alone.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PING_HEADER, PING_HEADER_VALUE } from '../core/protocol.js';
import type { Session, SessionStore } from './session-store.js';
import { opaqueUser } from './tokens.js';

/** What the ping handler needs from its surroundings (index.ts wires them). */
export interface PingContext {
  store: SessionStore;
  /** The session the request's cookie names, expired or not. */
  find(req: IncomingMessage): Session | undefined;
  /** Destroys an expired session and clears its cookie. */
  end(res: ServerResponse, session: Session): void;
  /** Secret of the opaque `user` value. */
  secret: string | Buffer;
}

/**
 * `idleFor` as whole seconds, or undefined for anything but plain ASCII digits: missing,
 * empty, negative (a claim of activity in the future), decimals, exponents ("1e999"),
 * or more than a safe integer. Garbage is ignored, never clamped: clamping "-100" to 0
 * would let anyone keep a session alive by forging "now".
 */
export function parseIdleFor(value: string | null): number | undefined {
  if (value === null || !/^\d{1,15}$/.test(value)) return undefined;
  const seconds = Number(value);
  return Number.isSafeInteger(seconds) ? seconds : undefined;
}

/** Writes a JSON answer that no cache may keep (it is about one session, right now). */
export function sendJson(res: ServerResponse, status: number, body: unknown, method = 'GET'): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(method === 'HEAD' ? undefined : text);
}

export function createPingHandler(context: PingContext): (req: IncomingMessage, res: ServerResponse) => void {
  const { store } = context;
  return (req, res) => {
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return sendJson(res, 405, { error: 'method not allowed' }, method);
    }
    // Only the element's header makes the report count: a cross-site page cannot send
    // it without a CORS preflight this endpoint never grants. Without it the request
    // still gets the django-session-security answer (a plain integer), and nothing more.
    const fromElement = req.headers[PING_HEADER.toLowerCase()] === PING_HEADER_VALUE;
    const session = context.find(req);
    if (!session) return sendJson(res, 200, fromElement ? { status: 'logout' } : 'logout', method);
    // Expiry first: a report that arrives after the deadline cannot revive the session.
    if (store.expired(session)) {
      context.end(res, session);
      return sendJson(res, 200, fromElement ? { status: 'logout', reason: 'expired' } : 'logout', method);
    }
    if (!fromElement) return sendJson(res, 200, store.idleFor(session), method);
    const reported = parseIdleFor(new URL(req.url ?? '/', 'http://localhost').searchParams.get('idleFor'));
    if (reported !== undefined) store.merge(session, reported);
    sendJson(
      res,
      200,
      {
        idleFor: store.idleFor(session),
        warnAfter: session.warnAfter,
        expireAfter: session.expireAfter,
        user: opaqueUser(context.secret, session.user),
        csrfToken: session.csrfToken,
      },
      method,
    );
  };
}
