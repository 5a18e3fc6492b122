/**
 * End to end, in headless Chromium against the demo: the header's "Sign out" in one tab
 * hides the page in the other tabs at once (the element's signedOut(), called by the
 * demo's script), instead of at their next ping. No time passes on the fake clock, so
 * no ping can be what hides the other tab.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'puppeteer-core';
import { E2E, WAIT_MS, signInThroughForm, until } from './harness.js';

// Runs in the page (this file compiles without the DOM lib).
declare const document: any;
declare const window: any;
declare function getComputedStyle(element: unknown): { visibility: string };

const TIMES = { warnAfter: 30, expireAfter: 60 };
/** The budget for a sign-out to reach the other tabs (DESIGN.md asks for 100 ms; this allows for CDP polling). */
const REACH_MS = 1000;

/** Opens the protected page in a new tab, once its element runs (signed in or not, the cookie is the browser's). */
async function openProtected(e2e: E2E): Promise<Page> {
  const page = await e2e.newPage();
  await page.goto(`${e2e.base}/`, { waitUntil: 'load', timeout: WAIT_MS });
  await e2e.ensureClock(page);
  await until('the element running', () => page.evaluate(() => document.querySelector('session-security')?.controller?.phase === 'active'));
  return page;
}

async function signInAsAlice(e2e: E2E): Promise<void> {
  const page = await e2e.newPage();
  await page.goto(`${e2e.base}/login`, { waitUntil: 'load', timeout: WAIT_MS });
  assert.equal((await signInThroughForm(page, 'alice'))?.status(), 200);
  await page.close();
}

/** The page is hidden: behind the element's expired state, or invisible. */
function hidden(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const element = document.querySelector('session-security');
    const invisible = (node: unknown) => getComputedStyle(node).visibility === 'hidden';
    return element?.controller?.phase === 'expired' || invisible(document.documentElement) || invisible(document.body);
  });
}

describe('signing out with the demo header form (headless Chromium, reference server)', () => {
  test('the other tab is hidden within a second', { timeout: 30_000 }, async () => {
    const e2e = await E2E.start(TIMES);
    try {
      await signInAsAlice(e2e);
      const leaving = await openProtected(e2e);
      const other = await openProtected(e2e);
      await other.evaluate(() => document.addEventListener('session-security-expire', (event: any) => (window.__expired = event.detail)));
      assert.equal(await hidden(other), false);

      const before = e2e.pingCount();
      await leaving.bringToFront();
      const started = Date.now();
      const [response] = await Promise.all([leaving.waitForNavigation({ timeout: WAIT_MS }), leaving.click('header form#sign-out button')]);
      assert.equal(response?.status(), 200);
      assert.equal(leaving.url(), `${e2e.base}/login`);
      assert.equal(e2e.server.security.store.size, 0, 'signed out on the server');

      await until('the other tab hidden', () => hidden(other), { timeout: Math.max(0, REACH_MS - (Date.now() - started)) });
      assert.equal((await other.evaluate(() => window.__expired))?.reason, 'revoked');
      // Each tab pinged once as it loaded; none since: the sign-out itself reached the tab.
      assert.equal(e2e.pingCount(), before, 'no ping told it');
    } finally {
      await e2e.close();
    }
  });
});
