// 3. Extend, logout and sign-out reaching the other tab: event timestamps on each page's
//    clock (performance.timeOrigin + now(), same machine), the demo server with warn 1 s.
import { median, openPage, sessionIdOf, signIn, startDemoServer, until, within } from './harness.mjs';
import { afterExpiry, clickStay, elementState, ms, running, say, stats } from './element.mjs';

const PROPAGATION = { warnAfter: 1, expireAfter: 30 };
const EXTEND_REPEATS = 10;
const LOGOUT_REPEATS = 10;
const SIGN_OUT_REPEATS = 3;
const SIGN_OUT_WAIT_MS = 3000;

/**
 * Extend and logout reaching the other tab: its figures, each
 * with its budget ('' for information only), and how to take them; scripts/bench.mjs
 * runs it and computes the verdicts.
 */
export const propagation = {
  title: '3. extend and logout reaching the other tab',
  figures: {
    extend: { figure: 'extend reaching the other tab', budget: '<= 100 ms' },
    logout: { figure: 'logout reaching the other tab', budget: '<= 100 ms' },
    signOut: { figure: 'sign-out in one tab reaching the other', budget: '<= 100 ms' },
  },
  run: (context) => measurePropagation(context),
};

async function measurePropagation({ browser, report }) {
  const demo = await startDemoServer(PROPAGATION);
  say(`  demo server ${demo.base}, warn-after ${PROPAGATION.warnAfter} s, expire-after ${PROPAGATION.expireAfter} s; tab A opens first (the leader)`);
  const context = await browser.createBrowserContext();
  try {
    const log = { events: [], errors: [] };
    const tabs = { A: await openPage(context, 'A', log), B: await openPage(context, 'B', log) };
    const load = async (cookie) => {
      // Both leave the previous session first, as if closed: a tab left expired in place
      // (login-url) would otherwise answer the new tab's "hello" with its old "logout".
      for (const name of ['A', 'B']) await tabs[name].goto('about:blank');
      // Then the new cookie: set before, it was cleared by a late answer to the old pages
      // (the "Sign out now" POST's 303 clears the cookie, and could land after it), and
      // the next page load went to the login page.
      await context.setCookie(cookie);
      for (const name of ['A', 'B']) {
        const response = await tabs[name].goto(`${demo.base}/cdn`, { waitUntil: 'load', timeout: 10_000 });
        if (new URL(response.url()).pathname !== '/cdn') throw new Error(`tab ${name} was sent to ${response.url()}: the session cookie did not reach the page`);
        await running(tabs[name]);
      }
    };
    const bothWarn = () =>
      until(
        'both tabs to warn',
        async () => {
          const states = await Promise.all([tabs.A.evaluate(elementState), tabs.B.evaluate(elementState)]);
          return states.every((state) => state?.phase === 'warning' && state.button);
        },
        { timeout: PROPAGATION.warnAfter * 1000 + 5000, every: 20 },
      );
    const next = (tab, type, mark) => log.events.find((e, i) => i >= mark && e.tab === tab && e.type === type);

    // Extend: both tabs show the warning; "Stay signed in" is clicked in A, then in B.
    await load(await signIn(demo.base));
    const extend = { A: [], B: [] };
    const end = Date.now() + 40_000;
    for (let i = 0; i < EXTEND_REPEATS && Date.now() < end; i++) {
      const [from, to] = i % 2 ? ['B', 'A'] : ['A', 'B'];
      await bothWarn();
      const mark = log.events.length;
      const clickedAt = await tabs[from].evaluate(clickStay);
      const arrived = await until(`the extend to reach tab ${to}`, () => next(to, 'extend', mark), { timeout: 3000, every: 5 });
      extend[from].push(arrived.at - clickedAt);
    }
    const all = [...extend.A, ...extend.B];
    say(`  extend, click in A -> event in B: ${stats(extend.A)}`);
    say(`  extend, click in B -> event in A: ${stats(extend.B)}`);
    report('extend', `${ms(median(all))} med, ${ms(Math.max(...all))} max`, Math.max(...all) <= 100);

    // Logout: the server forgets the session; A pings (el.extend()), learns it and tells B.
    const tabToTab = [];
    const fromTrigger = [];
    const stop = Date.now() + 30_000;
    for (let i = 0; i < LOGOUT_REPEATS && Date.now() < stop; i++) {
      const cookie = await signIn(demo.base);
      await load(cookie);
      await demo.server.security.store.end(sessionIdOf(cookie), 'revoked');
      const mark = log.events.length;
      const triggeredAt = await tabs.A.evaluate(() => {
        const at = performance.timeOrigin + performance.now();
        document.querySelector('session-security').extend();
        return at;
      });
      const [a, b] = await until(
        'both tabs to expire',
        () => {
          const both = [next('A', 'expire', mark), next('B', 'expire', mark)];
          return both.every(Boolean) && both;
        },
        { timeout: 5000, every: 5 },
      );
      // The tab that got the answer shares it before acting on it: the other tab's event
      // may come first, so the difference is signed.
      const own = [a, b].find((e) => e.cause === 'local');
      const relayed = [a, b].find((e) => e.cause === 'tab');
      if (!own || !relayed) throw new Error(`rep ${i + 1}: expected one tab to expire on its own answer and one on the relayed one (A: ${a.cause}, B: ${b.cause})`);
      tabToTab.push(relayed.at - own.at);
      fromTrigger.push(relayed.at - triggeredAt);
      if (own.tab !== 'A') say(`    note: rep ${i + 1}: B pinged, not A`);
      // Let both finish what they do at expiry (leave, or stay expired) before reloading.
      await until('both tabs to settle after expiry', async () => (await afterExpiry(tabs.A, '/cdn')) && (await afterExpiry(tabs.B, '/cdn')), { timeout: 5000 });
    }
    say(`  logout, expire in the tab that pinged -> expire in the other: ${stats(tabToTab)}; negative (other tab first) ${tabToTab.filter((d) => d < 0).length}x`);
    say(`  logout, el.extend() in A (ping answered "logout") -> expire in B: ${stats(fromTrigger)}`);
    for (const error of log.errors) say(`    page error: ${error}`);
    report('logout', `${ms(median(tabToTab))} med, ${ms(Math.max(...tabToTab))} max`, Math.max(...tabToTab) <= 100);

    // Sign-out: the user clicks "Sign out" in A's warning (a form POST to logout-url; A
    // leaves). How soon does B know? Waited for SIGN_OUT_WAIT_MS at most.
    const signOut = [];
    let missed = 0;
    const last = Date.now() + 20_000;
    for (let i = 0; i < SIGN_OUT_REPEATS && !missed && Date.now() < last; i++) {
      const cookie = await signIn(demo.base);
      await load(cookie);
      await bothWarn();
      const mark = log.events.length;
      const clickedAt = await tabs.A.evaluate(() => {
        const button = document.querySelector('session-security').shadowRoot.querySelector('button[part~="sign-out"]');
        const form = document.querySelector('form[action$="/logout"]');
        if (!button && !form) return null;
        const at = performance.timeOrigin + performance.now();
        if (button) button.click();
        else form.requestSubmit();
        return at;
      });
      if (clickedAt === null) throw new Error('no "Sign out" button in the dialog nor a logout form on the page');
      const arrived = await until('the sign-out to reach B', () => next('B', 'expire', mark), { timeout: SIGN_OUT_WAIT_MS, every: 10 }).catch(() => undefined);
      // Make sure the sign-out happened: the server forgot the session. The other tabs are
      // told when the form is submitted, so they may know before the POST has landed.
      const forgotten = await until('the server to forget the session', async () => (await demo.server.security.store.activity(sessionIdOf(cookie), PROPAGATION.expireAfter * 1000)) === undefined, {
        timeout: 5000,
        every: 20,
      }).catch(() => false);
      if (!forgotten) throw new Error('the sign-out did not end the session on the server');
      // The server forgets the session before its answer (which clears the cookie) is
      // back: wait for A to have left, so that the answer cannot clear the next cookie.
      await until('tab A to leave after signing out', async () => (await afterExpiry(tabs.A, '/cdn')) === 'left', { timeout: 5000 });
      if (arrived) signOut.push(arrived.at - clickedAt);
      else missed++;
    }
    const signOutText = missed ? `> ${SIGN_OUT_WAIT_MS} ms (not seen)` : `${ms(median(signOut))} med, ${ms(Math.max(...signOut))} max`;
    say(`  sign-out clicked in A -> expire in B: ${missed ? `not within ${SIGN_OUT_WAIT_MS} ms (B learns it at its next ping at the latest)` : stats(signOut)}`);
    report('signOut', signOutText, !missed && Math.max(...signOut) <= 100);
  } finally {
    await within(10_000, 'closing the context', context.close()).catch(() => {});
  }
}
