/**
 * The framework examples (examples/frameworks/*, built by `npm run test:frameworks` with
 * each framework's own toolchain) in Chromium, served with the reference server: the
 * element warns and expires, the framework's own handlers receive session-security-warn
 * and -expire (they render them into #log and #expired), and removing the component
 * (the app's #remove button) stops every timer the element had.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { defaultRoot } from '../../demo/static.js';
import { until } from '../e2e/harness.js';
import { startApp, type AppServer } from './app-server.js';
import { Clocked } from './page-clock.js';

declare const window: any;
declare const document: any;
declare const navigator: any;

const TIMES = { warnAfter: 60, expireAfter: 120 };
const EXAMPLES = join(defaultRoot(), 'examples', 'frameworks');

/** The lines the app's handlers rendered. */
const log = (page: Page) => page.evaluate(() => [...document.querySelectorAll('#log li')].map((li: any) => li.textContent as string));

/** Opens the app signed in, and waits until the element runs: upgraded, told whose page it is by its start ping, leader of its tab channel. */
async function open(clock: Clocked, app: AppServer): Promise<Page> {
  const page = await clock.newPage();
  await page.goto(`${app.base}/login?warn=${TIMES.warnAfter}&expire=${TIMES.expireAfter}`, { waitUntil: 'load' });
  await until('the element to start', () =>
    page.evaluate(async () => {
      const el = document.querySelector('session-security');
      const { held = [] } = await navigator.locks.query();
      return !!el?.shadowRoot && !!el.controller.user && held.length > 0;
    }),
  );
  return page;
}

for (const name of ['react', 'vue', 'svelte', 'angular']) {
  describe(`${name} example`, () => {
    let clock: Clocked;
    let app: AppServer;

    before(async () => {
      const dist = join(EXAMPLES, name, 'dist');
      assert.ok(existsSync(join(dist, 'index.html')), `${dist} is missing: run \`npm run test:frameworks\` (it builds the examples)`);
      clock = await Clocked.launch();
      app = await startApp(dist, TIMES, () => clock.time);
    });
    after(async () => {
      await clock?.close();
      await app?.close();
    });

    test('the element warns and expires; the framework handlers get both events', async () => {
      const page = await open(clock, app);
      const pings = app.pings.length;
      await clock.advance(page, TIMES.warnAfter);
      await until('the warn handler', async () => (await log(page)).includes(`warn local ${TIMES.expireAfter}`));
      assert.equal(app.pings.length, pings + 1, 'one ping before warning');
      assert.equal(await page.evaluate(() => document.querySelector('session-security').shadowRoot.querySelector('dialog').open), true, 'the warning shows');
      await clock.advance(page, TIMES.expireAfter - TIMES.warnAfter);
      // The app cancelled the expire event and rendered its own signed-out view.
      const expired = await until('the expire handler', () => page.evaluate(() => document.querySelector('#expired')?.textContent as string | undefined));
      assert.match(expired, /Signed out \(expired\)/);
      assert.equal(await page.evaluate(() => document.querySelector('session-security')), null, 'the app removed the element');
      assert.deepEqual(clock.errors, []);
      await page.close();
    });

    test('removing the component stops the element: no timer left, no ping, no event', async () => {
      const page = await open(clock, app);
      const before = await page.evaluate(() => window.__clock.countTimers() as number);
      assert.ok(before > 0, 'the running element has timers');
      await page.click('#remove');
      await until('the element to be removed', () => page.evaluate(() => !document.querySelector('session-security')));
      const pings = app.pings.length;
      // One second first: a framework's own zero-delay timers (Svelte resets a flag so) run.
      await clock.advance(page, 1);
      assert.equal(await page.evaluate(() => window.__clock.countTimers()), 0, 'timers left after removal');
      await clock.advance(page, TIMES.expireAfter * 2);
      assert.equal(app.pings.length, pings);
      assert.deepEqual(await log(page), []);
      assert.deepEqual(clock.errors, []);
      await page.close();
    });

    if (name === 'react') {
      test("the app's own requests keep the session: the server's answer carries them, no warning", async () => {
        const page = await open(clock, app);
        await clock.advance(page, 50);
        const saves = app.saves;
        // A script's click (untrusted: no user activity for the element), so that only the
        // server sees the app's request, as with an autosave: fetch('/api/save') at +50 s.
        await page.evaluate(() => document.querySelector('#save').click());
        await until('the save', async () => (await log(page)).includes('saved 204'));
        assert.equal(app.saves, saves + 1);
        const pings = app.pings.length;
        await clock.advance(page, 10); // +60 s: the element asks before warning
        await until(
          'the ping before warning',
          async () => app.pings.length === pings + 1 && (await page.evaluate(() => document.querySelector('session-security').controller.synced as number)) >= clock.time - 10_000,
        );
        assert.deepEqual(await log(page), ['saved 204'], 'no warning: the server saw the save 10 s ago');
        await clock.advance(page, 50); // +110 s: 60 s after the save
        await until('the warning, from the save on', async () => (await log(page)).includes(`warn local ${TIMES.expireAfter}`));
        assert.deepEqual(clock.errors, []);
        await page.close();
      });
    }
  });
}
