/**
 * Revocation push, end to end in real time: headless Chromium with several tabs of one
 * signed-in session, served by one demo process or by two behind a load balancer
 * without sticky sessions (`startBalancer`: one origin, requests spread over both).
 * `revokeToHidden` revokes the session and returns, in ms, how long until every tab hid
 * its page. Used by test/e2e/push.test.ts and by scripts/bench-server.mjs (the figures).
 */
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'puppeteer-core';
import { launchChromium } from '../browsers/chromium.mjs';
import { WAIT_MS, signInThroughForm, until } from './harness.js';

// Runs in the page (this file compiles without the DOM lib).
declare const document: any;
declare const window: any;
declare const MutationObserver: any;
declare function getComputedStyle(element: unknown): { visibility: string };

export interface PushRun {
  browser: Browser;
  tabs: Page[];
  /** The session's Cookie header, for revoking it from Node. */
  cookie: string;
  close(): Promise<void>;
}

/** Signs alice in through the form on `bases[0]`, then opens `perBase` tabs of the protected page on each base. */
export async function openTabs(bases: string[], perBase: number): Promise<PushRun> {
  const browser = await launchChromium();
  const close = async () => {
    await browser.close().catch(() => {});
  };
  try {
    const login = await browser.newPage();
    await login.goto(`${bases[0]}/login`, { waitUntil: 'load', timeout: WAIT_MS });
    await signInThroughForm(login, 'alice');
    const cookie = (await browser.cookies()).map(({ name, value }) => `${name}=${value}`).join('; ');
    await login.close();
    const tabs: Page[] = [];
    for (const base of bases) {
      for (let n = 0; n < perBase; n++) {
        const tab = await browser.newPage();
        await tab.goto(`${base}/`, { waitUntil: 'load', timeout: WAIT_MS });
        await until('the element running', () => tab.evaluate(() => document.querySelector('session-security')?.controller?.phase === 'active'));
        // Records the moment the element hides the page (hidePage sets visibility on the root).
        await tab.evaluate(() => {
          window.__hiddenAt = 0;
          new MutationObserver(() => {
            if (!window.__hiddenAt && getComputedStyle(document.documentElement).visibility === 'hidden') window.__hiddenAt = Date.now();
          }).observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });
        });
        tabs.push(tab);
      }
    }
    return { browser, tabs, cookie, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The reason each tab's element gave for ending, once all have ended. */
export function reasons(run: PushRun): Promise<string[]> {
  return Promise.all(
    run.tabs.map((tab) => until('the tab expired', () => tab.evaluate(() => (document.querySelector('session-security')?.controller?.phase === 'expired' ? (window.__reason ?? 'expired') : '')))),
  );
}

/**
 * Revokes every session of alice by `revoke` (a request to one process), then waits for
 * every tab to hide its page; returns the ms from just before the request to the last tab.
 */
export async function revokeToHidden(run: PushRun, revoke: () => Promise<void>): Promise<number> {
  for (const tab of run.tabs) await tab.evaluate(() => document.addEventListener('session-security-expire', (event: any) => (window.__reason = event.detail.reason)));
  const started = Date.now();
  await revoke();
  const times = await Promise.all(run.tabs.map((tab) => until('the tab hidden', () => tab.evaluate(() => window.__hiddenAt as number))));
  return Math.max(...times) - started;
}

/**
 * A leader tab looks every second whether it should hold the stream (SessionEvents):
 * give the leaders that long, and then some, to open theirs before measuring.
 */
export const STREAMS_OPEN_MS = 1500;

/** "Sign out everywhere" posted to `base` with the session's cookie and CSRF token, as the demo's button does (from a page of `origin`). */
export async function signOutEverywhere(run: PushRun, base: string, origin = base): Promise<void> {
  const token: string = await run.tabs[0].evaluate(() => document.querySelector('meta[name=csrf-token]').content);
  const response = await fetch(`${base}/sessions/revoke-all`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Cookie: run.cookie, Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrfmiddlewaretoken: token }).toString(),
  });
  await response.arrayBuffer();
  if (response.status !== 303) throw new Error(`sign out everywhere answered ${response.status}`);
}

/**
 * A load balancer without sticky sessions on a free port: requests go to the targets in
 * turn, except the event streams, which all go to `eventsTo` (so that a revocation sent
 * to another process must cross Redis to reach them).
 */
export async function startBalancer(targets: string[], eventsTo: string): Promise<{ base: string; close(): Promise<void> }> {
  let next = 0;
  const server = createServer((req, res) => {
    const target = new URL((req.url ?? '/').startsWith('/session/events') ? eventsTo : targets[next++ % targets.length]);
    const forward = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => res.destroy());
    res.on('close', () => forward.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
