/**
 * A small Express 5 app with express-session, signed-in pages and session-security.
 * Environment: PORT, WARN_AFTER, EXPIRE_AFTER (seconds), SESSION_SECURITY_JS (path of
 * dist/cdn/session-security.js), USER_SECRET (stable secret for the opaque user value).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { dirname } from 'node:path';
import express from 'express';
import session from 'express-session';
import { NoReviveStore } from './no-revive-store.js';
import { PING_PATH, sessionSecurity } from './session-security.js';

function env(name) {
  if (process.env[name]) return process.env[name];
  console.error(`${name} is not set`);
  process.exit(2);
}
const WARN_AFTER = Number(env('WARN_AFTER'));
const EXPIRE_AFTER = Number(env('EXPIRE_AFTER'));
const USERS = new Map([
  ['alice', 'alice'],
  ['bob', 'bob'],
]); // a demo: use a password hash

const security = sessionSecurity({ warnAfter: WARN_AFTER, expireAfter: EXPIRE_AFTER, userSecret: env('USER_SECRET') });
const app = express();

// The element's files, before session(): loading them is neither activity nor a store read.
app.use(express.static(dirname(env('SESSION_SECURITY_JS')), { index: false }));

app.use(
  session({
    store: new NoReviveStore(), // use a shared store (connect-redis) with more than one process
    secret: process.env.SESSION_SECRET || randomBytes(32).toString('hex'),
    name: 'sid',
    resave: false, // true writes back every session, a destroyed one included (expressjs/session#632)
    saveUninitialized: false, // no session, and no cookie, until someone signs in
    // The cookie's lifetime restarts at every answer, pings included: it is not the idle
    // timeout (`last` is), it only has to outlast it, so that the server decides the end.
    rolling: true,
    cookie: { maxAge: (EXPIRE_AFTER + 60) * 1000, httpOnly: true, sameSite: 'lax', secure: 'auto' },
  }),
);
// Before the activity middleware: a ping that Express routes here never counts as activity.
app
  .route(PING_PATH)
  .get(security.ping)
  .all((req, res) => res.sendStatus(405));
app.use(security.activity);

const page = (title, body) => `<!doctype html><html lang="en"><meta charset="utf-8"><title>${title}</title>${body}</html>`;
const sameToken = (a, b) => typeof a === 'string' && typeof b === 'string' && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
const form = express.urlencoded({ extended: false });

app.get('/', (req, res) => {
  if (req.session.userId === undefined) return res.redirect(303, '/login');
  res
    .set('Cache-Control', 'no-store')
    .type('html')
    .send(
      page(
        'Signed in',
        `<script type="module" src="/session-security.js"></script>
<session-security ping-url="${PING_PATH}" warn-after="${WARN_AFTER}" expire-after="${EXPIRE_AFTER}" user="${security.opaque(req.session.userId)}"></session-security>
<h1>Hello</h1>
<form method="post" action="/logout"><input type="hidden" name="_csrf" value="${req.session.csrfToken}"><button>Sign out</button></form>`,
      ),
    );
});

app.get('/login', (req, res) => {
  res
    .set('Cache-Control', 'no-store')
    .type('html')
    .send(
      page(
        'Sign in',
        `<form method="post" action="/login">
<label>User <input name="username" autocomplete="username"></label>
<label>Password <input name="password" type="password" autocomplete="current-password"></label>
<button>Sign in</button></form>`,
      ),
    );
});

// A real app also limits sign-in attempts and checks the Origin of the post (login CSRF).
app.post('/login', form, (req, res, next) => {
  const { username, password } = req.body ?? {};
  if (typeof username !== 'string' || !USERS.has(username) || !sameToken(USERS.get(username), password)) {
    return res.status(401).type('html').send(page('Sign in', '<p>Wrong user or password. <a href="/login">Again</a></p>'));
  }
  // A new session id at every sign-in (session fixation).
  req.session.regenerate((error) => {
    if (error) return next(error);
    security.signedIn(req, username);
    req.session.csrfToken = randomBytes(32).toString('base64url');
    res.redirect(303, '/');
  });
});

app.post('/logout', form, (req, res, next) => {
  if (req.session.userId === undefined) return res.redirect(303, '/login');
  if (!sameToken(req.body?._csrf, req.session.csrfToken)) return res.sendStatus(403);
  req.session.destroy((error) => {
    if (error) return next(error);
    res.clearCookie('sid').redirect(303, '/login');
  });
});

const port = Number(env('PORT'));
app.listen(port, '127.0.0.1', (error) => {
  if (error) throw error;
  console.log(`express recipe on http://127.0.0.1:${port}/ (warn ${WARN_AFTER} s, expire ${EXPIRE_AFTER} s)`);
});
