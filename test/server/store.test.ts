/** SessionStore alone: sweeping off the sign-in path, on a timer, in bounded steps; the absolute lifetime. */
import { afterEach, describe, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { SessionStore, createSessionSecurity } from '../../src/server/index.js';
import { Clock } from './helpers.js';

const TIMES = { warnAfter: 30, expireAfter: 60 };

describe('SessionStore sweeping', () => {
  afterEach(() => mock.timers.reset());

  test('a sign-in does not scan the other sessions (its cost must not grow with them)', () => {
    const clock = new Clock();
    const store = new SessionStore(clock.now);
    store.create('alice', TIMES);
    clock.advance(TIMES.expireAfter);
    store.create('bob', TIMES);
    assert.equal(store.size, 2, 'the expired session is still in memory: no sweep ran');
  });

  test('the sweep timer drops expired sessions, and only those', () => {
    mock.timers.enable({ apis: ['setInterval'] });
    const clock = new Clock();
    const security = createSessionSecurity({ ...TIMES, now: clock.now, sweepEvery: 30 });
    try {
      security.store.create('alice', TIMES);
      clock.advance(TIMES.expireAfter);
      const live = security.store.create('bob', TIMES);
      mock.timers.tick(29_999);
      assert.equal(security.store.size, 2, 'not before sweepEvery');
      mock.timers.tick(1);
      assert.equal(security.store.size, 1);
      assert.equal(security.store.get(live.id), live);
    } finally {
      security.close();
    }
  });

  test('close() stops the sweep timer', () => {
    mock.timers.enable({ apis: ['setInterval'] });
    const clock = new Clock();
    const security = createSessionSecurity({ ...TIMES, now: clock.now, sweepEvery: 30 });
    security.store.create('alice', TIMES);
    clock.advance(TIMES.expireAfter);
    security.close();
    mock.timers.tick(60_000);
    assert.equal(security.store.size, 1);
  });

  test('each sweep looks at a bounded number of sessions and the next one goes on from there', () => {
    const clock = new Clock();
    const store = new SessionStore(clock.now);
    for (let i = 0; i < 25; i++) store.create(`user${i}`, TIMES);
    clock.advance(TIMES.expireAfter);
    assert.equal(store.sweep(10), 10);
    assert.equal(store.size, 15);
    assert.equal(store.sweep(10), 10);
    assert.equal(store.sweep(10), 5, 'the end of a pass');
    assert.equal(store.size, 0);
  });

  test('a session created after a pass began is still seen by that pass or the next', () => {
    const clock = new Clock();
    const store = new SessionStore(clock.now);
    for (let i = 0; i < 3; i++) store.create(`user${i}`, TIMES);
    store.sweep(2);
    store.create('late', TIMES);
    clock.advance(TIMES.expireAfter);
    store.sweep(10);
    store.sweep(10);
    assert.equal(store.size, 0);
  });

  test('sweepEvery must be whole positive seconds', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) assert.throws(() => createSessionSecurity({ ...TIMES, sweepEvery: bad }), TypeError, String(bad));
  });
});

describe('SessionStore absolute lifetime', () => {
  test('a session past its lifetime is expired however recent its activity', () => {
    const clock = new Clock();
    const store = new SessionStore(clock.now);
    const session = store.create('alice', TIMES, 100);
    clock.advance(99);
    store.touch(session);
    assert.equal(store.expired(session), false);
    clock.advance(1);
    store.touch(session);
    assert.equal(store.expired(session), true);
  });

  test('without a lifetime only idleness ends a session', () => {
    const clock = new Clock();
    const store = new SessionStore(clock.now);
    const session = store.create('alice', TIMES);
    for (let hour = 0; hour < 48; hour++) {
      clock.advance(3600);
      store.touch(session);
    }
    assert.equal(store.expired(session), false);
  });
});
