/**
 * fastifySessionSecurity on a real Fastify 5 app with @fastify/session, mounted as its
 * header shows: the essentials every adapter shares (adapter-essentials.ts, as on
 * express-session), the newest sign-in winning with the events stream saying so at once,
 * and the checker.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifySession from '@fastify/session';
import { fastifySessionSecurity, type FastifySessionSecurity } from '../../src/server/fastify-session.js';
import { formatHuman } from '../../src/check/report.js';
import { Client, Clock } from './helpers.js';
import { Hold, InspectableStore, adapterEssentials } from './adapter-essentials.js';
import { assertEveryProbePasses } from '../check/helpers.js';
import { signInCookie } from '../check/servers.js';

describe('fastifySessionSecurity on Fastify + @fastify/session', () => {
  const context = adapterEssentials('@fastify/session', async () => {
    const clock = new Clock();
    const store = new InspectableStore();
    const hold = new Hold();
    const fastify = Fastify();
    fastify.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    await fastify.register(fastifyCookie);
    // @fastify/session's defaults, but for plain http and no blob before sign-in; rolling
    // stays true (it saves the whole session on every answer: the stale write of the test).
    await fastify.register(fastifySession, {
      cookieName: 'sid',
      secret: 'a test secret of at least 32 characters',
      saveUninitialized: false,
      cookie: { secure: false, sameSite: 'lax' },
      store: store as never,
    });
    const security = fastifySessionSecurity({ warnAfter: 30, expireAfter: 60, cookieName: 'sid', secure: false, now: clock.now, sessionLimit: 1 });
    fastify.addHook('preHandler', security.preHandler);
    fastify.get(security.pingPath, security.ping);
    fastify.get(security.eventsPath, security.events);
    fastify.post('/login/:user', async (request, reply) => {
      await security.login(request, reply, (request.params as { user: string }).user);
      return reply.code(204).send();
    });
    fastify.post('/logout', async (request, reply) => {
      await security.logout(request, reply);
      return reply.code(204).send();
    });
    fastify.post('/slow', async (request) => {
      await hold.wait();
      request.session.set('cart' as never, 'a book' as never); // a change: @fastify/session saves the blob
      return security.current(request) ? 'signed in' : 'nobody';
    });
    fastify.get('/page', async (request) => security.current(request)?.user ?? 'nobody');
    const base = await fastify.listen({ port: 0, host: '127.0.0.1' });
    const close = async () => {
      await security.close();
      await fastify.close();
    };
    return { clock, store, hold, base, security, close };
  });

  test('the newest sign-in wins (sessionLimit 1): the open stream of the older one hears `replaced` at once', async () => {
    const { base, security } = context.app;
    const signedIn = async () => {
      const client = new Client(base);
      assert.equal((await client.post('/login/eve', {})).status, 204);
      return client;
    };
    const older = await signedIn();
    const stream = await fetch(`${base}/session/events`, { headers: { Cookie: older.cookie, Accept: 'text/event-stream' } });
    assert.equal(stream.status, 200);
    assert.match(stream.headers.get('content-type') ?? '', /^text\/event-stream/);
    assert.equal(stream.headers.get('cache-control'), 'no-store');
    const body = stream.text(); // ends when the server closes the stream
    await signedIn();
    assert.match(await body, /event: logout\ndata: \{"status":"logout","reason":"replaced"\}\n\n$/);
    assert.deepEqual((await older.ping('0')).body, { status: 'logout', reason: 'replaced' });
    assert.equal((await security.sessions('eve')).filter((info) => info.live).length, 1);
  });
});

describe('the checker against the Fastify adapter', () => {
  let app: FastifyInstance;
  let security: FastifySessionSecurity;
  let base: string;

  before(async () => {
    app = Fastify();
    await app.register(fastifyCookie);
    await app.register(fastifySession, { cookieName: 'sid', secret: 'a test secret of at least 32 characters', saveUninitialized: false, cookie: { secure: false, sameSite: 'lax' } });
    // Real time and short timeouts: the --slow probes wait for expiry.
    security = fastifySessionSecurity({ warnAfter: 1, expireAfter: 3, cookieName: 'sid', secure: false });
    app.addHook('preHandler', security.preHandler);
    app.get(security.pingPath, security.ping);
    app.get(security.eventsPath, security.events);
    app.post('/login', async (request, reply) => {
      await security.login(request, reply, 'alice');
      return reply.code(204).send();
    });
    app.get('/page', async (request, reply) => (security.current(request) ? reply.type('text/html').send('<p>Protected</p>') : reply.redirect('/login', 303)));
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    await security.close();
    await app.close();
  });

  test('every probe passes, the slow ones and the session events stream included', async () => {
    const report = await assertEveryProbePasses({ url: `${base}/session/ping`, login: () => signInCookie(base), page: '/page' });
    assert.equal(report.results.length, 28, formatHuman(report));
  });
});
