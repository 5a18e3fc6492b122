/**
 * sessionSecurity on a real Express 5 app with express-session, mounted as the README
 * shows: the ping protocol, and no revival by a request in flight during sign-out.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import session from 'express-session';
import { sessionSecurity } from '../../src/server/express-session.js';
import { Client, Clock } from './helpers.js';

describe('sessionSecurity on Express + express-session', () => {
  const clock = new Clock();
  let server: Server;
  let base: string;
  let release: () => void = () => {};
  let slowStarted: () => void = () => {};
  const blobs = new session.MemoryStore();
  const storedBlobs = () => new Promise<Record<string, unknown>[]>((done) => blobs.all((_error, all) => done(Object.values(all ?? {}) as unknown as Record<string, unknown>[])));

  before(async () => {
    const app = express();
    app.use(session({ name: 'sid', secret: 'test secret', store: blobs, resave: false, saveUninitialized: false, cookie: { sameSite: 'lax' } }));
    const security = sessionSecurity({ warnAfter: 30, expireAfter: 60, cookieName: 'sid', secure: false, now: clock.now });
    app.get(security.pingPath, security.ping);
    app.use(security.middleware);
    app.post('/login', async (req, res) => {
      await security.login(req, res, 'alice');
      res.sendStatus(204);
    });
    app.post('/logout', async (req, res) => {
      await security.logout(req, res);
      res.sendStatus(204);
    });
    // Loads the session, waits, then changes it: express-session writes it back at the end.
    app.post('/slow', async (req, res) => {
      slowStarted();
      await new Promise<void>((done) => (release = done));
      (req.session as unknown as { cart: string }).cart = 'a book'; // a change: express-session saves the blob
      res.send(security.current(req) ? 'signed in' : 'nobody');
    });
    app.get('/page', (req, res) => {
      res.send(security.current(req)?.user ?? 'nobody');
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((done) => server.once('listening', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((done) => server.close(() => done())));

  async function signedIn(): Promise<Client> {
    const client = new Client(base);
    assert.equal((await client.post('/login', {})).status, 204);
    assert.match(client.cookie, /^sid=/);
    return client;
  }

  test('pings follow the protocol: merge forward, the ping is not activity, expiry first', async () => {
    const client = await signedIn();
    clock.advance(20);
    assert.equal(((await client.ping('5')).body as { idleFor: number }).idleFor, 5);
    clock.advance(10);
    assert.equal(((await client.ping('50')).body as { idleFor: number }).idleFor, 15);
    assert.equal((await client.get('/page')).status, 200); // activity
    assert.equal(((await client.ping()).body as { idleFor: number }).idleFor, 0);
    clock.advance(60);
    assert.deepEqual((await client.ping('0')).body, { status: 'logout', reason: 'expired' });
    assert.equal(client.cookie, '', 'cookie cleared');
  });

  test('the answer carries the times, an opaque user and the CSRF token', async () => {
    const client = await signedIn();
    const { response, body } = await client.ping('0');
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const answer = body as Record<string, unknown>;
    assert.deepEqual(Object.keys(answer).sort(), ['csrfToken', 'expireAfter', 'idleFor', 'user', 'warnAfter']);
    assert.doesNotMatch(String(answer.user), /alice/);
    assert.equal((await client.ping('0', false)).body, 0, 'without the header: the plain integer');
  });

  test('a request in flight during sign-out writes the blob back, and still cannot revive the session', async () => {
    const client = await signedIn();
    const cookie = client.cookie;
    const started = new Promise<void>((done) => (slowStarted = done));
    const slow = new Client(base);
    slow.cookie = cookie;
    const pending = slow.post('/slow', {});
    await started; // it has loaded the live session
    assert.equal((await client.post('/logout', {})).status, 204);
    release();
    assert.equal(await (await pending).text(), 'signed in');
    const written = (await storedBlobs()).filter((blob) => blob.cart === 'a book');
    assert.equal(written.length, 1, 'express-session wrote the signed-in blob back');
    assert.ok(written[0].sessionSecurity);
    const replay = new Client(base);
    replay.cookie = cookie;
    assert.deepEqual((await replay.ping('0')).body, { status: 'logout' });
    assert.equal(await (await replay.get('/page')).text(), 'nobody');
  });
});

describe("keepAfterExpiry: the app's own session data comes back to the same user only", () => {
  const clock = new Clock();
  let server: Server;
  let base: string;

  before(async () => {
    const app = express();
    app.use(session({ name: 'sid', secret: 'test secret', resave: false, saveUninitialized: false }));
    const security = sessionSecurity({ warnAfter: 30, expireAfter: 60, cookieName: 'sid', secure: false, now: clock.now, keepAfterExpiry: { seconds: 600 } });
    app.get(security.pingPath, security.ping);
    app.use(security.middleware);
    type AppData = { cart?: string; passport?: unknown };
    app.post('/login/:user', async (req, res) => {
      await security.login(req, res, req.params.user);
      res.json(req.session as AppData);
    });
    app.post('/logout', async (req, res) => {
      await security.logout(req, res);
      res.sendStatus(204);
    });
    app.post('/cart/:item', (req, res) => {
      if (!security.current(req)) return void res.sendStatus(401);
      Object.assign(req.session, { cart: req.params.item, passport: { user: 'x' } });
      res.sendStatus(204);
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((done) => server.once('listening', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((done) => server.close(() => done())));

  async function signIn(user: string, client = new Client(base)): Promise<{ client: Client; data: Record<string, unknown> }> {
    const response = await client.post(`/login/${user}`, {});
    return { client, data: (await response.json()) as Record<string, unknown> };
  }

  /** A session of `user` with a cart, left idle until its expiry is noticed. */
  async function expiredWithCart(user: string, item: string): Promise<void> {
    const { client } = await signIn(user);
    assert.equal((await client.post(`/cart/${item}`, {})).status, 204);
    clock.advance(60);
    assert.deepEqual((await client.ping('0')).body, { status: 'logout', reason: 'expired' });
  }

  test('after expiry the same user gets the cart back at sign-in, once, without the authentication keys', async () => {
    await expiredWithCart('ann', 'book');
    const { data } = await signIn('ann');
    assert.equal(data.cart, 'book');
    assert.equal(data.passport, undefined, 'authentication state never comes back');
    assert.equal((await signIn('ann')).data.cart, undefined, 'handed back once');
  });

  test('never to another user, even in the same browser', async () => {
    await expiredWithCart('ben', 'lamp');
    const browser = new Client(base);
    assert.equal((await signIn('eve', browser)).data.cart, undefined);
    assert.equal((await signIn('ben', browser)).data.cart, 'lamp');
  });

  test('kept for a limited time only', async () => {
    await expiredWithCart('cal', 'pen');
    clock.advance(601);
    assert.equal((await signIn('cal')).data.cart, undefined);
  });

  test('a sign-out keeps nothing', async () => {
    const { client } = await signIn('dee');
    await client.post('/cart/cup', {});
    await client.post('/logout', {});
    assert.equal((await signIn('dee')).data.cart, undefined);
  });
});

describe('without keepAfterExpiry nothing is kept', () => {
  test('an expired session with data: the next sign-in starts empty', async () => {
    const clock = new Clock();
    const app = express();
    app.use(session({ name: 'sid', secret: 'test secret', resave: false, saveUninitialized: false }));
    const security = sessionSecurity({ warnAfter: 30, expireAfter: 60, cookieName: 'sid', secure: false, now: clock.now });
    app.get(security.pingPath, security.ping);
    app.use(security.middleware);
    app.post('/login', async (req, res) => {
      await security.login(req, res, 'ann');
      res.json(req.session);
    });
    app.post('/cart', (req, res) => {
      (req.session as unknown as { cart: string }).cart = 'book';
      res.sendStatus(204);
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((done) => server.once('listening', done));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const client = new Client(base);
      await client.post('/login', {});
      await client.post('/cart', {});
      clock.advance(60);
      assert.deepEqual((await client.ping('0')).body, { status: 'logout', reason: 'expired' });
      const again = (await (await new Client(base).post('/login', {})).json()) as { cart?: string };
      assert.equal(again.cart, undefined);
    } finally {
      await new Promise<void>((done) => server.close(() => done()));
    }
  });
});
