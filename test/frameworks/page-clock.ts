/**
 * One Chromium (puppeteer-core, like test/e2e/harness.ts) whose pages run on a fake clock
 * shared with the app server: sinon's timers are installed before any of the page's own
 * scripts (setTimeout, setInterval, their clears and Date; never microtasks or animation
 * frames, which the frameworks render on), and performance.now() too: the element compares
 * it with Date to notice the wall clock stepping back, which a still fake Date beside a
 * real monotonic clock would look like after a few seconds. `advance(s)` moves the server's clock, then
 * the page's. Pings are real fetches: callers wait (briefly, in real time) for answers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { launchChromium } from '../browsers/chromium.mjs';
import { defaultRoot } from '../../demo/static.js';

declare const window: any;
declare const sinon: any;

const SINON = readFileSync(join(defaultRoot(), 'node_modules', 'sinon', 'pkg', 'sinon.js'), 'utf8');

export class Clocked {
  /** ms since the epoch, whole seconds so that idle times stay exact. */
  time = Math.floor(Date.now() / 1000) * 1000;
  /** Errors the pages logged or threw: none is expected. */
  readonly errors: string[] = [];
  private constructor(readonly browser: Browser) {}

  static async launch(): Promise<Clocked> {
    const browser = await launchChromium();
    return new Clocked(browser);
  }

  /** A new tab (in its own browser context: its own cookies and tab channel) on the shared clock. */
  async newPage(): Promise<Page> {
    const context = await this.browser.createBrowserContext();
    const page = await context.newPage();
    page.on('pageerror', (error) => this.errors.push(`${page.url()}: ${error instanceof Error ? error.message : String(error)}`));
    page.on('console', (message) => {
      if (message.type() === 'error') this.errors.push(`${page.url()}: ${message.text()}`);
    });
    await page.evaluateOnNewDocument(SINON);
    await page.evaluateOnNewDocument((now: number) => {
      window.__clock = sinon.useFakeTimers({ now, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'], shouldAdvanceTime: false });
    }, this.time);
    return page;
  }

  /** Moves the server's clock, then `page`'s (firing its due timers). */
  async advance(page: Page, seconds: number): Promise<void> {
    this.time += seconds * 1000;
    await page.evaluate((ms: number) => window.__clock.tickAsync(ms), seconds * 1000);
  }

  close(): Promise<void> {
    return this.browser.close();
  }
}
