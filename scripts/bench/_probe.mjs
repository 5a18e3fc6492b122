import { launchBrowser, startDemoServer, signIn, openPage, cleanup, sleep, until } from './harness.mjs';
try {
  const browser = await launchBrowser();
  const demo = await startDemoServer({ warnAfter: 3, expireAfter: 8 });
  const log = [];
  let t0;
  demo.server.on('request', (req) => { const t = Date.now(); req.on('end', () => {}); log.push([t, req.method, req.url, !!req.headers.cookie]); });
  const res = [];
  demo.server.on('request', (req, r) => { r.on('finish', () => { if (req.url.startsWith('/session/ping')) res.push([Date.now(), req.url]); }); });
  const cookie = await signIn(demo.base);
  const ctx = await browser.createBrowserContext();
  await ctx.setCookie(cookie);
  const l = { events: [], errors: [] };
  const p = await openPage(ctx, 't', l);
  t0 = Date.now();
  await p.goto(`${demo.base}/cdn`);
  const start = await p.evaluate(() => document.querySelector('session-security').controller.last);
  console.log('element start', start - t0);
  await until('login', () => new URL(p.url()).pathname === '/login', { timeout: 15000 });
  for (const [t, m, u, c] of log) console.log(t - t0, m, u, c);
  console.log(l.events.map(e => [e.type, e.at - t0]));
} finally { await cleanup(); }
