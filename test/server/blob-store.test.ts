/** The demo's in-memory session blobs go once abandoned (demo/blob-store.ts); a fake clock, no waits. */
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { SessionData } from 'express-session';
import { ExpiringMemoryStore } from '../../demo/blob-store.js';
import { Client, Clock, EXPIRE_AFTER, startTestDemo, type Demo } from './helpers.js';

const blob = (user: string) => ({ cookie: { originalMaxAge: null }, user }) as unknown as SessionData;
const call = <T>(run: (done: (error: unknown, value?: T) => void) => void) => new Promise<T | undefined>((resolve, reject) => run((error, value) => (error ? reject(error) : resolve(value))));
const read = (store: ExpiringMemoryStore, id: string) => call<SessionData | null>((done) => store.get(id, done));

describe('ExpiringMemoryStore', () => {
  // Each test: a fresh store with a 10 s TTL on a clock of its own, its sweep stopped after.
  let clock: Clock;
  let store: ExpiringMemoryStore;
  beforeEach(() => {
    clock = new Clock();
    store = new ExpiringMemoryStore(10_000, clock.now);
  });
  afterEach(() => store.close());

  test('a blob untouched for the TTL goes at the sweep; a touched one stays', async () => {
    await call((done) => store.set('abandoned', blob('alice'), done));
    await call((done) => store.set('open', blob('bob'), done));
    clock.advance(6);
    await call((done) => store.touch('open', blob('bob'), done));
    clock.advance(4);
    assert.equal(store.prune(), 1);
    assert.equal(store.size, 1);
    assert.equal(await read(store, 'abandoned'), null);
    assert.equal(((await read(store, 'open')) as unknown as { user: string }).user, 'bob');
    clock.advance(6);
    assert.equal(store.prune(), 1);
    assert.equal(store.size, 0);
  });

  test('past its deadline a blob reads as none even before the sweep, and a late touch does not bring it back', async () => {
    await call((done) => store.set('late', blob('alice'), done));
    clock.advance(10);
    await call((done) => store.touch('late', blob('alice'), done));
    assert.equal(await read(store, 'late'), null);
    assert.equal(store.size, 0);
  });

  test('a sweep visits only the blobs that go: 10 000 live blobs, one expired, one step', async () => {
    await call((done) => store.set('old', blob('alice'), done));
    clock.advance(5);
    for (let i = 0; i < 10_000; i++) await call((done) => store.set(`s${i}`, blob('bob'), done));
    clock.advance(5);
    assert.equal(store.prune(), 1);
    assert.equal(store.size, 10_000);
  });

  test('a TTL that is not whole positive milliseconds is refused', () => {
    assert.throws(() => new ExpiringMemoryStore(0), /ttlMs \(0\)/);
    assert.throws(() => new ExpiringMemoryStore(1.5), /ttlMs \(1.5\)/);
  });
});

describe('the demo without Redis', () => {
  let demo: Demo;
  before(async () => (demo = await startTestDemo()));
  after(() => demo.close());

  test("an abandoned session's blob goes after the longest expireAfter and a minute; one whose page pings stays", async () => {
    const blobs = demo.server.blobs!;
    const abandoned = new Client(demo.base);
    const open = new Client(demo.base);
    await abandoned.signIn();
    await open.signIn();
    const held = blobs.size;
    assert.ok(held >= 2, `${held} blobs`);
    // The open page reports activity every 30 s; the other browser was closed.
    const ttl = 2 * EXPIRE_AFTER + 60;
    for (let t = 0; t < ttl; t += 30) {
      demo.clock.advance(30);
      assert.equal(((await open.ping('0')).body as { idleFor?: unknown }).idleFor, 0);
    }
    demo.clock.advance(1);
    assert.ok(blobs.prune() >= 1);
    assert.equal(blobs.size, held - 1);
    assert.equal(((await open.ping('0')).body as { idleFor?: unknown }).idleFor, 0, 'the open session lives on');
    assert.deepEqual((await abandoned.ping()).body, { status: 'logout' }, 'the abandoned one is gone');
  });
});
