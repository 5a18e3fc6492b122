// 2. Timer wake-ups per idle minute with no dialog: every setTimeout / setInterval /
//    requestAnimationFrame / requestIdleCallback callback counted from before the first
//    script; 10 s of real time, then one minute of CDP virtual time (checked by a sentinel).
import { TIMER_COUNTER, sleep, within } from './harness.mjs';
import { running, say } from './element.mjs';

const REAL_WINDOW_MS = 10_000;
const VIRTUAL_WINDOW_MS = 60_000;

/**
 * Timer wake-ups per idle minute (warn-after 540, expire-after 600): its figures, each
 * with its budget ('' for information only), and how to take them; scripts/bench.mjs
 * runs it and computes the verdicts.
 */
export const wakeups = {
  title: '2. timer wake-ups per idle minute (warn-after 540, expire-after 600)',
  figures: {
    wakeUps: { figure: 'timer wake-ups per idle minute, no dialog', budget: '0' },
  },
  run: (context) => wakeUps(context),
};

async function wakeUps({ browser, site, report }) {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage({ type: 'window' });
    await page.evaluateOnNewDocument(TIMER_COUNTER);
    await page.goto(`${site.base}/bench/idle.html`, { waitUntil: 'load', timeout: 10_000 });
    await running(page);
    await sleep(1000); // let the page settle
    const snapshot = () =>
      page.evaluate(() => {
        const s = window.__wakeups;
        const el = document.querySelector('session-security');
        return {
          fired: Object.values(s.fired).reduce((a, b) => a + b, 0),
          byKind: { ...s.fired },
          set: s.set.slice(),
          log: s.firedLog.slice(),
          now: Date.now(),
          phase: el.controller.phase,
          visibility: document.visibilityState,
          sentinel: window.__sentinel ?? 0,
        };
      });
    const loaded = await snapshot();
    const setWhileLoading = loaded.set.map((t) => `${t.kind}(${t.delay} ms)`).join(', ') || 'none';
    say(`  while loading: timers set ${setWhileLoading}; callbacks fired ${loaded.fired}; visibility ${loaded.visibility}`);

    // Real time: 10 s, scaled to a minute.
    const before = await snapshot();
    await sleep(REAL_WINDOW_MS);
    const after = await snapshot();
    const realFired = after.fired - before.fired;
    const realPerMinute = (realFired * 60_000) / (after.now - before.now);
    say(`  real time: ${realFired} callback(s) in ${((after.now - before.now) / 1000).toFixed(1)} s -> ${realPerMinute.toFixed(1)} per minute; phase ${after.phase}`);
    if (realFired) say(`    fired: ${JSON.stringify(after.log.slice(before.log.length))}`);

    // Virtual time: one minute, trusted only if a 30 s sentinel fired and the clock moved a minute.
    let virtual = 'not run';
    let virtualFired;
    const cdp = await page.createCDPSession();
    try {
      await page.evaluate(() => {
        window.__sentinel = 0;
        window.__originalSetTimeout(() => window.__sentinel++, 30_000);
      });
      const start = await snapshot();
      const expired = new Promise((done) => cdp.once('Emulation.virtualTimeBudgetExpired', done));
      await cdp.send('Emulation.setVirtualTimePolicy', { policy: 'advance', budget: VIRTUAL_WINDOW_MS });
      await within(20_000, 'the virtual minute', expired);
      const end = await snapshot();
      const moved = end.now - start.now;
      if (end.sentinel === 1 && moved >= VIRTUAL_WINDOW_MS - 1000 && moved <= VIRTUAL_WINDOW_MS + 5000) {
        virtualFired = end.fired - start.fired;
        virtual = `${virtualFired} callback(s) in ${(moved / 1000).toFixed(1)} virtual s; phase ${end.phase}`;
        if (virtualFired) say(`    fired: ${JSON.stringify(end.log.slice(start.log.length))}`);
      } else {
        virtual = `unreliable (sentinel fired ${end.sentinel}x, Date.now moved ${moved} ms): ignored`;
      }
    } catch (error) {
      virtual = `unavailable (${error.message}): ignored`;
    } finally {
      await cdp.detach().catch(() => {});
    }
    say(`  virtual time: ${virtual}`);
    if (site.state.pings) say(`  note: the element pinged ${site.state.pings} time(s)`);

    const worst = Math.max(realPerMinute, virtualFired ?? 0);
    const measured =
      virtualFired === undefined
        ? `${realPerMinute.toFixed(0)}/min (real ${REAL_WINDOW_MS / 1000} s x${60_000 / REAL_WINDOW_MS})`
        : `${virtualFired}/min virtual, ${realFired} in ${REAL_WINDOW_MS / 1000} s real`;
    report('wakeUps', measured, worst === 0);
  } finally {
    await within(10_000, 'closing the context', context.close()).catch(() => {});
  }
}
