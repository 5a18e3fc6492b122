/**
 * End-to-end harness: the demo app (reference server) and headless Debian Chromium
 * driven by puppeteer-core, sharing one fake clock.
 *
 * Time is never slept through. Both sides run on a clock the test moves:
 * - the server gets `now` (startDemo's option, passed down to createSessionSecurity);
 * - every page and popup gets sinon's fake timers before any of its own scripts run
 *   (page.evaluateOnNewDocument, which also covers frames): setTimeout, clearTimeout,
 *   setInterval, clearInterval and Date only, never queueMicrotask or
 *   requestAnimationFrame (lit renders on microtasks), with shouldAdvanceTime off.
 * `advance(seconds)` moves the server clock first and then ticks every open page with
 * `__clock.tickAsync`, so a ping a timer sends reaches a server that already agrees on
 * the time. Pings are real fetches, which no fake clock can hurry: callers advance in
 * steps and wait (briefly, in real time) for the answer before the next step, or the
 * element's own 10 s ping timeout would fire on fake time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser, Frame, HTTPResponse, Page, Target } from 'puppeteer-core';
import { startDemo, type DemoServer } from '../../demo/server.js';
import { launchChromium } from '../browsers/chromium.mjs';
import { defaultRoot } from '../../demo/static.js';
import { until } from '../browsers/until.mjs';

export { until };

// This file compiles without the DOM lib (tsconfig.server.json). Functions passed to
// page.evaluate run in the page, where these exist.
declare const window: any;
declare const sinon: any;

const SINON = join(defaultRoot(), 'node_modules', 'sinon', 'pkg', 'sinon.js');

/** How long any single wait may take, in real time. */
export const WAIT_MS = 20_000;

/**
 * Signs `user` in through the demo's sign-in form in a page or frame (its password is
 * the user name) and resolves to the answer of the page it leads to, or, with `wait`
 * false, right after the click (when the form's answer closes or replaces the target).
 */
export async function signInThroughForm(target: Page | Frame, user: string, wait = true): Promise<HTTPResponse | null | undefined> {
  await until('the sign-in form', () => target.$('form[action="/login"] input[name=password]'));
  await target.type('input[name=username]', user);
  await target.type('input[name=password]', user);
  if (!wait) return void (await target.click('form[action="/login"] button'));
  const [response] = await Promise.all([target.waitForNavigation({ timeout: WAIT_MS }), target.click('form[action="/login"] button')]);
  return response;
}

/** One ping answer as the page received it. */
export interface PingLog {
  status: number;
  body: unknown;
}

export class E2E {
  /** The shared fake time, ms since the epoch; a whole second to keep idle times exact. */
  time = Math.floor(Date.now() / 1000) * 1000;
  readonly pages = new Set<Page>();
  /** Every ping answer any page received, in order. */
  readonly pings: PingLog[] = [];
  /** Dialogs (alert, confirm, beforeunload) the pages opened: none is expected. */
  readonly dialogs: string[] = [];
  private readonly clockScripts = new Map<Page, string>();
  private readonly sinon = readFileSync(SINON, 'utf8');
  private readonly installing = new Set<Promise<unknown>>();
  /** Each page's one setup (a new tab is seen both by newPage and by targetcreated). */
  private readonly adopted = new Map<Page, Promise<void>>();

  private constructor(
    readonly server: DemoServer,
    readonly base: string,
    readonly browser: Browser,
  ) {
    browser.on('targetcreated', (target: Target) => {
      if (target.type() !== 'page') return;
      // Popups: install as soon as puppeteer sees them. The popup starts on about:blank
      // and then loads its URL, which usually leaves time, but this races with the load:
      // `ensureClock` checks and reloads the popup if the race was lost.
      const installing = target.page().then((page) => page && this.adopt(page));
      this.installing.add(installing);
      installing.catch(() => {}).finally(() => this.installing.delete(installing));
    });
  }

  /** The demo on 127.0.0.1 (free port) with the fake clock, and a fresh headless Chromium. */
  static async start(times: { warnAfter: number; expireAfter: number }): Promise<E2E> {
    let server: DemoServer | undefined;
    let browser: Browser | undefined;
    try {
      // The server reads the clock only once it serves requests, after e2e is made below.
      const now = () => e2e.time;
      server = await startDemo({ port: 0, host: '127.0.0.1', ...times, now });
      const { port } = server.address() as AddressInfo;
      browser = await launchChromium();
      const e2e = new E2E(server, `http://127.0.0.1:${port}`, browser);
      return e2e;
    } catch (error) {
      await browser?.close().catch(() => {});
      if (server) await closeServer(server);
      throw error;
    }
  }

  /** A new tab with fake timers. */
  async newPage(): Promise<Page> {
    const page = await this.browser.newPage();
    await this.adopt(page);
    return page;
  }

  /** Fake timers in every document this page loads from now on; pings and dialogs recorded. */
  private adopt(page: Page): Promise<void> {
    let adopted = this.adopted.get(page);
    if (!adopted) this.adopted.set(page, (adopted = this.setUp(page)));
    return adopted;
  }

  private async setUp(page: Page): Promise<void> {
    this.pages.add(page);
    page.once('close', () => {
      this.pages.delete(page);
      this.clockScripts.delete(page);
      this.adopted.delete(page);
    });
    page.on('dialog', (dialog) => {
      this.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      dialog.dismiss().catch(() => {});
    });
    page.on('response', (response) => {
      if (new URL(response.url()).pathname !== '/session/ping') return;
      const entry: PingLog = { status: response.status(), body: undefined };
      this.pings.push(entry);
      response.json().then(
        (body) => (entry.body = body),
        () => {},
      );
    });
    await page.evaluateOnNewDocument(this.sinon); // the UMD build defines `sinon`
    await this.setClockScript(page);
  }

  /** (Re)registers the clock script so that the next document starts at the current time. */
  private async setClockScript(page: Page): Promise<void> {
    const old = this.clockScripts.get(page);
    if (old) await page.removeScriptToEvaluateOnNewDocument(old);
    const { identifier } = await page.evaluateOnNewDocument((now: number) => {
      window.__clock = sinon.useFakeTimers({
        now,
        toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
        shouldAdvanceTime: false,
      });
    }, this.time);
    this.clockScripts.set(page, identifier);
  }

  /** Checks that `page`'s document has the fake clock at the shared time; reloads it once if not (a popup that loaded before its script was in place). */
  async ensureClock(page: Page): Promise<void> {
    await Promise.all(this.installing);
    const state = () => page.evaluate(() => (window.__clock ? (Date.now() as number) : null));
    let now = await state();
    if (now === null) {
      await page.reload({ waitUntil: 'load', timeout: WAIT_MS });
      now = await state();
    }
    if (now !== this.time) throw new Error(`${page.url()}: page clock ${now}, shared clock ${this.time}`);
  }

  /**
   * Moves both clocks by `seconds`: the server's first, then each open page's (firing
   * its due timers; promises settle between them). Returns when the timers have run,
   * not when the network requests they started have been answered.
   */
  async advance(seconds: number): Promise<void> {
    await Promise.all(this.installing);
    const ms = seconds * 1000;
    this.time += ms;
    for (const page of [...this.pages]) {
      try {
        if (page.isClosed()) continue;
        await this.setClockScript(page);
        await page.evaluate((ms: number) => window.__clock?.tickAsync(ms), ms);
      } catch (error) {
        // A timer of an earlier page may close this one (the element closes its popup
        // once someone signed in): nothing left to tick then. The protocol error can
        // come before puppeteer marks the page closed. A timer of this page may also
        // navigate it (the element reloads a page another user signed in on): the old
        // document is gone with its timers, and the new one starts at the shared time
        // from the clock script registered above.
        const message = error instanceof Error ? error.message : '';
        const closed = page.isClosed() || /Target closed|Session closed/i.test(message);
        const navigated = /Execution context was destroyed|Navigating frame was detached/i.test(message);
        if (!closed && !navigated) throw error;
      }
    }
  }

  /** How many ping answers the pages received so far (to wait for the next with `nextPing`). */
  pingCount(): number {
    return this.pings.length;
  }

  /** Waits for the ping answers after the `count` first to be in, and returns the last. */
  async nextPing(count: number): Promise<PingLog> {
    return until(`a ping answer (after ${count})`, async () => {
      const last = this.pings[this.pings.length - 1];
      return this.pings.length > count && last.body !== undefined ? last : undefined;
    });
  }

  async close(): Promise<void> {
    try {
      await this.browser.close();
    } finally {
      await closeServer(this.server);
    }
  }
}

function closeServer(server: DemoServer): Promise<void> {
  return new Promise((done) => {
    server.closeAllConnections();
    server.close(() => done());
  });
}
