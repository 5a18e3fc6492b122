/**
 * Revocation push end to end (headless Chromium, real time): "sign out everywhere" hides
 * every open tab of the session long before its next ping, on one process and across two
 * processes on Redis. The figures (ms) are printed as diagnostics; scripts/bench-server.mjs
 * measures them over several runs.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AddressInfo } from 'node:net';
import { startDemo } from '../../demo/server.js';
import { RedisServer, startDemoProcess } from '../server/redis-harness.js';
import { STREAMS_OPEN_MS, openTabs, reasons, revokeToHidden, signOutEverywhere, startBalancer } from './push-harness.js';

describe('revocation push (headless Chromium, real time)', () => {
  test('one process: every tab hidden, reason revoked, without waiting for a ping', { timeout: 60_000 }, async (t) => {
    const server = await startDemo({ port: 0, host: '127.0.0.1', warnAfter: 30, expireAfter: 60 });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const stop = async () => {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    };
    const run = await openTabs([base], 3).catch(async (error) => {
      await stop();
      throw error;
    });
    try {
      await sleep(STREAMS_OPEN_MS);
      assert.equal(server.security.streams.size, 1, 'one stream: the leader tab');
      const ms = await revokeToHidden(run, () => signOutEverywhere(run, base));
      assert.deepEqual(await reasons(run), ['revoked', 'revoked', 'revoked']);
      t.diagnostic(`revoke -> 3 tabs hidden, one process: ${ms} ms`);
    } finally {
      await run.close();
      await stop();
    }
  });

  test('two processes on Redis behind a load balancer, one browser: sign out everywhere through the other process hides every tab', { timeout: 60_000 }, async (t) => {
    const redis = await RedisServer.start();
    const [a, b] = await Promise.all([startDemoProcess(redis), startDemoProcess(redis)]);
    const balancer = await startBalancer([a.base, b.base], b.base);
    const stop = async () => {
      await balancer.close();
      await Promise.all([a.close(), b.close()]);
      await redis.close();
    };
    const run = await openTabs([balancer.base], 4).catch(async (error) => {
      await stop();
      throw error;
    });
    try {
      await sleep(STREAMS_OPEN_MS);
      // The stream is on B; the revocation goes to A, and reaches it through Redis.
      const ms = await revokeToHidden(run, () => signOutEverywhere(run, a.base, balancer.base));
      assert.deepEqual(await reasons(run), ['revoked', 'revoked', 'revoked', 'revoked']);
      t.diagnostic(`revoke -> 4 tabs hidden, two processes: ${ms} ms`);
    } finally {
      await run.close();
      await stop();
    }
  });
});
