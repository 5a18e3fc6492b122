/** The session events stream (revocation push): one process in memory, two on Redis. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, startTestDemo, type Demo } from './helpers.js';
import { twoDemosOnRedis } from './redis-harness.js';

/** An open stream: resolves once the server has registered it (its first comment arrived). */
async function openEvents(base: string, cookie: string): Promise<{ response: Response; rest: Promise<string>; first: string }> {
  const response = await fetch(`${base}/session/events`, { headers: { Cookie: cookie, Accept: 'text/event-stream' } });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const first = decoder.decode((await reader.read()).value);
  const rest = (async () => {
    let text = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += decoder.decode(chunk.value);
    return text;
  })();
  return { response, rest, first };
}

describe('session events, one process', () => {
  let demo: Demo;
  before(async () => (demo = await startTestDemo({ sessionLimit: 1 })));
  after(() => demo.close());

  test('a revoked session hears it on its open streams at once, with the reason, as the ping says it', async () => {
    const client = new Client(demo.base);
    await client.signIn('bob');
    const tabs = await Promise.all([openEvents(demo.base, client.cookie), openEvents(demo.base, client.cookie)]);
    for (const { response, first } of tabs) {
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
      assert.equal(response.headers.get('cache-control'), 'no-store');
      assert.match(first, /^retry: \d+\n/);
    }
    assert.equal(demo.server.security.streams.size, 2);
    const [session] = await demo.server.security.sessions('bob');
    assert.equal(await demo.server.security.revoke(session.handle), true);
    for (const { rest } of tabs) assert.equal(await rest, 'event: logout\ndata: {"status":"logout","reason":"revoked"}\n\n');
    assert.deepEqual((await client.ping('0')).body, { status: 'logout', reason: 'revoked' });
    assert.equal(demo.server.security.streams.size, 0);
  });

  test('a sign-in elsewhere that replaces the session is pushed as replaced', async () => {
    const laptop = new Client(demo.base);
    await laptop.signIn();
    const stream = await openEvents(demo.base, laptop.cookie);
    await new Client(demo.base).signIn();
    assert.equal(await stream.rest, 'event: logout\ndata: {"status":"logout","reason":"replaced"}\n\n');
  });

  test('without a live session the stream says logout at once and closes', async () => {
    const stranger = await openEvents(demo.base, 'session_security=nothing');
    assert.equal(stranger.first + (await stranger.rest), 'event: logout\ndata: {"status":"logout"}\n\n');
  });

  test('an open stream is not activity', async () => {
    const client = new Client(demo.base);
    await client.signIn('bob');
    demo.clock.advance(10);
    const stream = await openEvents(demo.base, client.cookie);
    assert.equal(((await client.ping()).body as { idleFor: number }).idleFor, 10);
    await client.post('/logout', { csrfmiddlewaretoken: await client.csrfToken() });
    assert.equal(await stream.rest, 'event: logout\ndata: {"status":"logout"}\n\n');
  });

  test('only GET', async () => {
    const response = await fetch(`${demo.base}/session/events`, { method: 'POST' });
    assert.equal(response.status, 405);
    await response.arrayBuffer();
  });
});

describe('session events across two processes on Redis', () => {
  const demos = twoDemosOnRedis();

  test('sign out everywhere through one process reaches the streams the other holds', async () => {
    const client = new Client(demos.a.base);
    await client.signIn();
    const onB = await openEvents(demos.b.base, client.cookie);
    const onA = await openEvents(demos.a.base, client.cookie);
    assert.equal((await client.post('/sessions/revoke-all', { csrfmiddlewaretoken: await client.csrfToken() })).status, 303);
    for (const stream of [onA, onB]) assert.equal(await stream.rest, 'event: logout\ndata: {"status":"logout","reason":"revoked"}\n\n');
  });
});
