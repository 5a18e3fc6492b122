/** createSessionSecurity used directly, as an app would: options, per-user times, passive requests. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSessionSecurity, parseIdleFor, type SessionSecurity } from '../../src/server/index.js';
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
    assert.deepEqual(
      { ...(await ping()), user: undefined, csrfToken: undefined },
      { idleFor: 300, warnAfter: 780, expireAfter: 900, user: undefined, csrfToken: undefined },
    );
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
