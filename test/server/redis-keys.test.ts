/**
 * Key naming for Redis Cluster: every script that touches several keys touches keys of
 * one hash slot, because they share a hash tag (`{session id}` or `{user}`). Checked on a
 * client that records the calls; the scripts themselves run on a real redis-server in
 * redis.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RedisActivityStore } from '../../src/server/redis-activity.js';
import { RedisSessionLog, type LogEntry } from '../../src/server/session-log.js';
import { RedisKeptData } from '../../src/server/kept-data.js';

/** Redis Cluster's rule: the part between the first `{` and the next `}`, when not empty; else the whole key. */
function hashTag(key: string): string {
  const open = key.indexOf('{');
  const close = open < 0 ? -1 : key.indexOf('}', open + 1);
  return close > open + 1 ? key.slice(open + 1, close) : key;
}

const entry = (handle: string, start: number): LogEntry => ({ handle, id: `id-${handle}`, user: 'ann@example.com', start, expireAfter: 60 });

/** Records every eval's keys; answers a log read with two entries (so that a limit of 1 drops one). */
function recorder() {
  const calls: string[][] = [];
  return {
    calls,
    client: {
      async eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown> {
        calls.push(options.keys);
        if (script.includes('ZREVRANGE')) return [JSON.stringify(entry('h2', 2)), JSON.stringify(entry('h1', 1))];
        if (script.includes('PTTL')) return 1000;
        return 1;
      },
    },
  };
}

test("a session's activity keys share its id as hash tag: start, activity, end and reason on one slot", async () => {
  const { calls, client } = recorder();
  const store = new RedisActivityStore(client, { prefix: 'app:' });
  await store.start('s1d', 60_000);
  await store.activity('s1d', 60_000, 0);
  await store.end('s1d', 'revoked');
  await store.reason('s1d');
  assert.deepEqual(store.keys('s1d'), ['app:act:{s1d}', 'app:end:{s1d}']);
  assert.ok(calls.some((keys) => keys.length === 2));
  for (const keys of calls) assert.deepEqual(new Set(keys.map(hashTag)), new Set(['s1d']), keys.join(' '));
});

test("a user's log keys share the user as hash tag; the handle key stands alone in calls of its own", async () => {
  const { calls, client } = recorder();
  const log = new RedisSessionLog(client, 'app:');
  await log.open(entry('h3', 3), 1); // a limit of 1: the older entries are dropped
  await log.close('ann@example.com', 'h3', 'revoked', 4);
  await log.entries('ann@example.com');
  await log.userOf('h3');
  const user = encodeURIComponent('ann@example.com');
  assert.deepEqual(log.userKeys('ann@example.com'), [`app:log:{${user}}`, `app:logorder:{${user}}`]);
  assert.equal(log.handleKey('h3'), 'app:handle:h3');
  assert.ok(calls.filter((keys) => keys.length === 2).length >= 3, 'open, drop, close and read use both user keys');
  for (const keys of calls) assert.equal(new Set(keys.map(hashTag)).size, 1, `one slot: ${keys.join(' ')}`);
  // Braces in a user name are encoded: they cannot end the tag early or start another.
  assert.deepEqual(log.userKeys('a}b{c').map(hashTag), ['a%7Db%7Bc', 'a%7Db%7Bc']);
});

test("kept data is under the user's hash tag too", async () => {
  const { calls, client } = recorder();
  const kept = new RedisKeptData(client, 'app:');
  await kept.keep('ann', '{}', 1000);
  await kept.take('ann');
  assert.deepEqual(calls, [['app:kept:{ann}'], ['app:kept:{ann}']]);
});
