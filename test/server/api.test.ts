/** createSessionSecurity used directly, as an app would: options, per-user times, passive requests. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_ABSOLUTE_TIMEOUT, createSessionSecurity, parseIdleFor, samePath, type SessionSecurity, type SessionSecurityOptions } from '../../src/server/index.js';
import { Client, Clock } from './helpers.js';

describe('createSessionSecurity', () => {
  const clock = new Clock();
  let security: SessionSecurity;
  let server: Server;
  let base: string;

  before(async () => {
    security = createSessionSecurity({
      warnAfter: 100,
      expireAfter: 200,
      now: clock.now,
      pingPath: '/api/ping',
      secure: true,
      passive: (req) => req.url === '/poll',
    });
    // A bare node:http app: middleware first, then the routes.
    server = createServer((req, res) =>
      security.middleware(req, res, () => {
        if (req.url?.startsWith('/api/ping')) return security.ping(req, res);
        if (req.url === '/login-bob') security.login(req, res, 'bob', { warnAfter: 780, expireAfter: 900 });
        res.end(security.current(req)?.user ?? 'nobody');
      }),
    );
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    security.close();
    server.closeAllConnections();
    server.close();
  });

  test('refuses timeouts that make no sense', () => {
    assert.throws(() => createSessionSecurity({ warnAfter: 60, expireAfter: 60 }), TypeError);
    assert.throws(() => createSessionSecurity({ warnAfter: 0, expireAfter: 60 }), TypeError);
    assert.throws(() => createSessionSecurity({ warnAfter: 1.5, expireAfter: 60 }), TypeError);
    assert.throws(() => createSessionSecurity({ warnAfter: Number.NaN, expireAfter: 60 }), TypeError);
  });

  test('per-user timeouts reach the element through the ping answer, and expire the session', async () => {
    const client = new Client(base);
    assert.equal(await (await client.get('/login-bob')).text(), 'bob');
    assert.match(client.setCookies[0], /; Secure$/);
    clock.advance(300); // past the defaults, within bob's 900 s
    const ping = async () => (await (await client.get('/api/ping?idleFor=1000', { 'X-Requested-With': 'XMLHttpRequest' })).json()) as Record<string, unknown>;
    assert.deepEqual({ ...(await ping()), user: undefined, csrfToken: undefined }, { idleFor: 300, warnAfter: 780, expireAfter: 900, user: undefined, csrfToken: undefined });
    clock.advance(600);
    assert.deepEqual(await ping(), { status: 'logout', reason: 'expired' });
  });

  test('passive requests and the ping are not activity; others are', async () => {
    const client = new Client(base);
    await (await client.get('/login-bob')).text();
    clock.advance(50);
    assert.equal(await (await client.get('/poll')).text(), 'bob');
    assert.equal(await (await client.get('/api/ping')).json(), 50);
    assert.equal(await (await client.get('/other')).text(), 'bob');
    assert.equal(await (await client.get('/api/ping')).json(), 0);
  });

  test('parseIdleFor accepts plain digits only', () => {
    assert.equal(parseIdleFor('0'), 0);
    assert.equal(parseIdleFor('42'), 42);
    assert.equal(parseIdleFor('007'), 7);
    for (const bad of [null, '', '-1', '1.0', '1e3', ' 1', '1 ', '+1', 'Infinity', 'NaN', '9'.repeat(16), '٣']) {
      assert.equal(parseIdleFor(bad), undefined, String(bad));
    }
  });
});

/**
 * A bare node:http app on the security defaults (plus `options`): /login signs alice in,
 * /logout signs out, the ping path (as `isPing` matches it) pings, anything else answers
 * who is signed in, or "expired" when the middleware just ended the session.
 */
async function startApp(options: Partial<SessionSecurityOptions> = {}) {
  const clock = new Clock();
  const security = createSessionSecurity({ warnAfter: 100, expireAfter: 200, now: clock.now, ...options });
  const server = createServer((req, res) =>
    security.middleware(req, res, () => {
      if (security.isPing(req)) return security.ping(req, res);
      if (req.url === '/login') security.login(req, res, 'alice');
      if (req.url === '/logout') security.logout(req, res);
      res.end(security.expired(req) ? 'expired' : (security.current(req)?.user ?? 'nobody'));
    }),
  );
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const client = new Client(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  const close = () => {
    security.close();
    server.closeAllConnections();
    server.close();
  };
  return { clock, security, client, close };
}

/** Runs `test` against a fresh app (startApp) with alice signed in, and closes the app after, whatever the outcome. */
async function signedInApp(options: Partial<SessionSecurityOptions>, test: (app: Awaited<ReturnType<typeof startApp>>) => Promise<void>): Promise<void> {
  const app = await startApp(options);
  try {
    await (await app.client.get('/login')).text();
    await test(app);
  } finally {
    app.close();
  }
}

const ELEMENT = { 'X-Requested-With': 'XMLHttpRequest' };
/** Idle timeouts longer than the default absolute lifetime, so that only the lifetime can end the session. */
const LONG_IDLE = { warnAfter: 80_000, expireAfter: 90_000 };

describe('createSessionSecurity defaults', () => {
  test('cookies are Secure unless turned off', async () => {
    await signedInApp({}, async (app) => {
      assert.match(app.client.setCookies[0], /; Secure$/);
    });
    await signedInApp({ secure: false }, async (plain) => {
      assert.doesNotMatch(plain.client.setCookies[0], /Secure/);
    });
  });

  test('signing out asks the browser to clear its cache (Clear-Site-Data, OWASP)', async () => {
    await signedInApp({}, async (app) => {
      const response = await app.client.get('/logout');
      assert.equal(response.headers.get('clear-site-data'), '"cache"');
      assert.equal(await response.text(), 'nobody');
      assert.match(app.client.setCookies.join('\n'), /Max-Age=0/);
    });
  });

  test('the absolute lifetime defaults to 12 hours', async () => {
    assert.equal(DEFAULT_ABSOLUTE_TIMEOUT, 12 * 3600);
    await signedInApp(LONG_IDLE, async (app) => {
      app.clock.advance(12 * 3600 - 1);
      assert.equal(await (await app.client.get('/page')).text(), 'alice');
      app.clock.advance(1); // one second of idleness, but 12 h after signing in
      assert.equal(await (await app.client.get('/page')).text(), 'expired');
    });
  });

  test('past absoluteTimeout the ping answers expired, however recent the activity', async () => {
    await signedInApp({ absoluteTimeout: 500 }, async (app) => {
      app.clock.advance(150);
      const ping = async () => (await (await app.client.get('/session/ping?idleFor=0', ELEMENT)).json()) as Record<string, unknown>;
      assert.equal((await ping()).idleFor, 0, 'the report of activity was merged');
      app.clock.advance(150);
      assert.equal((await ping()).idleFor, 0);
      app.clock.advance(150);
      assert.equal((await ping()).idleFor, 0);
      app.clock.advance(50); // 500 s after signing in, 50 s after the last activity
      assert.deepEqual(await ping(), { status: 'logout', reason: 'expired' });
      assert.match(app.client.setCookies.join('\n'), /Max-Age=0/);
      assert.equal(app.security.store.size, 0);
    });
  });

  test('past absoluteTimeout the middleware ends the session on a page request', async () => {
    await signedInApp({ absoluteTimeout: 500 }, async (app) => {
      app.clock.advance(150);
      assert.equal(await (await app.client.get('/page')).text(), 'alice');
      app.clock.advance(150);
      assert.equal(await (await app.client.get('/page')).text(), 'alice');
      app.clock.advance(150);
      assert.equal(await (await app.client.get('/page')).text(), 'alice');
      app.clock.advance(50);
      assert.equal(await (await app.client.get('/page')).text(), 'expired');
      assert.equal(app.client.cookie, '', 'cookie cleared');
      assert.equal(await (await app.client.get('/page')).text(), 'nobody');
    });
  });

  test('absoluteTimeout: false turns it off; nonsense is refused', async () => {
    await signedInApp({ ...LONG_IDLE, absoluteTimeout: false }, async (app) => {
      for (let day = 0; day < 3; day++) {
        app.clock.advance(20 * 3600);
        assert.equal(await (await app.client.get('/page')).text(), 'alice', `after ${day + 1} x 20 h`);
      }
    });
    for (const bad of [0, -1, 1.5, Number.NaN, Infinity]) {
      assert.throws(() => createSessionSecurity({ warnAfter: 100, expireAfter: 200, absoluteTimeout: bad }), TypeError, String(bad));
    }
  });

  test('the ping path is matched as routers match it: other spellings are not activity either', async () => {
    await signedInApp({}, async (app) => {
      app.clock.advance(50);
      for (const path of ['/session/ping/', '/Session/Ping', '/SESSION/PING/', '/session/ping/?idleFor=0']) {
        await (await app.client.get(path)).arrayBuffer();
      }
      assert.equal(await (await app.client.get('/session/ping')).json(), 50);
      await (await app.client.get('/session/pingx')).arrayBuffer(); // another path: activity
      assert.equal(await (await app.client.get('/session/ping')).json(), 0);
    });
  });

  test('samePath ignores case and one trailing slash, nothing else', () => {
    assert.ok(samePath('/session/ping/', '/session/ping'));
    assert.ok(samePath('/Session/Ping', '/session/ping'));
    assert.ok(samePath('/', '/'));
    assert.ok(!samePath('/session/ping//', '/session/ping'));
    assert.ok(!samePath('/session/pin', '/session/ping'));
    assert.ok(!samePath('/session', '/session/ping'));
  });
});
