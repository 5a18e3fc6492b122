/** The server rules of PROTOCOL.md, against the real HTTP server with a fake clock. */
import { beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePingResponse } from '../../src/core/protocol.js';
import { Client, EXPIRE_AFTER, WARN_AFTER, serverIdle, useSignedInDemo, type Demo } from './helpers.js';

describe('ping', () => {
  const context = useSignedInDemo();
  let demo: Demo;
  let client: Client;
  beforeEach(() => ({ demo, client } = context));

  test('answers the extended object as uncacheable JSON', async () => {
    demo.clock.advance(7);
    const { response, body } = await client.ping('7');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.match(response.headers.get('content-type') ?? '', /^application\/json\b/);
    const answer = body as Record<string, unknown>;
    assert.deepEqual(Object.keys(answer).sort(), ['csrfToken', 'expireAfter', 'idleFor', 'user', 'warnAfter']);
    assert.equal(answer.idleFor, 7);
    assert.equal(answer.warnAfter, WARN_AFTER);
    assert.equal(answer.expireAfter, EXPIRE_AFTER);
    assert.equal(answer.csrfToken, await client.csrfToken());
  });

  test('the element parses the answer as intended', async () => {
    demo.clock.advance(4);
    const { response, body } = await client.ping('4');
    const parsed = parsePingResponse(response.status, false, JSON.stringify(body));
    assert.equal(parsed.kind, 'idle');
    assert.ok(parsed.kind === 'idle');
    assert.equal(parsed.idleFor, 4);
    assert.deepEqual(parsed.times, { warnAfter: WARN_AFTER, expireAfter: EXPIRE_AFTER });
    assert.equal(typeof parsed.user, 'string');
    assert.equal(typeof parsed.csrfToken, 'string');
  });

  test('the user value is opaque and stable per user', async () => {
    const alice = (await client.ping()).body as { user: string };
    const again = new Client(demo.base);
    await again.signIn('alice');
    const bob = new Client(demo.base);
    await bob.signIn('bob');
    assert.match(alice.user, /^[A-Za-z0-9_-]{43}$/);
    assert.doesNotMatch(alice.user, /alice/i);
    assert.equal(((await again.ping()).body as { user: string }).user, alice.user);
    assert.notEqual(((await bob.ping()).body as { user: string }).user, alice.user);
  });

  test('merges a more recent activity report', async () => {
    demo.clock.advance(20);
    assert.equal(((await client.ping('3')).body as { idleFor: number }).idleFor, 3);
    demo.clock.advance(2);
    assert.equal(await serverIdle(client), 5);
  });

  test('a future (negative) idleFor is not merged', async () => {
    demo.clock.advance(10);
    for (const forged of ['-100', '-1', '-0']) {
      const { response, body } = await client.ping(forged);
      assert.equal(response.status, 200, forged);
      assert.equal((body as { idleFor: number }).idleFor, 10, forged);
    }
  });

  test('garbage idleFor is answered but not merged', async () => {
    demo.clock.advance(10);
    for (const garbage of ['abc', '1e999', '', '1.5', '+3', ' 3', '0x0', '3abc', '99999999999999999999']) {
      const { response, body } = await client.ping(garbage);
      assert.equal(response.status, 200, JSON.stringify(garbage));
      assert.equal((body as { idleFor: number }).idleFor, 10, JSON.stringify(garbage));
    }
    const { body } = await client.ping(); // missing
    assert.equal((body as { idleFor: number }).idleFor, 10);
  });

  test('a larger idleFor never moves the last activity back', async () => {
    demo.clock.advance(10);
    await client.get('/'); // activity now
    demo.clock.advance(5);
    assert.equal(((await client.ping('100')).body as { idleFor: number }).idleFor, 5);
    assert.equal(((await client.ping('9999')).body as { idleFor: number }).idleFor, 5);
  });

  test('a ping without the X-Requested-With header merges nothing', async () => {
    demo.clock.advance(20);
    const { response, body } = await client.ping('0', false);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.equal(body, 20); // django-session-security's plain integer, no token
    const wrongValue = await client.get('/session/ping?idleFor=0', { 'X-Requested-With': 'fetch' });
    assert.equal(await wrongValue.json(), 20);
    assert.equal(await serverIdle(client), 20);
  });

  test('the ping itself is not activity', async () => {
    demo.clock.advance(10);
    assert.equal(((await client.ping('50')).body as { idleFor: number }).idleFor, 10);
    demo.clock.advance(10);
    assert.equal(((await client.ping('50')).body as { idleFor: number }).idleFor, 20);
    demo.clock.advance(10);
    assert.equal(await serverIdle(client), 30);
    assert.equal(await client.ping(undefined, false).then(({ body }) => body), 30);
  });

  test('expiry is checked before merging: an expired session stays gone', async () => {
    demo.clock.advance(EXPIRE_AFTER - 1);
    assert.equal(((await client.ping(String(EXPIRE_AFTER - 1))).body as { idleFor: number }).idleFor, EXPIRE_AFTER - 1);
    demo.clock.advance(1);
    const sessions = demo.server.security.store.size as number;
    const cookie = client.cookie;
    const { response, body } = await client.ping('0');
    assert.deepEqual(body, { status: 'logout', reason: 'expired' });
    assert.deepEqual(parsePingResponse(response.status, false, JSON.stringify(body)), { kind: 'logout', reason: 'expired' });
    assert.match(client.setCookies.join('\n'), /Max-Age=0/);
    assert.equal(demo.server.security.store.size, sessions - 1);
    client.cookie = cookie; // a browser that kept the old cookie gets no second chance
    assert.deepEqual((await client.ping('0')).body, { status: 'logout' });
    assert.equal((await client.get('/')).status, 303);
  });

  test('a ping without a session answers logout in both forms', async () => {
    const stranger = new Client(demo.base);
    assert.deepEqual((await stranger.ping('0')).body, { status: 'logout' });
    assert.equal((await stranger.ping('0', false)).body, 'logout');
    stranger.cookie = 'session_security=not-a-session';
    assert.deepEqual((await stranger.ping('0')).body, { status: 'logout' });
  });

  test('only GET and HEAD are answered', async () => {
    const response = await client.request('/session/ping?idleFor=0', { method: 'POST', headers: { 'X-Requested-With': 'XMLHttpRequest' } });
    assert.equal(response.status, 405);
    assert.equal(response.headers.get('allow'), 'GET, HEAD');
    await response.arrayBuffer();
  });
});
