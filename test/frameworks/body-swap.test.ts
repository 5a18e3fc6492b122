/**
 * Server pages enhanced with htmx hx-boost and Turbo Drive (examples/frameworks/
 * server-pages), in Chromium on a clock shared with the reference server. A boosted
 * navigation swaps the body: the old element is disconnected and the new page's one
 * connected. The session must go on as one timeline: no ping for the navigation (the
 * server saw the request itself), no dialog or hidden page, the activity time that of the
 * navigation, one warning warn-after later; and when the session has ended, a navigation
 * the server refuses with 401 signs the page out through the element, and one it
 * redirects to its login page shows that page.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'puppeteer-core';
import { until } from '../e2e/harness.js';
import { startPages, type PagesServer } from './pages-server.js';
import { Clocked } from './page-clock.js';

declare const window: any;
declare const document: any;
declare const navigator: any;
declare const location: any;

const TIMES = { warnAfter: 60, expireAfter: 120 }; // as the templates render them

/** The page's element, once it runs: upgraded and leader of its tab channel. */
const running = (page: Page) =>
  until('the element to run', () =>
    page.evaluate(async () => {
      const { held = [] } = await navigator.locks.query();
      return document.querySelectorAll('session-security').length === 1 && !!document.querySelector('session-security').shadowRoot && held.length > 0;
    }),
  );
const state = (page: Page) =>
  page.evaluate(() => {
    const el = document.querySelector('session-security');
    return {
      title: document.querySelector('h1')?.textContent as string,
      sameDocument: window.__sameDocument === true,
      last: el.controller.last as number,
      phase: el.controller.phase as string,
      dialogOpen: el.shadowRoot.querySelector('dialog')?.open === true,
      hidden: document.documentElement.style.visibility === 'hidden' || document.body.style.visibility === 'hidden',
    };
  });

for (const kind of ['htmx', 'turbo']) {
  describe(`${kind} body swaps`, () => {
    let clock: Clocked;
    let server: PagesServer;
    const warnings: string[] = [];

    before(async () => {
      clock = await Clocked.launch();
      server = await startPages(TIMES, () => clock.time);
    });
    after(async () => {
      await clock?.close();
      await server?.close();
    });

    async function open(): Promise<Page> {
      const page = await clock.newPage();
      page.on('console', (message) => {
        if (message.type() === 'warn') warnings.push(message.text());
      });
      await page.goto(`${server.base}/login?to=/${kind}/a`, { waitUntil: 'load' });
      await running(page);
      await page.evaluate(() => (window.__sameDocument = true)); // gone if the page reloads
      return page;
    }

    test('navigating between protected pages keeps one session timeline', async () => {
      const page = await open();
      const pings = server.pings.length;
      await clock.advance(page, 30);
      await page.click('#next'); // a person's click: activity, and a fetch the server sees
      await until('page b', async () => (await state(page)).title === 'Page b');

      await running(page);
      const navigatedAt = clock.time;
      let now = await state(page);
      assert.deepEqual(now, { title: 'Page b', sameDocument: true, last: navigatedAt, phase: 'active', dialogOpen: false, hidden: false });
      // And back: the same again, still no ping.
      await clock.advance(page, 20);
      await page.click('#next');
      await until('page a', async () => (await state(page)).title === 'Page a');
      await running(page);
      now = await state(page);
      assert.deepEqual(now, { title: 'Page a', sameDocument: true, last: navigatedAt + 20_000, phase: 'active', dialogOpen: false, hidden: false });
      assert.equal(server.pings.length, pings, 'no ping for the navigations');
      // One warning, warn-after from the last navigation, after one ping.
      await clock.advance(page, TIMES.warnAfter - 1);
      assert.equal((await state(page)).phase, 'active');
      await clock.advance(page, 1);
      await until('the warning', async () => (await state(page)).dialogOpen);
      assert.deepEqual(server.pings, [...server.pings.slice(0, pings), String(TIMES.warnAfter)]);
      assert.deepEqual(warnings, [], 'no "another element already watches" warning');
      assert.deepEqual(clock.errors, []);
      await page.close();
    });

    test('a navigation the server refuses with 401 signs the page out through the element', async () => {
      const page = await open();
      await clock.advance(page, 10);
      const [cookie] = await page.cookies();
      await page.deleteCookie(cookie); // the session ends (as signed out elsewhere, or revoked)
      await page.click('#next');
      await until('the signed-out page', async () => new URL(page.url()).pathname === '/signed-out');
      await page.close();
    });

    test('a navigation the server redirects to its login page shows that page, and the old element stops', async () => {
      const page = await open();
      await clock.advance(page, 10);
      const [cookie] = await page.cookies();
      await page.deleteCookie(cookie);
      server.signedOutFetch = 'redirect';
      const errors = clock.errors.length; // the 401 test before logged its refused request
      await page.evaluate(() => (window.__element = document.querySelector('session-security')));
      try {
        await page.click('#next');
        await until('the login page', () => page.evaluate(() => document.querySelector('h1')?.textContent === 'Sign in'));
      } finally {
        server.signedOutFetch = 'unauthorized';
      }
      const pings = server.pings.length;
      // Long past expire-after: the swapped-out element neither pings nor leaves the login page.
      await clock.advance(page, TIMES.expireAfter * 2);
      const after = await page.evaluate(() => ({
        path: location.pathname,
        sameDocument: window.__sameDocument === true,
        elements: document.querySelectorAll('session-security').length,
        oldConnected: window.__element.isConnected,
        hidden: document.documentElement.style.visibility === 'hidden' || document.body.style.visibility === 'hidden',
      }));
      assert.deepEqual(after, { path: '/sign-in', sameDocument: true, elements: 0, oldConnected: false, hidden: false });
      assert.equal(server.pings.length, pings, 'no ping from the stopped element');
      assert.deepEqual(clock.errors.slice(errors), []);
      await page.close();
    });
  });
}
