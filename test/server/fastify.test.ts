/**
 * fastifySessionSecurity on a real Fastify 5 app with @fastify/session, mounted as its
 * header shows: the same essentials as on express-session (express.test.ts): the ping
 * protocol (merge forward, the ping not activity, expiry first), sign-out ends the
 * session, a stale write never revives it, the newest sign-in wins, and the events
 * stream says so at once.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifySession from '@fastify/session';
import { fastifySessionSecurity, type FastifySessionSecurity } from '../../src/server/fastify-session.js';
import { check } from '../../src/check/index.js';
import { formatHuman } from '../../src/check/report.js';
import { Client, Clock } from './helpers.js';
import { signInCookie } from '../check/servers.js';

type Callback = (error?: unknown, value?: unknown) => void;

/** A store the test can look into: the blobs as @fastify/session writes them. */
class InspectableStore {
  readonly blobs = new Map<string, Record<string, unknown>>();
  set(id: string, session: unknown, callback: Callback) {
    this.blobs.set(id, JSON.parse(JSON.stringify(session)) as Record<string, unknown>);
    callback();
  }
  get(id: string, callback: Callback) {
    callback(undefined, this.blobs.get(id) ?? null);
  }
  destroy(id: string, callback: Callback) {
    this.blobs.delete(id);
    callback();
  }
}

describe('fastifySessionSecurity on Fastify + @fastify/session', () => {
  const clock = new Clock();
  const store = new InspectableStore();
  let app: FastifyInstance;
  let security: FastifySessionSecurity;
  let base: string;
  let release: () => void = () => {};
  let slowStarted: () => void = () => {};

  before(async () => {
    app = Fastify();
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    await app.register(fastifyCookie);
    // @fastify/session's defaults, but for plain http and no blob before sign-in; rolling
    // stays true (it saves the whole session on every answer: the stale write of the test).
    await app.register(fastifySession, {
      cookieName: 'sid',
      secret: 'a test secret of at least 32 characters',
      saveUninitialized: false,
      cookie: { secure: false, sameSite: 'lax' },
      store: store as never,
    });
    security = fastifySessionSecurity({ warnAfter: 30, expireAfter: 60, cookieName: 'sid', secure: false, now: clock.now, sessionLimit: 1 });
    app.addHook('preHandler', security.preHandler);
    app.get(security.pingPath, security.ping);
    app.get(security.eventsPath, security.events);
    app.post('/login/:user', async (request, reply) => {
      await security.login(request, reply, (request.params as { user: string }).user);
      return reply.code(204).send();
    });
    app.post('/logout', async (request, reply) => {
      await security.logout(request, reply);
      return reply.code(204).send();
    });
    // Loads the session, waits, then changes it: @fastify/session writes it back at the end.
    app.post('/slow', async (request) => {
      slowStarted();
      await new Promise<void>((done) => (release = done));
      request.session.set('cart' as never, 'a book' as never);
      return security.current(request) ? 'signed in' : 'nobody';
    });
    app.get('/page', async (request) => security.current(request)?.user ?? 'nobody');
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    await security.close();
    await app.close();
  });

  async function signedIn(user = 'alice'): Promise<Client> {
    const client = new Client(base);
    assert.equal((await client.post(`/login/${user}`, {})).status, 204);
    assert.match(client.cookie, /^sid=/);
    return client;
  }

  test('pings follow the protocol: merge forward, the ping is not activity, expiry first', async () => {
    const client = await signedIn('ann');
    clock.advance(20);
    assert.equal(((await client.ping('5')).body as { idleFor: number }).idleFor, 5);
    clock.advance(10);
    assert.equal(((await client.ping('50')).body as { idleFor: number }).idleFor, 15, 'an older report does not move activity back');
    assert.equal(((await client.ping()).body as { idleFor: number }).idleFor, 15, 'the ping itself is not activity');
    assert.equal(await (await client.get('/page')).text(), 'ann'); // activity
    assert.equal(((await client.ping()).body as { idleFor: number }).idleFor, 0);
    clock.advance(60);
    assert.deepEqual((await client.ping('0')).body, { status: 'logout', reason: 'expired' }, 'a late report does not revive it');
    assert.equal(client.cookie, '', 'cookie cleared');
  });

  test('the answer carries the times, an opaque user and the CSRF token, with no-store', async () => {
    const client = await signedIn('bea');
    const { response, body } = await client.ping('0');
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const answer = body as Record<string, unknown>;
    assert.deepEqual(Object.keys(answer).sort(), ['csrfToken', 'expireAfter', 'idleFor', 'user', 'warnAfter']);
    assert.doesNotMatch(String(answer.user), /bea/);
  });

  test('sign-out ends the session: its pings answer logout, its pages see nobody', async () => {
    const client = await signedIn('cid');
    const cookie = client.cookie;
    assert.equal((await client.post('/logout', {})).status, 204);
    const replay = new Client(base);
    replay.cookie = cookie;
    assert.deepEqual((await replay.ping('0')).body, { status: 'logout' });
    assert.equal(await (await replay.get('/page')).text(), 'nobody');
  });

  test('a request in flight during sign-out writes the blob back, and still cannot revive the session', async () => {
    const client = await signedIn('dan');
    const cookie = client.cookie;
    const started = new Promise<void>((done) => (slowStarted = done));
    const slow = new Client(base);
    slow.cookie = cookie;
    const pending = slow.post('/slow', {});
    await started; // it has loaded the live session
    assert.equal((await client.post('/logout', {})).status, 204);
    release();
    assert.equal(await (await pending).text(), 'signed in');
    const written = [...store.blobs.values()].filter((blob) => blob.cart === 'a book');
    assert.equal(written.length, 1, '@fastify/session wrote the signed-in blob back');
    assert.ok(written[0].sessionSecurity);
    const replay = new Client(base);
    replay.cookie = cookie;
    assert.deepEqual((await replay.ping('0')).body, { status: 'logout' });
    assert.equal(await (await replay.get('/page')).text(), 'nobody');
  });

  test('the newest sign-in wins (sessionLimit 1): the open stream of the older one hears `replaced` at once', async () => {
    const older = await signedIn('eve');
    const stream = await fetch(`${base}/session/events`, { headers: { Cookie: older.cookie, Accept: 'text/event-stream' } });
    assert.equal(stream.status, 200);
    assert.match(stream.headers.get('content-type') ?? '', /^text\/event-stream/);
    assert.equal(stream.headers.get('cache-control'), 'no-store');
    const body = stream.text(); // ends when the server closes the stream
    await signedIn('eve');
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
    const report = await check({ url: `${base}/session/ping`, login: () => signInCookie(base), page: '/page', events: '/session/events', slow: true });
    const problems = report.results.filter((result) => result.status !== 'pass').map((result) => result.id);
    assert.deepEqual(problems, [], formatHuman(report));
    assert.equal(report.results.length, 28, formatHuman(report));
  });
});
