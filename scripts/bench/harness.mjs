// Plumbing for scripts/bench.mjs: time limits, the browser, the servers and the scripts
// injected into pages. Everything listens on 127.0.0.1 and is closed by cleanup().
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile, realpath } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_FLAGS, LAUNCH_MS } from '../../test/browsers/chromium.mjs';
import { CHROMIUM } from '../../test/browsers/paths.mjs';
import { until } from '../../test/browsers/until.mjs';

export { until };

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const HOST = '127.0.0.1';

export const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Rejects with `what` when `promise` takes longer than `ms`. */
export async function within(ms, what, promise) {
  let timer;
  const timeout = new Promise((_, fail) => (timer = setTimeout(() => fail(new Error(`${what}: no result within ${ms} ms`)), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------
// Cleanup: everything started registers a stop function; run once, in reverse order.
const stops = [];
let cleaning;
export const onCleanup = (stop) => stops.push(stop);
/** Stops everything once; later and concurrent calls share the same run. */
export function cleanup() {
  cleaning ??= (async () => {
    while (stops.length) {
      const stop = stops.pop();
      try {
        await within(10_000, 'cleanup step', Promise.resolve().then(stop));
      } catch (error) {
        console.error(`cleanup: ${error.message}`);
      }
    }
  })();
  return cleaning;
}

// ---------------------------------------------------------------------------------------
// The browser: Debian's Chromium with exactly the shared flags (puppeteer's defaults, which
// switch off background timer throttling among others, are left out on purpose).
export async function launchBrowser() {
  const dir = mkdtempSync(join(tmpdir(), 'session-security-bench-'));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    ignoreDefaultArgs: true,
    pipe: true,
    protocolTimeout: 30_000,
    timeout: LAUNCH_MS,
    args: [...CHROMIUM_FLAGS, `--user-data-dir=${dir}`, 'about:blank'],
  });
  onCleanup(async () => {
    const child = browser.process();
    try {
      await within(5_000, 'browser.close', browser.close());
    } catch {
      // Not closed in time: kill it, and wait for it to exit before its folder is removed.
      if (child && child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGKILL');
        await within(3_000, 'the browser to exit', exited).catch(() => {});
      }
    }
  });
  return browser;
}

/**
 * A visible page (a window: background tabs of headless Chromium are "hidden") whose
 * element events are reported to `log` with the page's clock, also across navigations.
 */
export async function openPage(context, name, log) {
  const page = await context.newPage({ type: 'window' });
  page.on('pageerror', (error) => log.errors.push(`${name}: ${error.message}`));
  await page.exposeFunction('__benchReport', (type, at, cause) => log.events.push({ tab: name, type, at, cause }));
  await page.evaluateOnNewDocument(EVENT_RECORDER);
  return page;
}

/** Timestamps each element event on the page's clock before anyone else sees it. */
const EVENT_RECORDER = `(() => {
  for (const type of ['warn', 'extend', 'expire', 'ping-error']) {
    document.addEventListener('session-security-' + type, (event) => {
      const at = performance.timeOrigin + performance.now();
      window.__benchReport?.(type, at, event.detail?.cause ?? '');
    }, true);
  }
})();`;

/**
 * Counts every firing of a setTimeout / setInterval / requestAnimationFrame /
 * requestIdleCallback callback, and every timer set, before any page script runs.
 * The bench's own sentinels use the originals and are not counted.
 */
export const TIMER_COUNTER = `(() => {
  const w = window;
  const stats = { fired: { timeout: 0, interval: 0, raf: 0, idle: 0 }, set: [], firedLog: [] };
  Object.defineProperty(w, '__wakeups', { value: stats });
  Object.defineProperty(w, '__originalSetTimeout', { value: w.setTimeout.bind(w) });
  const wrap = (name, kind) => {
    const original = w[name];
    if (typeof original !== 'function') return;
    w[name] = function (callback, ...rest) {
      if (typeof callback !== 'function') return original.call(this, callback, ...rest);
      const delay = kind === 'timeout' || kind === 'interval' ? Number(rest[0]) || 0 : -1;
      if (stats.set.length < 1000) stats.set.push({ kind, delay, at: Date.now() });
      return original.call(this, function (...args) {
        stats.fired[kind]++;
        if (stats.firedLog.length < 1000) stats.firedLog.push({ kind, delay, at: Date.now() });
        return callback.apply(this, args);
      }, ...rest);
    };
  };
  wrap('setTimeout', 'timeout');
  wrap('setInterval', 'interval');
  wrap('requestAnimationFrame', 'raf');
  wrap('requestIdleCallback', 'idle');
})();`;

// ---------------------------------------------------------------------------------------
// Servers.

function listen(server) {
  onCleanup(
    () =>
      new Promise((done) => {
        server.closeAllConnections?.();
        server.close(() => done());
      }),
  );
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(0, HOST, () => {
      server.off('error', fail);
      done(`http://${HOST}:${server.address().port}`);
    });
  });
}

/**
 * The project's demo app (build/server/demo/server.js), on a free port, with every ping
 * request recorded: { at, cookie } for each.
 */
export async function startDemoServer({ warnAfter, expireAfter }) {
  const file = join(ROOT, 'build/server/demo/server.js');
  let startDemo;
  try {
    ({ startDemo } = await import(pathToFileURL(file).href));
  } catch (error) {
    throw new Error(`cannot load ${file} (run \`npm run build\`): ${error.message}`, { cause: error });
  }
  const server = await startDemo({ port: 0, host: HOST, warnAfter, expireAfter, root: ROOT });
  onCleanup(
    () =>
      new Promise((done) => {
        server.closeAllConnections?.();
        server.close(() => done());
      }),
  );
  const pingPath = server.security?.pingPath ?? '/session/ping';
  const pings = [];
  server.on('request', (req) => {
    if ((req.url ?? '').startsWith(pingPath)) pings.push({ at: Date.now(), cookie: req.headers.cookie ?? '' });
  });
  const address = server.address();
  return { server, base: `http://${HOST}:${address.port}`, pings, pingPath };
}

/** Signs in through the demo's form; returns the session cookie. */
export async function signIn(base, user = 'alice', password = 'alice') {
  const response = await within(
    5_000,
    'POST /login',
    fetch(`${base}/login`, {
      method: 'POST',
      redirect: 'manual',
      // The demo's login form checks Origin (login CSRF), as a browser would send it.
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base },
      body: new URLSearchParams({ username: user, password, next: '/cdn' }).toString(),
    }),
  );
  await response.arrayBuffer();
  const set = response.headers.getSetCookie().find((cookie) => /^[^=;]+=[^;]+/.test(cookie) && !/Max-Age=0/i.test(cookie));
  if (response.status !== 303 || !set) throw new Error(`sign-in failed: HTTP ${response.status}, no session cookie`);
  const [name, value] = set.split(';')[0].split('=');
  return { name, value, domain: HOST, path: '/', httpOnly: true, sameSite: 'Lax' };
}

/** The session id in express-session's cookie value (`s:<id>.<signature>`, URL-encoded). */
export function sessionIdOf(cookie) {
  return decodeURIComponent(cookie.value).replace(/^s:/, '').split('.')[0];
}

/**
 * A tiny server for the bench's own pages: /bench/<name>.html from `pages`, files of
 * dist/ (nothing else from disk) and a ping endpoint that counts and answers "idle 0".
 */
export async function startPageServer(pages) {
  const dist = await realpath(join(ROOT, 'dist'));
  const state = { pings: 0 };
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    try {
      if (path === '/session/ping') {
        state.pings++;
        res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
        return res.end(JSON.stringify({ idleFor: 0 }));
      }
      const page = /^\/bench\/([a-z-]+)\.html$/.exec(path)?.[1];
      if (page && Object.hasOwn(pages, page)) {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
        return res.end(pages[page]);
      }
      if (path.startsWith('/dist/') && path.endsWith('.js') && !path.includes('..') && !path.includes('%')) {
        const file = await realpath(resolve(dist, path.slice('/dist/'.length)));
        if (file.startsWith(dist + sep)) {
          const body = await readFile(file);
          res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' });
          return res.end(body);
        }
      }
    } catch {
      // a missing file is a 404 like any other path
    }
    if (path === '/favicon.ico') res.writeHead(204);
    else res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end();
  });
  return { base: await listen(server), state };
}

/** The CDN bundle as package.json names it ("./cdn"), as a URL path of the page server. */
export function cdnBundle() {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const file = pkg.exports?.['./cdn'] ?? pkg.unpkg ?? './dist/session-security.cdn.js';
  if (!file.startsWith('./dist/') || !existsSync(join(ROOT, file))) throw new Error(`the CDN bundle ${file} is missing: run \`npm run build\``);
  return file.slice(1);
}

/** The same static page with or without the element; both load the CDN bundle. */
export function benchPage({ element, emptyListener = false, warnAfter = 540, expireAfter = 600 }) {
  const paragraphs = Array.from({ length: 20 }, (_, i) => `<p>Paragraph ${i + 1}: some ordinary text of an ordinary page.</p>`).join('\n');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>bench</title>
<script type="module" src="${cdnBundle()}"></script>
${emptyListener ? `<script>addEventListener('pointermove', () => {}, { capture: true, passive: true });</script>` : ''}
</head>
<body>
<main><h1>Bench page</h1>
${paragraphs}
<form><label>Text <textarea name="t"></textarea></label></form>
</main>
${element ? `<session-security ping-url="/session/ping" warn-after="${warnAfter}" expire-after="${expireAfter}" return-to-url="/bench/gone.html"></session-security>` : ''}
</body>
</html>
`;
}
