/** The session log's contract, on memory and on a real redis-server: order, first end wins, per-user retention. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient } from 'redis';
import { MemorySessionLog, RedisSessionLog, type LogEntry, type SessionLog } from '../../src/server/session-log.js';
import { MemoryKeptData, RedisKeptData, type KeptDataStore } from '../../src/server/kept-data.js';
import { RedisServer } from './redis-harness.js';
import { setTimeout as sleep } from 'node:timers/promises';

function keptContract(name: string, make: () => KeptDataStore) {
  test(`${name} kept data: per user, taken once, gone after its time`, async () => {
    const kept = make();
    await kept.keep('ann', '{"cart":"book"}', 60_000);
    await kept.keep('ben', '{"cart":"old"}', 60_000);
    await kept.keep('ben', '{"cart":"new"}', 60_000);
    assert.equal(await kept.take('eve'), undefined);
    assert.equal(await kept.take('ann'), '{"cart":"book"}');
    assert.equal(await kept.take('ann'), undefined);
    assert.equal(await kept.take('ben'), '{"cart":"new"}', 'the latest expiry wins');
    await kept.keep('cal', '{}', 30);
    await sleep(60);
    assert.equal(await kept.take('cal'), undefined);
  });
}
keptContract('memory', () => new MemoryKeptData());

const entry = (user: string, n: number): LogEntry => ({ handle: `${user}-${n}`, id: `id-${user}-${n}`, user, start: 1_900_000_000_000 + n, expireAfter: 60, ip: '127.0.0.1', userAgent: 'test' });

function contract(name: string, make: () => SessionLog) {
  describe(`${name} session log`, () => {
    test('newest first; the first end recorded wins; users apart', async () => {
      const log = make();
      await log.open(entry('ann', 1), 0);
      await log.open(entry('ann', 2), 0);
      await log.open(entry('ben', 1), 0);
      assert.equal(await log.close('ann', 'ann-1', 'replaced', 5), true);
      assert.equal(await log.close('ann', 'ann-1', 'expired', 6), false);
      assert.equal(await log.close('ann', 'nope', 'expired', 6), false);
      const entries = await log.entries('ann');
      assert.deepEqual(
        entries.map((e) => [e.handle, e.reason, e.end]),
        [
          ['ann-2', undefined, undefined],
          ['ann-1', 'replaced', 5],
        ],
      );
      assert.deepEqual(entries[1], { ...entry('ann', 1), end: 5, reason: 'replaced' });
      assert.deepEqual(
        (await log.entries('ben')).map((e) => e.handle),
        ['ben-1'],
      );
      assert.equal(await log.userOf('ben-1'), 'ben');
    });

    test('retention: the oldest ended entries go past the limit, live ones stay; 0 keeps all', async () => {
      const log = make();
      await log.open(entry('cat', 1), 2); // stays open (live)
      for (const n of [2, 3, 4]) {
        await log.open(entry('cat', n), 2);
        await log.close('cat', `cat-${n}`, 'signed-out', n);
      }
      await log.open(entry('cat', 5), 2);
      assert.deepEqual(
        (await log.entries('cat')).map((e) => e.handle),
        ['cat-5', 'cat-4', 'cat-1'],
      );
      assert.equal(await log.userOf('cat-2'), undefined);
      for (const n of [1, 2, 3, 4]) await log.open(entry('dan', n), 0);
      assert.equal((await log.entries('dan')).length, 4);
    });
  });
}

contract('memory', () => new MemorySessionLog());

describe('on Redis', () => {
  let redis: RedisServer;
  let client: ReturnType<typeof createClient>;
  let n = 0;
  before(async () => {
    redis = await RedisServer.start();
    client = createClient({ url: redis.url });
    await client.connect();
  });
  after(async () => {
    client.destroy();
    await redis.close();
  });
  contract('Redis', () => new RedisSessionLog(client, `test${++n}:`));
  keptContract('Redis', () => new RedisKeptData(client, `test${++n}:`));
});
