/** django-expire's policies on the demo (memory stores, fake clock): session limit, log, per-user policy, revocation. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, EXPIRE_AFTER, WARN_AFTER, startTestDemo, type Demo } from './helpers.js';

async function signedIn(demo: Demo, user = 'alice'): Promise<Client> {
  const client = new Client(demo.base);
  assert.equal((await client.signIn(user)).status, 303);
  return client;
}

describe('concurrent-session limit 1', () => {
  let demo: Demo;
  before(async () => (demo = await startTestDemo({ sessionLimit: 1 })));
  after(() => demo.close());

  test('the newest sign-in wins; the older session ends as replaced, its page too', async () => {
    const laptop = await signedIn(demo);
    const phone = await signedIn(demo);
    const other = await signedIn(demo, 'bob'); // another user's sessions are not counted
    assert.deepEqual((await laptop.ping('0')).body, { status: 'logout', reason: 'replaced' });
    assert.equal(typeof ((await phone.ping('0')).body as { idleFor?: unknown }).idleFor, 'number');
    assert.equal(typeof ((await other.ping('0')).body as { idleFor?: unknown }).idleFor, 'number');
    const sessions = await demo.server.security.sessions('alice');
    assert.deepEqual(
      sessions.map(({ live, reason }) => [live, reason]),
      [
        [true, undefined],
        [false, 'replaced'],
      ],
    );
  });
});

describe('session log, policy hook and revocation', () => {
  let demo: Demo;
  before(async () => (demo = await startTestDemo()));
  after(() => demo.close());

  test('the log keeps user, start, last activity, end and why, IP address and user agent', async () => {
    const start = demo.clock.time;
    const first = await signedIn(demo, 'bob');
    await first.post('/logout', { csrfmiddlewaretoken: await first.csrfToken() });
    const second = await signedIn(demo, 'bob');
    demo.clock.advance(EXPIRE_AFTER);
    assert.deepEqual((await second.ping('0')).body, { status: 'logout', reason: 'expired' });
    const third = await signedIn(demo, 'bob');
    demo.clock.advance(7);
    const [live, expired, signedOut] = await demo.server.security.sessions('bob');
    assert.equal(live.live, true);
    assert.equal(live.idleFor, 7);
    assert.deepEqual([expired.live, expired.reason, signedOut.reason], [false, 'expired', 'signed-out']);
    assert.equal(signedOut.user, 'bob');
    assert.equal(signedOut.start, start);
    assert.equal(signedOut.ip, '127.0.0.1');
    assert.equal(typeof signedOut.userAgent, 'string');
    assert.ok(!('id' in signedOut), 'the log never hands out session ids');
    assert.equal(typeof ((await third.ping('0')).body as { idleFor?: unknown }).idleFor, 'number');
  });

  test('the policy hook gives carol longer timeouts, in her ping answers and her page', async () => {
    const carol = await signedIn(demo, 'carol');
    const answer = (await carol.ping('0')).body as { warnAfter: number; expireAfter: number };
    assert.deepEqual([answer.warnAfter, answer.expireAfter], [WARN_AFTER * 2, EXPIRE_AFTER * 2]);
    demo.clock.advance(EXPIRE_AFTER);
    assert.equal(((await carol.ping()).body as { idleFor: number }).idleFor, EXPIRE_AFTER, 'alive past the default expiry');
    const alice = (await (await signedIn(demo)).ping('0')).body as { expireAfter: number };
    assert.equal(alice.expireAfter, EXPIRE_AFTER);
  });

  test("the page lists the user's sessions, escaped, and ends one of them", async () => {
    const tablet = new Client(demo.base);
    await tablet.request('/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: demo.base, 'User-Agent': '<b>Tablet</b>' },
      body: 'username=alice&password=alice',
    });
    const desk = await signedIn(demo);
    const page = await (await desk.get('/')).text();
    assert.match(page, /&lt;b&gt;Tablet&lt;\/b&gt;/);
    assert.doesNotMatch(page, /<b>Tablet/);
    assert.match(page, /Sign out everywhere/);
    const [, tabletInfo] = (await demo.server.security.sessions('alice')).filter((info) => info.live);
    assert.equal(tabletInfo.userAgent, '<b>Tablet</b>');
    const token = await desk.csrfToken();
    assert.equal((await desk.post('/sessions/revoke', { csrfmiddlewaretoken: token, handle: tabletInfo.handle })).status, 303);
    assert.deepEqual((await tablet.ping('0')).body, { status: 'logout', reason: 'revoked' });
    assert.equal((await desk.get('/')).status, 200, 'the other session lives on');
  });

  test("a handle of another user's session is refused, and the CSRF token is required", async () => {
    const bob = await signedIn(demo, 'bob');
    const [bobs] = await demo.server.security.sessions('bob');
    const alice = await signedIn(demo);
    assert.equal((await alice.post('/sessions/revoke', { csrfmiddlewaretoken: await alice.csrfToken(), handle: bobs.handle })).status, 404);
    assert.equal((await alice.post('/sessions/revoke-all', { csrfmiddlewaretoken: 'wrong' })).status, 403);
    assert.equal(typeof ((await bob.ping('0')).body as { idleFor?: unknown }).idleFor, 'number');
  });

  test('sign out everywhere ends every session of the user, with reason revoked', async () => {
    const phone = await signedIn(demo);
    const desk = await signedIn(demo);
    const bob = await signedIn(demo, 'bob');
    const response = await desk.post('/sessions/revoke-all', { csrfmiddlewaretoken: await desk.csrfToken() });
    assert.equal(response.headers.get('location'), '/login');
    for (const client of [phone, desk]) assert.deepEqual((await client.ping('0')).body, { status: 'logout', reason: 'revoked' });
    assert.equal((await demo.server.security.sessions('alice')).filter((info) => info.live).length, 0);
    assert.equal(typeof ((await bob.ping('0')).body as { idleFor?: unknown }).idleFor, 'number');
  });
});
