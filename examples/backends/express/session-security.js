/**
 * The server side of session-security on express-session, written for this app (see
 * PROTOCOL.md, "Server rules"). express-session's own lifetime slides with every request,
 * pings included, so it is not the idle timeout: the session keeps its own `last`.
 */
import { createHmac } from 'node:crypto';

export const PING_PATH = '/session/ping';

/** 1 to 15 ASCII digits, the whole string: `\d`, parseInt and Number accept far more. */
const SECONDS = /^[0-9]{1,15}$/;

export function sessionSecurity({ warnAfter, expireAfter, userSecret }) {
  const expireMs = expireAfter * 1000;
  const expired = (s, now) => now - s.last >= expireMs;
  /** Opaque and stable: an HMAC of the user id, never the id itself (rule 9). */
  const opaque = (userId) => createHmac('sha256', userSecret).update(userId).digest('base64url');

  /** After the session's sign-in: activity starts now. */
  function signedIn(req, userId) {
    req.session.userId = userId;
    req.session.last = Date.now();
  }

  /**
   * Every request but the ping is activity, and meets the deadline first (rules 5, 6).
   * Mounted after the ping route, so Express's own matching (any case, a trailing slash)
   * decides what a ping is: a ping never reaches this.
   */
  function activity(req, res, next) {
    const s = req.session;
    if (s.userId === undefined) return next();
    const now = Date.now();
    if (!expired(s, now)) {
      s.last = now;
      return next();
    }
    // Signed out: a fresh, empty session (saved only if something is put in it).
    s.regenerate((error) => next(error));
  }

  /** GET PING_PATH (rules 1-4, 7-9). Never sends a string: always a JSON object. */
  function ping(req, res, next) {
    res.set('Cache-Control', 'no-store');
    const s = req.session;
    if (s.userId === undefined) return res.json({ status: 'logout' });
    const now = Date.now();
    if (expired(s, now)) {
      // Expiry before the merge: a late idleFor never revives a session (rule 2).
      return s.regenerate((error) => (error ? next(error) : res.json({ status: 'logout', reason: 'expired' })));
    }
    const idleFor = req.query.idleFor; // a string, or an array for idleFor=1&idleFor=2
    if (req.get('X-Requested-With') === 'XMLHttpRequest' && typeof idleFor === 'string' && SECONDS.test(idleFor)) {
      s.last = Math.max(s.last, now - Number(idleFor) * 1000); // forward only, never past now
    }
    res.json({
      idleFor: Math.floor((now - s.last) / 1000),
      warnAfter,
      expireAfter,
      user: opaque(s.userId),
      csrfToken: s.csrfToken,
    });
  }

  return { activity, ping, signedIn, opaque };
}
