/**
 * Two demo processes (real `node` processes) on one real redis-server share sessions,
 * activity and sign-out; Redis down makes pings fail and never extends a session.
 * Real time: the few waits are about a second each.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from './helpers.js';
import { RedisServer, startDemoProcess, twoDemosOnRedis, type DemoProcess } from './redis-harness.js';

const idleOf = async (client: Client, report?: string): Promise<unknown> => ((await client.ping(report)).body as { idleFor?: unknown }).idleFor;

/** One browser's cookie, sent to either process (a load balancer without sticky sessions). */
function sameBrowser(signedIn: Client, other: DemoProcess): Client {
  const client = new Client(other.base);
  client.cookie = signedIn.cookie;
  return client;
}

describe('two demo processes on Redis', () => {
  const demos = twoDemosOnRedis();

  async function signIn(): Promise<{ viaA: Client; viaB: Client }> {
    const viaA = new Client(demos.a.base);
    assert.equal((await viaA.signIn()).status, 303);
    return { viaA, viaB: sameBrowser(viaA, demos.b) };
  }

  test('a session signed in through one process is alive on the other, with the same user value', async () => {
    const { viaA, viaB } = await signIn();
    const fromA = (await viaA.ping('0')).body as Record<string, unknown>;
    const fromB = (await viaB.ping('0')).body as Record<string, unknown>;
    assert.equal(typeof fromB.idleFor, 'number');
    assert.equal(fromB.user, fromA.user);
    assert.equal(fromB.csrfToken, fromA.csrfToken);
    assert.equal((await viaB.get('/')).status, 200);
  });

  test("activity seen by one process is in the other's ping answers", async () => {
    const { viaA, viaB } = await signIn();
    await sleep(1100);
    assert.equal(await idleOf(viaB), 1);
    assert.equal((await viaA.get('/')).status, 200); // a page request: activity, on A
    assert.equal(await idleOf(viaB), 0);
  });

  test('five concurrent pings across both processes never lose the latest activity', async () => {
    const { viaA, viaB } = await signIn();
    await sleep(2100);
    // Five tabs report at once; the latest activity (0 s ago) must win, whatever the order.
    const reports = ['2', '0', '1', '2', '1'];
    await Promise.all(reports.map((report, tab) => (tab % 2 ? viaB : viaA).ping(report)));
    assert.equal(await idleOf(viaA), 0);
    assert.equal(await idleOf(viaB), 0);
  });

  test('signing out through one process ends the session for pings to the other', async () => {
    const { viaA, viaB } = await signIn();
    const token = await viaA.csrfToken();
    assert.equal((await viaA.post('/logout', { csrfmiddlewaretoken: token })).status, 303);
    assert.deepEqual((await viaB.ping('0')).body, { status: 'logout' });
    assert.equal((await viaB.get('/')).status, 303);
  });

  test('Redis down: pings fail with 5xx and extend nothing; back up, the same session answers again', async () => {
    const { viaA, viaB } = await signIn();
    await demos.redis.stop();
    try {
      for (const client of [viaA, viaB]) {
        const { response } = await client.ping('0');
        assert.equal(response.status, 503);
        assert.equal((await client.get('/')).status, 500);
      }
      await sleep(1100);
    } finally {
      await demos.redis.start();
    }
    let idle: unknown;
    for (let attempt = 0; attempt < 50 && typeof idle !== 'number'; attempt++) {
      idle = await idleOf(viaB).catch(() => undefined); // 503 while the client reconnects
      if (typeof idle !== 'number') await sleep(100);
    }
    // The reports of 0 s made during the outage were not merged: idle kept growing.
    assert.ok(typeof idle === 'number' && idle >= 1, `idle ${String(idle)}`);
    assert.equal((await viaA.get('/')).status, 200);
    assert.equal(await idleOf(viaB), 0);
    const fresh = new Client(demos.b.base);
    assert.equal((await fresh.signIn('bob')).status, 303);
    assert.equal((await fresh.get('/')).status, 200);
  });
});

describe('the demo on Redis', () => {
  test('refuses to start without SECRET, naming it', async () => {
    const redis = await RedisServer.start();
    try {
      await assert.rejects(startDemoProcess(redis, { SECRET: '' }), /SECRET is required with REDIS_URL/);
    } finally {
      await redis.close();
    }
  });
});

describe('policies across two processes on Redis (SESSION_LIMIT=1)', () => {
  const demos = twoDemosOnRedis({ SESSION_LIMIT: '1' });

  test('a sign-in through one process replaces the session signed in through the other', async () => {
    const laptop = new Client(demos.a.base);
    await laptop.signIn();
    const phone = new Client(demos.b.base);
    await phone.signIn();
    assert.deepEqual((await sameBrowser(laptop, demos.b).ping('0')).body, { status: 'logout', reason: 'replaced' });
    assert.equal((await phone.get('/')).status, 200);
    const page = await (await sameBrowser(phone, demos.a).get('/')).text();
    assert.match(page, /<td>replaced /, 'the log, read by the other process');
  });

  test('sign out everywhere through one process revokes the sessions the other serves', async () => {
    const bob = new Client(demos.a.base);
    await bob.signIn('bob');
    const token = await bob.csrfToken();
    assert.equal((await sameBrowser(bob, demos.b).post('/sessions/revoke-all', { csrfmiddlewaretoken: token })).status, 303);
    assert.deepEqual((await bob.ping('0')).body, { status: 'logout', reason: 'revoked' });
  });
});
