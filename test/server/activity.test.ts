/** The memory activity store: deadlines only move forward, expiry comes before any merge. */
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryActivityStore } from '../../src/server/activity.js';
import { sessionSecurity } from '../../src/server/express-session.js';
import { RedisActivityStore } from '../../src/server/redis-activity.js';
import { RedisSessionLog } from '../../src/server/session-log.js';
import { RedisEndNotifier } from '../../src/server/session-events.js';
import { Clock } from './helpers.js';

const MINUTE = 60_000;

describe('MemoryActivityStore', () => {
  // Each test: a fresh store on a clock of its own, closed after.
  let clock: Clock;
  let store: MemoryActivityStore;
  beforeEach(() => {
    clock = new Clock();
    store = new MemoryActivityStore(clock.now);
  });
  afterEach(() => store.close());

  test('idle time grows with the clock; activity now resets it', async () => {
    await store.start('a', MINUTE);
    clock.advance(20);
    assert.equal(await store.activity('a', MINUTE), 20_000);
    assert.equal(await store.activity('a', MINUTE, 0), 0);
    clock.advance(5);
    assert.equal(await store.activity('a', MINUTE), 5_000);
  });

  test('a stale report never moves activity back', async () => {
    await store.start('a', MINUTE);
    clock.advance(30);
    assert.equal(await store.activity('a', MINUTE, 10_000), 10_000); // forward: activity 10 s ago
    assert.equal(await store.activity('a', MINUTE, 25_000), 10_000); // older than that: ignored
    assert.equal(await store.activity('a', MINUTE, 10 * MINUTE), 10_000);
  });

  test('an expired record stays gone whatever a late report says', async () => {
    await store.start('a', MINUTE);
    clock.advance(60);
    assert.equal(await store.activity('a', MINUTE, 0), undefined);
    assert.equal(await store.activity('a', MINUTE, 0), undefined);
    assert.equal(store.size, 0);
    assert.equal(await store.reason('a'), undefined, 'a plain expiry has no reason');
  });

  test('an ended session keeps its reason, and activity cannot revive it', async () => {
    await store.start('a', MINUTE);
    await store.end('a', 'revoked');
    assert.equal(await store.activity('a', MINUTE, 0), undefined);
    assert.equal(await store.reason('a'), 'revoked');
  });

  test('the sweep drops expired records only', async () => {
    await store.start('old', MINUTE);
    clock.advance(50);
    await store.start('new', MINUTE);
    clock.advance(10);
    assert.equal(store.sweep(), 2);
    assert.equal(store.size, 1);
    assert.equal(await store.activity('new', MINUTE), 10_000);
  });
});

describe('sessionSecurity options', () => {
  test('a shared store without a secret is a start-up error naming the option', async () => {
    const client = { eval: async () => null };
    const redis = new RedisActivityStore(client);
    assert.throws(() => sessionSecurity({ warnAfter: 30, expireAfter: 60, activity: redis }), /`secret` is required with a shared activity store/);
    assert.throws(() => sessionSecurity({ warnAfter: 30, expireAfter: 60, activity: redis, secret: 'a stable secret' }), /`log` and `activity` must both be shared/);
    const log = new RedisSessionLog(client);
    assert.throws(() => sessionSecurity({ warnAfter: 30, expireAfter: 60, activity: redis, log, secret: 'a stable secret' }), /`notifier` and `activity` must both be shared/);
    const notifier = await RedisEndNotifier.create(client, { subscribe: async () => {}, unsubscribe: async () => {} });
    assert.doesNotThrow(() => sessionSecurity({ warnAfter: 30, expireAfter: 60, activity: redis, log, notifier, secret: 'a stable secret' }));
  });

  test('bad times are a start-up error', () => {
    assert.throws(() => sessionSecurity({ warnAfter: 60, expireAfter: 60 }), /warnAfter \(60\) and expireAfter \(60\)/);
    assert.throws(() => sessionSecurity({ warnAfter: 30, expireAfter: 60, absoluteTimeout: 0 }), /absoluteTimeout/);
    assert.throws(() => sessionSecurity({ warnAfter: 30, expireAfter: 60, sessionLimit: -1 }), /sessionLimit \(-1\)/);
    assert.throws(() => sessionSecurity({ warnAfter: 30, expireAfter: 60, logLimit: 1.5 }), /logLimit \(1.5\)/);
  });
});
