/** The conformance checker (src/check) against the demo on express-session: every probe passes. Real time, expiry after 3 s. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from '../../src/check/index.js';
import { formatHuman } from '../../src/check/report.js';
import { startTestDemo, type Demo } from './helpers.js';
import { RedisServer, startDemoProcess, type DemoProcess } from './redis-harness.js';

/** Signs in through the demo's form and resolves to the Cookie header, like the checker's --login. */
export function demoLogin(base: string): () => Promise<string> {
  return async () => {
    const response = await fetch(`${base}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base },
      body: 'username=alice&password=alice',
    });
    await response.arrayBuffer();
    return response.headers
      .getSetCookie()
      .map((line) => line.split(';')[0])
      .join('; ');
  };
}

describe('the checker against the demo', () => {
  let demo: Demo;
  before(async () => (demo = await startTestDemo({ warnAfter: 1, expireAfter: 3, now: Date.now })));
  after(() => demo.close());

  test('every probe passes, the slow ones and the session events stream included', async () => {
    const report = await check({ url: `${demo.base}/session/ping`, login: demoLogin(demo.base), page: '/', events: '/session/events', slow: true });
    const problems = report.results.filter((result) => result.status !== 'pass').map((result) => result.id);
    assert.deepEqual(problems, [], formatHuman(report));
    assert.ok(
      report.results.some((result) => result.id === 'events-logout'),
      formatHuman(report),
    );
  });
});

describe('the checker against a demo process on Redis', () => {
  let redis: RedisServer;
  let demo: DemoProcess;
  before(async () => {
    redis = await RedisServer.start();
    demo = await startDemoProcess(redis, { WARN_AFTER: '1', EXPIRE_AFTER: '3' });
  });
  after(async () => {
    await demo?.close();
    await redis?.close();
  });

  test('every probe passes, the slow ones and the session events stream included', async () => {
    const report = await check({ url: `${demo.base}/session/ping`, login: demoLogin(demo.base), page: '/', events: '/session/events', slow: true });
    const problems = report.results.filter((result) => result.status !== 'pass').map((result) => result.id);
    assert.deepEqual(problems, [], formatHuman(report));
    assert.ok(
      report.results.some((result) => result.id === 'events-logout'),
      formatHuman(report),
    );
  });
});
