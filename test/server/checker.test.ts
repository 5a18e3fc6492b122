/** The conformance checker (src/check) against the demo on express-session: every probe passes. Real time, expiry after 3 s. */
import { after, before, describe, test } from 'node:test';
import { assertEveryProbePasses } from '../check/helpers.js';
import { signInCookie } from '../check/servers.js';
import { startTestDemo, type Demo } from './helpers.js';
import { RedisServer, startDemoProcess, type DemoProcess } from './redis-harness.js';

/** Signs alice in through the demo's form, like the checker's --login. */
const demoLogin = (base: string) => () => signInCookie(base, { username: 'alice', password: 'alice' });

describe('the checker against the demo', () => {
  let demo: Demo;
  before(async () => (demo = await startTestDemo({ warnAfter: 1, expireAfter: 3, now: Date.now })));
  after(() => demo.close());

  test('every probe passes, the slow ones and the session events stream included', async () => {
    await assertEveryProbePasses({ url: `${demo.base}/session/ping`, login: demoLogin(demo.base), page: '/' });
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
    await assertEveryProbePasses({ url: `${demo.base}/session/ping`, login: demoLogin(demo.base), page: '/' });
  });
});
