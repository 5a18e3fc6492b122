/**
 * The browser round trip of CONTRACT.md in Debian's Chromium, in real time: the signed-in
 * page warns after warn-after, "Stay signed in" extends on the server, expiry hides the
 * page, and the server has really ended the session.
 */
import assert from 'node:assert/strict';
import type { Browser, Page } from 'puppeteer-core';
import { readAnswer, send, type Answer } from '../../src/check/http.js';
import { launchChromium } from '../browsers/chromium.mjs';
import { browserLock } from './browser-lock.js';
import { signIn } from './sign-in.js';

// Compiled without the DOM lib: functions passed to the page run where these exist.
declare const document: any;
declare const window: any;
declare const customElements: any;
declare function getComputedStyle(element: unknown): { visibility: string };

export interface Times {
  warnAfter: number;
  expireAfter: number;
}

/** What the page reports from its element's events. */
interface PageEvent {
  type: string;
  /** Date.now() in Node when it arrived. */
  at: number;
  visibility: string;
  phase?: string;
  reason?: string;
}

const EVENTS = ['session-security-warn', 'session-security-extend', 'session-security-expire'];

/** Events from the page, in order; next() waits (bounded) for the next one of a type. */
class Events {
  private readonly seen: PageEvent[] = [];
  private readonly waiters = new Set<() => void>();

  push(event: PageEvent): void {
    this.seen.push(event);
    for (const wake of this.waiters) wake();
  }

  async next(type: string, after: number, timeoutMs: number): Promise<PageEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.seen.find((event) => event.type === type && event.at >= after);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${type} within ${timeoutMs / 1000} s (events so far: ${this.seen.map((e) => e.type).join(', ') || 'none'})`);
      await new Promise<void>((wake) => {
        const done = () => {
          clearTimeout(timer);
          this.waiters.delete(done);
          wake();
        };
        const timer = setTimeout(done, left);
        this.waiters.add(done);
      });
    }
  }
}

/** Resolves when the page's main frame has navigated to `path` (bounded). */
function landsOn(page: Page, path: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onNavigated = (frame: { url(): string }) => {
      if (frame !== page.mainFrame() || new URL(frame.url()).pathname !== path) return;
      clearTimeout(timer);
      page.off('framenavigated', onNavigated);
      resolve();
    };
    const timer = setTimeout(() => {
      page.off('framenavigated', onNavigated);
      reject(new Error(`the page did not land on ${path} within ${timeoutMs / 1000} s (at ${page.url()})`));
    }, timeoutMs);
    page.on('framenavigated', onNavigated);
  });
}

/** A ping from Node as the element sends it, without idleFor (so it moves nothing). */
async function ping(base: string, cookie: string): Promise<Answer> {
  const headers = { Cookie: cookie, Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
  return readAnswer(await send({ fetch, timeout: 10_000 }, `${base}/session/ping`, { headers }));
}

async function browserCookie(browser: Browser): Promise<string> {
  return (await browser.cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
}

/** Resolves when a ping answer reaches the page after this call. */
function nextPingAnswer(page: Page, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      page.off('response', onResponse);
      reject(new Error(`the page sent no ping within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    function onResponse(response: { url(): string }) {
      if (new URL(response.url()).pathname !== '/session/ping') return;
      clearTimeout(timer);
      page.off('response', onResponse);
      resolve();
    }
    page.on('response', onResponse);
  });
}

export async function roundTrip(base: string, times: Times, log: (line: string) => void): Promise<void> {
  const release = await browserLock();
  let browser: Browser | undefined;
  try {
    browser = await launchChromium({ protocolTimeout: 30_000 });
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error instanceof Error ? error.message : String(error)));
    page.on('console', (message) => message.type() === 'error' && log(`page console: ${message.text()}`));

    const events = new Events();
    await page.exposeFunction('__recipeEvent', (event: Omit<PageEvent, 'at'>) => events.push({ ...event, at: Date.now() }));
    await page.evaluateOnNewDocument((types: string[]) => {
      for (const type of types) {
        document.addEventListener(type, (event: any) =>
          window.__recipeEvent({ type, visibility: getComputedStyle(document.documentElement).visibility, phase: event.target.controller?.phase, reason: event.detail?.reason }),
        );
      }
    }, EVENTS);

    const cookie = await signIn(base);
    await browser.setCookie(...cookie.split('; ').map((pair) => ({ name: pair.slice(0, pair.indexOf('=')), value: pair.slice(pair.indexOf('=') + 1), domain: '127.0.0.1', path: '/' })));

    const loaded = Date.now();
    const response = await page.goto(`${base}/`, { waitUntil: 'load', timeout: 20_000 });
    assert.equal(new URL(page.url()).pathname, '/', `GET / with a fresh session ended at ${page.url()} (HTTP ${response?.status()})`);
    await page.waitForFunction(() => customElements.get('session-security') && document.querySelector('session-security'), { timeout: 10_000 });

    const warned = await events.next('session-security-warn', loaded, (times.warnAfter + 10) * 1000);
    const warnedAfter = (warned.at - loaded) / 1000;
    log(`warning after ${warnedAfter.toFixed(1)} s (warn-after ${times.warnAfter})`);
    assert.ok(warnedAfter >= times.warnAfter - 1, `warned after ${warnedAfter} s, before warn-after ${times.warnAfter}`);

    // A real click (trusted input) on the button inside the element's shadow root.
    const stay = await page.waitForSelector('session-security >>> button[part~="stay"]', { visible: true, timeout: 5000 });
    const pinged = nextPingAnswer(page, 15_000);
    pinged.catch(() => {}); // awaited below
    const clicked = Date.now();
    await stay!.click();
    await events.next('session-security-extend', clicked, 5000);
    await pinged; // the element's report reached the server

    const extendedCookie = await browserCookie(browser); // cookie-store sessions change it
    const afterStay = await ping(base, extendedCookie);
    assert.equal(afterStay.kind, 'idle', `after "Stay signed in" the server answered ${afterStay.status} ${afterStay.body}`);
    assert.ok(afterStay.idle! < 3, `after "Stay signed in" the server says idle ${afterStay.idle} s: it did not extend`);

    const landed = landsOn(page, '/login', (times.expireAfter + 30) * 1000);
    landed.catch(() => {}); // awaited below; a failure before then must not go unhandled
    const expired = await events.next('session-security-expire', clicked, (times.expireAfter + 15) * 1000);
    const expiredAfter = (expired.at - clicked) / 1000;
    log(`expired ${expiredAfter.toFixed(1)} s after "Stay signed in" (expire-after ${times.expireAfter}; reason ${expired.reason})`);
    assert.ok(expiredAfter >= times.expireAfter - 1, `expired ${expiredAfter} s after the extension, before expire-after ${times.expireAfter}`);
    assert.ok(expired.visibility === 'hidden' || expired.phase === 'expired', `at expiry the page shows (visibility ${expired.visibility}, phase ${expired.phase})`);

    const gone = await ping(base, extendedCookie);
    assert.equal(gone.kind, 'logout', `after expiry a ping with the old cookie answered ${gone.status} ${gone.body}: the session is alive`);
    // The element then reloads; the server must refuse the page.
    await landed;
    assert.deepEqual(errors, [], 'errors in the page');
  } finally {
    await browser?.close().catch(() => {});
    release();
  }
}
