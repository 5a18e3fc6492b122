/**
 * A small Fastify 5 app with @fastify/session, signed-in pages and session-security.
 * Environment: PORT, WARN_AFTER, EXPIRE_AFTER (seconds), SESSION_SECURITY_JS (path of
 * dist/cdn/session-security.js), USER_SECRET (stable secret for the opaque user value).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifySession from '@fastify/session';
import Fastify from 'fastify';
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
const app = Fastify();

// The element's files, in a context without sessions: loading them is neither activity
// nor a store read. One route per file that exists, so no path comes from the request.
app.register(async (assets) => {
  const dir = dirname(env('SESSION_SECURITY_JS'));
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.js'))) {
    const body = readFileSync(join(dir, file));
    assets.get(`/${file}`, (request, reply) => reply.type('text/javascript; charset=utf-8').send(body));
  }
});

const page = (title, body) => `<!doctype html><html lang="en"><meta charset="utf-8"><title>${title}</title>${body}</html>`;
const sameToken = (a, b) => typeof a === 'string' && typeof b === 'string' && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

app.register(async (site) => {
  await site.register(fastifyCookie);
  await site.register(fastifySession, {
    secret: process.env.SESSION_SECRET || randomBytes(32).toString('hex'), // 32 characters at least
    cookieName: 'sid',
    store: new NoReviveStore(), // use a shared store (Redis) with more than one process
    saveUninitialized: false, // the default (true) saves a session for every visitor, anonymous pings included
    // The default (true) saves the whole session at every answer, pings included: more
    // writes, and a ping that loaded the session before a sign-out would write it back.
    // Without it, the cookie goes out when the session changes: at sign-in and at every
    // activity, so its lifetime still outlasts `last` + expireAfter (the server decides).
    rolling: false,
    cookie: { maxAge: (EXPIRE_AFTER + 60) * 1000, httpOnly: true, sameSite: 'lax', secure: 'auto', path: '/' },
  });
  site.addHook('preHandler', security.activity);
  site.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body)));
  });

  site.get(PING_PATH, security.ping);

  site.get('/', async (request, reply) => {
    const session = request.session;
    if (session.get('userId') === undefined) return reply.redirect('/login', 303);
    reply.header('Cache-Control', 'no-store').type('text/html; charset=utf-8');
    return page(
      'Signed in',
      `<script type="module" src="/session-security.js"></script>
<session-security ping-url="${PING_PATH}" warn-after="${WARN_AFTER}" expire-after="${EXPIRE_AFTER}" user="${security.opaque(session.get('userId'))}"></session-security>
<h1>Hello</h1>
<form method="post" action="/logout"><input type="hidden" name="_csrf" value="${session.get('csrfToken')}"><button>Sign out</button></form>`,
    );
  });

  site.get('/login', async (request, reply) => {
    reply.header('Cache-Control', 'no-store').type('text/html; charset=utf-8');
    return page(
      'Sign in',
      `<form method="post" action="/login">
<label>User <input name="username" autocomplete="username"></label>
<label>Password <input name="password" type="password" autocomplete="current-password"></label>
<button>Sign in</button></form>`,
    );
  });

  // A real app also limits sign-in attempts and checks the Origin of the post (login CSRF).
  site.post('/login', async (request, reply) => {
    const { username, password } = request.body ?? {};
    if (typeof username !== 'string' || !USERS.has(username) || !sameToken(USERS.get(username), password)) {
      return reply.code(401).type('text/html; charset=utf-8').send(page('Sign in', '<p>Wrong user or password. <a href="/login">Again</a></p>'));
    }
    await request.session.regenerate(); // a new session id at every sign-in (session fixation)
    security.signedIn(request, username);
    request.session.set('csrfToken', randomBytes(32).toString('base64url'));
    return reply.redirect('/', 303);
  });

  site.post('/logout', async (request, reply) => {
    if (request.session.get('userId') === undefined) return reply.redirect('/login', 303);
    if (!sameToken(request.body?._csrf, request.session.get('csrfToken'))) return reply.code(403).send();
    await request.session.destroy();
    return reply.clearCookie('sid', { path: '/' }).redirect('/login', 303);
  });
});

const port = Number(env('PORT'));
await app.listen({ port, host: '127.0.0.1' });
console.log(`fastify recipe on http://127.0.0.1:${port}/ (warn ${WARN_AFTER} s, expire ${EXPIRE_AFTER} s)`);
