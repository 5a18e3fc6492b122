/**
 * The server side of session-security on @fastify/session, written for this app (see
 * PROTOCOL.md, "Server rules"). The session layer's own lifetime is not the idle
 * timeout: the session keeps its own `last`.
 */
import { createHmac } from 'node:crypto';

export const PING_PATH = '/session/ping';

/** 1 to 15 ASCII digits, the whole string: `\d`, parseInt and Number accept far more. */
const SECONDS = /^[0-9]{1,15}$/;

export function sessionSecurity({ warnAfter, expireAfter, userSecret }) {
  const expireMs = expireAfter * 1000;
  const expired = (session, now) => now - session.get('last') >= expireMs;
  /** Opaque and stable: an HMAC of the user id, never the id itself (rule 9). */
  const opaque = (userId) => createHmac('sha256', userSecret).update(userId).digest('base64url');

  /** After the session's sign-in: activity starts now. */
  function signedIn(request, userId) {
    request.session.set('userId', userId);
    request.session.set('last', Date.now());
  }

  /**
   * preHandler: every request but the ping is activity, and meets the deadline first
   * (rules 5, 6). routeOptions.url is the route Fastify matched, so what Fastify routes
   * to the ping (its HEAD route included) is the ping.
   */
  async function activity(request) {
    if (request.routeOptions.url === PING_PATH) return;
    const session = request.session;
    if (session.get('userId') === undefined) return;
    const now = Date.now();
    if (!expired(session, now)) return void session.set('last', now);
    // Signed out: a fresh, empty session for the handlers, as @fastify/session itself
    // does for a session whose cookie expired.
    await session.regenerate();
  }

  /**
   * GET PING_PATH (rules 1-4, 7-9). Always returns an object, which Fastify sends as
   * application/json: a returned string would go out as text/plain, and `logout` without
   * JSON quotes reads as an unexpected answer, not as "logout".
   */
  async function ping(request, reply) {
    reply.header('Cache-Control', 'no-store');
    const session = request.session;
    if (session.get('userId') === undefined) return { status: 'logout' };
    const now = Date.now();
    if (expired(session, now)) {
      // Expiry before the merge: a late idleFor never revives a session (rule 2).
      await session.destroy();
      return { status: 'logout', reason: 'expired' };
    }
    const idleFor = request.query.idleFor; // a string, or an array for idleFor=1&idleFor=2
    if (request.headers['x-requested-with'] === 'XMLHttpRequest' && typeof idleFor === 'string' && SECONDS.test(idleFor)) {
      // Forward only, never past now; unchanged, the session is not saved again.
      session.set('last', Math.max(session.get('last'), now - Number(idleFor) * 1000));
    }
    return {
      idleFor: Math.floor((now - session.get('last')) / 1000),
      warnAfter,
      expireAfter,
      user: opaque(session.get('userId')),
      csrfToken: session.get('csrfToken'),
    };
  }

  return { activity, ping, signedIn, opaque };
}
