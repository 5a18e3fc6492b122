/**
 * sessionSecurity on a real Express 5 app with express-session, mounted as the README
 * shows: the essentials every adapter shares (adapter-essentials.ts), and keepAfterExpiry.
 */
import { describe, test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import session from 'express-session';
import { sessionSecurity } from '../../src/server/express-session.js';
import { Client, Clock } from './helpers.js';
import { Hold, InspectableStore, adapterEssentials } from './adapter-essentials.js';

/** `app` on a free loopback port. */
async function serve(app: Express): Promise<{ base: string; close(): Promise<void> }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((done) => server.once('listening', done));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

describe('sessionSecurity on Express + express-session', () => {
  adapterEssentials('express-session', async () => {
    const clock = new Clock();
    const store = new InspectableStore();
    const hold = new Hold();
    const app = express();
    app.use(session({ name: 'sid', secret: 'test secret', store, resave: false, saveUninitialized: false, cookie: { sameSite: 'lax' } }));
    const security = sessionSecurity({ warnAfter: 30, expireAfter: 60, cookieName: 'sid', secure: false, now: clock.now });
    app.get(security.pingPath, security.ping);
    app.use(security.middleware);
    app.post('/login/:user', async (req, res) => {
      await security.login(req, res, req.params.user);
      res.sendStatus(204);
    });
    app.post('/logout', async (req, res) => {
      await security.logout(req, res);
      res.sendStatus(204);
    });
    app.post('/slow', async (req, res) => {
      await hold.wait();
      (req.session as unknown as { cart: string }).cart = 'a book'; // a change: express-session saves the blob
      res.send(security.current(req) ? 'signed in' : 'nobody');
    });
    app.get('/page', (req, res) => {
      res.send(security.current(req)?.user ?? 'nobody');
    });
    return { clock, store, hold, ...(await serve(app)) };
  });
});

describe("keepAfterExpiry: the app's own session data comes back to the same user only", () => {
  const clock = new Clock();
  let server: { base: string; close(): Promise<void> };

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
    server = await serve(app);
  });
  after(() => server.close());

  async function signIn(user: string, client = new Client(server.base)): Promise<{ client: Client; data: Record<string, unknown> }> {
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
    const browser = new Client(server.base);
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
    const { base, close } = await serve(app);
    try {
      const client = new Client(base);
      await client.post('/login', {});
      await client.post('/cart', {});
      clock.advance(60);
      assert.deepEqual((await client.ping('0')).body, { status: 'logout', reason: 'expired' });
      const again = (await (await new Client(base).post('/login', {})).json()) as { cart?: string };
      assert.equal(again.cart, undefined);
    } finally {
      await close();
    }
  });
});
