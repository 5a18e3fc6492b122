/**
 * session-security on the app's own express-session (Express, Connect, or plain
 * node:http); the machinery is session-core.ts, shared with @fastify/session.
 *
 *   app.use(session({ name: 'sid', secret, resave: false, saveUninitialized: false, store }));
 *   const security = sessionSecurity({ warnAfter: 540, expireAfter: 600, cookieName: 'sid',
 *     secret: process.env.SESSION_SECURITY_SECRET, activity: new RedisActivityStore(redis) });
 *   app.get(security.pingPath, security.ping);  // before the middleware: a ping is not activity
 *   app.use(security.middleware);               // expiry on every request, activity
 *   await security.login(req, res, user.id);    // after checking the password
 *   await security.logout(req, res);
 */
import type { SignedIn } from './session-core.js';

// `req.session.sessionSecurity` is typed for the app too.
declare module 'express-session' {
  interface SessionData {
    sessionSecurity?: SignedIn;
  }
}

export * from './session-core.js';
