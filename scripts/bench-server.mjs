#!/usr/bin/env node
/**
 * npm run bench:server: the Node server's costs as the number of sessions grows, and the
 * revocation push's latency. Everything on loopback, every loop bounded in count (and the
 * population of a size given up past a time limit); run it with nothing else going on.
 *
 * - ping latency (median, p99) of an element-style ping over HTTP, and sign-in cost
 *   (POST, new session id, log entry, concurrent-session limit), with 1k, 100k and 1M
 *   other sessions in memory and 1k and 100k on Redis (a redis-server this script
 *   starts on a free port, no persistence);
 * - memory per session: the activity record and the log entry (the session blob is the
 *   app's express-session store's, the same with or without session-security): V8 heap
 *   growth, or Redis used_memory growth, divided by the sessions added;
 * - revoke -> every open tab hidden (headless Chromium, 3 tabs on one process; 2 + 2 tabs
 *   on two processes on Redis), real time.
 *
 *   npm run bench:server               (builds first)
 *   BENCH_QUICK=1 npm run bench:server (1k sessions only, fewer rounds)
 *   BENCH_PART=stores|push             (one part only; push drives Chromium: hold the browser lock)
 */
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import session from 'express-session';
import { createClient } from 'redis';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const load = (path) => import(pathToFileURL(join(ROOT, 'build/server', path)).href);
const { sessionSecurity } = await load('src/server/express-session.js');
const { MemoryActivityStore } = await load('src/server/activity.js');
const { RedisActivityStore } = await load('src/server/redis-activity.js');
const { MemorySessionLog, RedisSessionLog } = await load('src/server/session-log.js');
const { MemoryEndNotifier, RedisEndNotifier } = await load('src/server/session-events.js');
const { RedisServer, startDemoProcess } = await load('test/server/redis-harness.js');
const { signInCookie } = await load('test/check/servers.js');

const QUICK = !!process.env.BENCH_QUICK;
const PART = process.env.BENCH_PART ?? 'all';
const PINGS = QUICK ? 200 : 2000;
const SIGN_INS = QUICK ? 50 : 300;
const PUSH_RUNS = QUICK ? 2 : 5;
/** Past this, populating a size is given up (reported as such). */
const POPULATE_LIMIT_MS = 120_000;
const EXPIRE_MS = 3600_000;

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const summary = (samples) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: quantile(sorted, 0.5), p99: quantile(sorted, 0.99) };
};
const ms = (value) => `${value.toFixed(2)} ms`;

/** A node:http app on express-session and sessionSecurity, as an app would mount them. */
async function startApp({ activity, log, notifier, secret }) {
  const sessions = session({ name: 'sid', secret: 'bench', resave: false, saveUninitialized: false, cookie: { sameSite: 'lax' } });
  const security = sessionSecurity({ warnAfter: 540, expireAfter: 3600, activity, log, notifier, secret, cookieName: 'sid', secure: false, sessionLimit: 3 });
  const server = createServer((req, res) => {
    sessions(req, res, (error) => {
      if (error) return res.writeHead(500).end();
      if (req.url.startsWith(security.pingPath)) return security.ping(req, res);
      security.middleware(req, res, (error) => {
        if (error) return res.writeHead(500).end();
        if (req.url === '/login' && req.method === 'POST') {
          security.login(req, res, 'alice').then(
            () => res.writeHead(204).end(),
            () => res.writeHead(500).end(),
          );
        } else res.writeHead(404).end();
      });
    });
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return { base: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((done) => (server.closeAllConnections(), server.close(done))) };
}

/** Adds `count` sessions of `count / 10` other users, straight into the stores, in batches. */
async function populate(activity, log, count, from) {
  const started = performance.now();
  const batch = 1000;
  for (let n = 0; n < count; n += batch) {
    const work = [];
    for (let i = n; i < Math.min(count, n + batch); i++) {
      const id = `bench-${from + i}`;
      work.push(
        activity.start(id, EXPIRE_MS),
        log.open({ handle: `h${from + i}`, id, user: `user${(from + i) % Math.max(1, count / 10)}`, start: Date.now(), expireAfter: 3600, ip: '127.0.0.1', userAgent: 'bench' }, 100),
      );
    }
    await Promise.all(work);
    if (performance.now() - started > POPULATE_LIMIT_MS) return false;
  }
  return true;
}

async function measure(base) {
  const signIns = [];
  let cookie = '';
  for (let n = 0; n < SIGN_INS; n++) {
    const started = performance.now();
    cookie = await signInCookie(base);
    signIns.push(performance.now() - started);
  }
  const pings = [];
  for (let n = 0; n < PINGS; n++) {
    const started = performance.now();
    const response = await fetch(`${base}/session/ping?idleFor=0`, { headers: { Cookie: cookie, 'X-Requested-With': 'XMLHttpRequest' } });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`ping answered ${response.status}`);
    pings.push(performance.now() - started);
  }
  return { ping: summary(pings), signIn: summary(signIns) };
}

function report(where, count, { ping, signIn }, bytes) {
  console.log(
    `${where.padEnd(7)} ${String(count).padStart(9)}  ping ${ms(ping.median)} / ${ms(ping.p99)}   sign-in ${ms(signIn.median)} / ${ms(signIn.p99)}   ${bytes === undefined ? '' : `${Math.round(bytes)} B/session`}`,
  );
}

if (PART !== 'push') console.log('sessions: other signed-in sessions in the stores; ping and sign-in: median / p99 over loopback HTTP');

// In memory: one app whose stores grow from one size to the next.
if (PART !== 'push') {
  const activity = new MemoryActivityStore();
  const log = new MemorySessionLog();
  const app = await startApp({ activity, log, notifier: new MemoryEndNotifier() });
  let have = 0;
  for (const count of QUICK ? [1000] : [1000, 100_000, 1_000_000]) {
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    if (!(await populate(activity, log, count - have, have))) {
      console.log(`memory  ${count}: populating took over ${POPULATE_LIMIT_MS / 1000} s; given up`);
      break;
    }
    global.gc?.();
    const bytes = (process.memoryUsage().heapUsed - before) / (count - have);
    have = count;
    report('memory', count, await measure(app.base), global.gc ? bytes : undefined);
  }
  await app.close();
  await activity.close();
  if (!global.gc) console.log('  (memory per session needs node --expose-gc, as npm run bench:server runs it)');
}

// On Redis: the same, with a redis-server of our own.
if (PART !== 'push') {
  const redis = await RedisServer.start();
  const client = createClient({ url: redis.url, disableOfflineQueue: true });
  const subscriber = client.duplicate();
  await client.connect();
  await subscriber.connect();
  try {
    const activity = new RedisActivityStore(client);
    const log = new RedisSessionLog(client);
    const notifier = await RedisEndNotifier.create(client, subscriber);
    const app = await startApp({ activity, log, notifier, secret: 'bench secret' });
    let have = 0;
    const used = async () => Number(/used_memory:(\d+)/.exec(await client.info('memory'))[1]);
    for (const count of QUICK ? [1000] : [1000, 100_000]) {
      const before = await used();
      if (!(await populate(activity, log, count - have, have))) {
        console.log(`redis   ${count}: populating took over ${POPULATE_LIMIT_MS / 1000} s; given up`);
        break;
      }
      const bytes = ((await used()) - before) / (count - have);
      have = count;
      report('redis', count, await measure(app.base), bytes);
    }
    await app.close();
    await notifier.close();
  } finally {
    subscriber.destroy();
    client.destroy();
    await redis.close();
  }
}

// Revocation push in headless Chromium (skipped without it).
if (PART !== 'stores') {
  // The one Chromium path (CHROMIUM_PATH honoured), as the e2e harness and scripts/bench/ use it.
  const { CHROMIUM } = await import('../test/browsers/paths.mjs');
  const { existsSync } = await import('node:fs');
  if (!existsSync(CHROMIUM)) {
    console.log(`push: no Chromium at ${CHROMIUM}; skipped`);
  } else {
    const { startDemo } = await load('demo/server.js');
    const { STREAMS_OPEN_MS, openTabs, revokeToHidden, signOutEverywhere, startBalancer } = await load('test/e2e/push-harness.js');
    /** `tabs` tabs on `base`; the revocation posted to `revokeAt` (another process than the stream's). */
    const runs = async (base, tabs, revokeAt = base) => {
      const times = [];
      for (let n = 0; n < PUSH_RUNS; n++) {
        const run = await openTabs([base], tabs);
        try {
          await sleep(STREAMS_OPEN_MS);
          times.push(await revokeToHidden(run, () => signOutEverywhere(run, revokeAt, base)));
        } finally {
          await run.close();
        }
      }
      return summary(times);
    };
    const server = await startDemo({ port: 0, host: '127.0.0.1', warnAfter: 30, expireAfter: 60 });
    const one = await runs(`http://127.0.0.1:${server.address().port}`, 3);
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
    console.log(`push    revoke -> 3 tabs hidden, one process: median ${one.median} ms, worst ${one.p99} ms (${PUSH_RUNS} runs)`);
    const redis = await RedisServer.start();
    const [a, b] = await Promise.all([startDemoProcess(redis), startDemoProcess(redis)]);
    // A load balancer without sticky sessions; the streams on B, the revocation sent to A.
    const balancer = await startBalancer([a.base, b.base], b.base);
    try {
      const two = await runs(balancer.base, 4, a.base);
      console.log(`push    revoke -> 4 tabs hidden, two processes (Redis, revoked on the other one): median ${two.median} ms, worst ${two.p99} ms (${PUSH_RUNS} runs)`);
    } finally {
      await balancer.close();
      await Promise.all([a.close(), b.close()]);
      await redis.close();
    }
  }
}
