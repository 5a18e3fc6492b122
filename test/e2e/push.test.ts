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
import { STREAMS_OPEN_MS, openTabs, reasons, revokeToHidden, signOutEverywhere } from './push-harness.js';

describe('revocation push (headless Chromium, real time)', () => {
  test('one process: every tab hidden, reason revoked, without waiting for a ping', { timeout: 60_000 }, async (t) => {
    const server = await startDemo({ port: 0, host: '127.0.0.1', warnAfter: 30, expireAfter: 60 });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const run = await openTabs([base], 3);
    try {
      await sleep(STREAMS_OPEN_MS);
      assert.equal(server.security.streams.size, 1, 'one stream: the leader tab');
      const ms = await revokeToHidden(run, () => signOutEverywhere(run, base));
      assert.deepEqual(await reasons(run), ['revoked', 'revoked', 'revoked']);
      t.diagnostic(`revoke -> 3 tabs hidden, one process: ${ms} ms`);
    } finally {
      await run.close();
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    }
  });

  test('two processes on Redis, one browser with tabs on both: sign-out everywhere through one hides them all', { timeout: 60_000 }, async (t) => {
    const redis = await RedisServer.start();
    const [a, b] = await Promise.all([startDemoProcess(redis), startDemoProcess(redis)]);
    const run = await openTabs([a.base, b.base], 2).catch(async (error) => {
      await Promise.all([a.close(), b.close()]);
      await redis.close();
      throw error;
    });
    try {
      await sleep(STREAMS_OPEN_MS);
      const ms = await revokeToHidden(run, () => signOutEverywhere(run, a.base));
      assert.deepEqual(await reasons(run), ['revoked', 'revoked', 'revoked', 'revoked']);
      t.diagnostic(`revoke -> 4 tabs on two processes hidden: ${ms} ms`);
    } finally {
      await run.close();
      await Promise.all([a.close(), b.close()]);
      await redis.close();
    }
  });
});
