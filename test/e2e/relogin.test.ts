/**
 * End to end, in headless Chromium against the reference server (the demo app): a form
 * typed before the timeout and submitted after signing back in.
 *
 * The timeout is not waited for: the server and every page run on one fake clock that
 * the test moves (see harness.ts). Real time is spent only on page loads and pings.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'puppeteer-core';
import { E2E, WAIT_MS, signInThroughForm, until } from './harness.js';

// Runs in the page (this file compiles without the DOM lib).
declare const document: any;
declare const window: any;
declare const navigator: any;
declare function getComputedStyle(element: unknown): { visibility: string };

const TIMES = { warnAfter: 30, expireAfter: 60 };
/** ReloginWindow's PROBE_EVERY (src/browser/relogin.ts): while a sign-in is pending, the element pings this often. */
const PROBE_EVERY = 5;
const DRAFT = 'draft typed before the timeout';
const TEST = { timeout: 30_000 };

interface PageState {
  phase: string;
  dialogOpen: boolean;
  signInButton: boolean;
  bodyVisibility: string;
  draft: string;
  /** The hidden CSRF field of the long form, and the meta tag. */
  formToken: string;
  metaToken: string;
  user: string;
  sent: string | null;
}

/** What the test looks at on the protected page, through the element's open shadow root. */
function pageState(page: Page): Promise<PageState> {
  return page.evaluate(() => {
    const element = document.querySelector('session-security');
    const root = element.shadowRoot;
    return {
      phase: element.controller.phase,
      dialogOpen: root.querySelector('dialog').open,
      signInButton: !!root.querySelector('button[part~="sign-in"]'),
      bodyVisibility: getComputedStyle(document.body).visibility,
      draft: document.querySelector('textarea[name=secret]').value,
      formToken: document.querySelector('textarea[name=secret]').form.elements.csrfmiddlewaretoken.value,
      metaToken: document.querySelector('meta[name=csrf-token]').content,
      user: document.getElementById('user').textContent,
      sent: document.getElementById('sent')?.textContent ?? null,
    };
  });
}

/** Signs alice in through the sign-in form and opens the protected page `path`, its element running. */
async function openAsAlice(e2e: E2E, path: string): Promise<Page> {
  const page = await e2e.newPage();
  await page.goto(`${e2e.base}/login?next=${encodeURIComponent(path)}`, { waitUntil: 'load', timeout: WAIT_MS });
  await e2e.ensureClock(page);
  const login = await signInThroughForm(page, 'alice');
  assert.equal(login?.status(), 200);
  assert.equal(page.url(), e2e.base + path);
  await e2e.ensureClock(page);
  // The element runs and holds the leader's Web Lock: a follower tab would let a deadline
  // pass by its patience (real seconds) before pinging itself.
  await until('the element leading', () => page.evaluate(async () => document.querySelector('session-security')?.controller?.phase === 'active' && (await navigator.locks.query()).held.length > 0));
  assert.equal((await pageState(page)).user, 'alice');
  return page;
}

/** Lets the page idle until the warning: the element pings first, and learns who is signed in. */
async function idleUntilWarning(e2e: E2E, page: Page): Promise<{ user: string; csrfToken: string }> {
  const loaded = await pageState(page);
  const count = e2e.pingCount();
  await e2e.advance(TIMES.warnAfter);
  const warned = await e2e.nextPing(count);
  const first = warned.body as { idleFor: number; user: string; csrfToken: string };
  assert.equal(warned.status, 200);
  assert.equal(first.idleFor, TIMES.warnAfter);
  assert.equal(typeof first.user, 'string');
  assert.equal(first.csrfToken, loaded.formToken);
  await until('the warning', async () => {
    const state = await pageState(page);
    return state.phase === 'warning' && state.dialogOpen;
  });
  return first;
}

/**
 * Signs alice in, opens the protected page (`path`), types the draft and lets the
 * session time out: the page must end up hidden behind the "Sign in again" dialog.
 * Returns the page and what the ping before the warning said (user, CSRF token).
 */
async function typeThenTimeOut(e2e: E2E, path: string): Promise<{ page: Page; first: { user: string; csrfToken: string } }> {
  const page = await openAsAlice(e2e, path);
  await page.type('textarea[name=secret]', DRAFT);
  await page.evaluate(() => document.addEventListener('session-security-resume', (event: any) => (window.__resumed = event.detail)));
  const first = await idleUntilWarning(e2e, page);

  // Idle until expiry: the server says the session is over; the page hides, the work stays.
  const count = e2e.pingCount();
  await e2e.advance(TIMES.expireAfter - TIMES.warnAfter);
  assert.deepEqual((await e2e.nextPing(count)).body, { status: 'logout', reason: 'expired' });
  const expired = await until('the hidden page and the sign-in dialog', async () => {
    const state = await pageState(page);
    return state.signInButton && state.dialogOpen && state.bodyVisibility === 'hidden' && state;
  });
  assert.equal(expired.phase, 'expired');
  assert.equal(expired.draft, DRAFT);
  return { page, first };
}

/** Clicks "Sign in again" and returns the login popup, its clock checked. */
async function openLoginPopup(e2e: E2E, page: Page): Promise<Page> {
  const target = e2e.browser.waitForTarget((t) => t.url() === `${e2e.base}/login?next=/signed-in`, { timeout: WAIT_MS });
  await page.click('session-security >>> button[part~="sign-in"]');
  const popup = await (await target).page();
  assert.ok(popup, 'the login popup');
  await until('the popup loaded', () => popup.evaluate(() => document.readyState === 'complete'));
  await e2e.ensureClock(popup);
  return popup;
}

describe('signing back in after a timeout (headless Chromium, reference server)', () => {
  test('the same user: the page resumes in place and the form typed before the timeout submits', TEST, async () => {
    const e2e = await E2E.start(TIMES);
    try {
      const { page, first } = await typeThenTimeOut(e2e, '/');
      const count = e2e.pingCount();
      const popup = await openLoginPopup(e2e, page);
      const done = await signInThroughForm(popup, 'alice');
      assert.equal(popup.url(), `${e2e.base}/signed-in`);
      assert.equal(done?.status(), 200);
      assert.match(await popup.evaluate(() => document.body.textContent), /Signed in as alice — you can close this window/);

      // The element notices by pinging: at its next probe (or earlier, on focus).
      await e2e.advance(PROBE_EVERY);
      const resumed = await until('the page to resume', async () => {
        const state = await pageState(page);
        return state.phase === 'active' && !state.dialogOpen && state.bodyVisibility === 'visible' && state;
      });
      await until('the popup to be closed by the element', async () => popup.isClosed());
      // The token the element wrote into the page: the one of the ping answer that named the new session.
      const fresh = await until(
        'the ping answer naming the new session',
        async () =>
          e2e.pings
            .slice(count)
            .map((ping) => ping.body as { csrfToken?: string } | undefined)
            .reverse()
            .find((body) => body?.csrfToken)?.csrfToken,
      );
      assert.notEqual(fresh, first.csrfToken, 'a new session has a new CSRF token');
      assert.equal(resumed.draft, DRAFT);
      assert.equal(resumed.formToken, fresh);
      assert.equal(resumed.metaToken, fresh);
      assert.equal(resumed.user, 'alice');
      assert.deepEqual(await page.evaluate(() => window.__resumed), { user: first.user, csrfToken: fresh, unsavedChanges: true });

      // The form typed before the timeout goes through: the server accepts its CSRF token.
      const [response] = await Promise.all([page.waitForNavigation({ timeout: WAIT_MS }), page.click('form[action="/"] button')]);
      assert.equal(response?.status(), 200);
      const after = await pageState(page);
      assert.equal(after.sent, DRAFT);
      assert.equal(after.user, 'alice');
      assert.deepEqual(e2e.dialogs, [], 'no alert, confirm or "leave page?" prompt');
    } finally {
      await e2e.close();
    }
  });

  test('another user: the page reloads as that user and the draft is gone', TEST, async () => {
    const e2e = await E2E.start(TIMES);
    try {
      const { page } = await typeThenTimeOut(e2e, '/');
      const popup = await openLoginPopup(e2e, page);
      await signInThroughForm(popup, 'bob');
      assert.equal(popup.url(), `${e2e.base}/signed-in`);

      // Awaited together: a failing tick must not leave the navigation wait unhandled.
      const [response] = await Promise.all([page.waitForNavigation({ timeout: WAIT_MS }), e2e.advance(PROBE_EVERY)]);
      assert.equal(response?.status(), 200);
      assert.equal(page.url(), `${e2e.base}/`);
      await e2e.ensureClock(page);
      const reloaded = await until('the page as bob', async () => {
        const state = await pageState(page);
        return state.phase === 'active' && state.user === 'bob' && state;
      });
      assert.equal(reloaded.draft, '');
      assert.equal(reloaded.sent, null);
      assert.equal(reloaded.dialogOpen, false);
      assert.equal(reloaded.bodyVisibility, 'visible');
      assert.equal(await page.evaluate(() => window.__resumed), undefined, 'no resume for another user');
      await until('the popup to be closed by the element', async () => popup.isClosed());
      assert.deepEqual(e2e.dialogs, [], 'no alert, confirm or "leave page?" prompt');
    } finally {
      await e2e.close();
    }
  });

  test('login-mode="frame": signing in inside the dialog resumes the page, and the form submits', TEST, async () => {
    const e2e = await E2E.start(TIMES);
    try {
      const { page } = await typeThenTimeOut(e2e, '/?mode=frame');
      await page.click('session-security >>> button[part~="sign-in"]');
      const frameElement = await until('the login frame', () => page.$('session-security >>> iframe[part~="login-frame"]'));
      const frame = await frameElement.contentFrame();
      assert.ok(frame, 'the login frame');
      // Each load of the frame makes the element ping: the one after signing in resumes,
      // and removes the frame (so no waiting for the frame's own navigation).
      await signInThroughForm(frame, 'alice', false);
      const resumed = await until('the page to resume', async () => {
        const state = await pageState(page);
        return state.phase === 'active' && !state.dialogOpen && state.bodyVisibility === 'visible' && state;
      });
      assert.equal(resumed.draft, DRAFT);
      assert.equal(resumed.formToken, resumed.metaToken);
      const [response] = await Promise.all([page.waitForNavigation({ timeout: WAIT_MS }), page.click('form[action="/?mode=frame"] button')]);
      assert.equal(response?.status(), 200);
      assert.equal((await pageState(page)).sent, DRAFT);
      assert.deepEqual(e2e.dialogs, []);
    } finally {
      await e2e.close();
    }
  });

  test('the demo: the language switch translates the warning, and "Sign out now" posts a valid CSRF token', TEST, async () => {
    const e2e = await E2E.start(TIMES);
    try {
      const page = await openAsAlice(e2e, '/');
      const english = await page.evaluate(() => document.querySelector('session-security').shadowRoot.querySelector('button[part~="stay"]')?.textContent ?? null);
      assert.equal(english, null, 'no dialog yet');
      await page.select('#lang', 'de');
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'de');
      await idleUntilWarning(e2e, page);
      // The element loads the German strings when the warning opens; compare with English only.
      await until('a translated warning', () =>
        page.evaluate(() => {
          const stay = document.querySelector('session-security').shadowRoot.querySelector('button[part~="stay"]');
          return !!stay && stay.textContent.trim() !== '' && stay.textContent.trim() !== 'Stay signed in';
        }),
      );
      assert.equal(e2e.server.security.store.size, 1);
      // Submitted from script, not clicked: a real pointer moving onto the button is
      // activity, which closes the warning ("stay signed in") before the click lands.
      const signOut = () => document.querySelector('session-security').shadowRoot.querySelector('button[part~="sign-out"]').form.requestSubmit();
      const [response] = await Promise.all([page.waitForNavigation({ timeout: WAIT_MS }), page.evaluate(signOut)]);
      assert.equal(response?.status(), 200);
      assert.equal(page.url(), `${e2e.base}/login`);
      assert.equal(e2e.server.security.store.size, 0, 'the session is gone: the CSRF check passed');
    } finally {
      await e2e.close();
    }
  });
});
