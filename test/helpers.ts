/**
 * Shared test plumbing: msw for the ping endpoint (the network is mocked at the fetch
 * boundary only), sinon's clock for time, and a way to wait for real asynchronous work
 * (the service worker answers outside the fake clock) without sleeping.
 */
import { fixtureCleanup } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { http, HttpResponse, delay, type HttpResponseResolver } from 'msw';
import { stub, useFakeTimers, type SinonFakeTimers, type SinonStub } from 'sinon';
import type { SessionSecurity } from '../src/session-security.js';

export const worker = setupWorker();

/**
 * This test file's ping URL. Test files run side by side in one browser, and every page
 * of an origin with the same ping URL is one session to the element (tab sync through
 * BroadcastChannel and Web Locks), so each file gets a ping URL of its own.
 */
export let PING = `/ping/${Math.random().toString(36).slice(2)}`;
/**
 * A new ping URL for the next test (a live binding: importers see it): a ping a previous
 * test's element left under way (an aborted fetch still reaches the service worker, late
 * in slower engines) must not land in this test's handler.
 */
export function nextPing(): string {
  PING = `/ping/${Math.random().toString(36).slice(2)}`;
  return PING;
}
/** The tab channel's and the leader lock's name for a ping URL. */
export const channelName = (pingUrl = PING): string => `session-security ${new URL(pingUrl, location.href).href}`;
let started: Promise<unknown> | undefined;
export function startWorker(): Promise<unknown> {
  started ??= worker.start({ quiet: true, onUnhandledRequest: 'error' });
  return started;
}

/** Real time, for the waits below: captured before any test fakes `performance`. */
const realNow = performance.now.bind(performance);

/**
 * Fakes timers, Date and performance.now() (faking microtasks or animation frames hangs
 * fixtures). performance.now() moves with the ticks but not with setSystemTime(), as a
 * monotonic clock does: the element tells a wall clock set back from time passing by it,
 * and real time spent waiting on the service worker must not look like a step back.
 */
export function fakeClock(now = Date.UTC(2026, 0, 1, 9)): SinonFakeTimers {
  return useFakeTimers({ now, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'] });
}

/** One real macrotask, through a channel the fake clock does not touch. */
export function macrotask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * Waits, in real macrotasks, until `condition` holds: for work outside the fake clock
 * (the service worker, Web Locks, messages between frames). Never advances fake time.
 * The limit is real time: 5 s. Not the Node-side until (test/browsers/until.mjs), which
 * polls on setTimeout: here sinon fakes that, so this one runs in the page on macrotasks.
 */
export async function until(condition: () => boolean, what = 'condition'): Promise<void> {
  const limit = realNow() + 5000;
  while (!condition()) {
    if (realNow() > limit) throw new Error(`timed out waiting for ${what}`);
    await macrotask();
  }
}

export interface PingLog {
  /** The idleFor of each ping, in order (NaN when missing). */
  idleFor: number[];
  requests: Request[];
  /** Date.now() when each ping arrived (the fake clock stands still meanwhile: its sentAt). */
  times: number[];
}

/**
 * Serves GET PING (or `url`) with `answer(idleFor, n)`: a JSON value, a Response, or 'hang'.
 * Returns the log of what the element sent.
 */
export function servePing(answer: (idleFor: number, n: number) => unknown, url = PING): PingLog {
  const log: PingLog = { idleFor: [], requests: [], times: [] };
  const resolver: HttpResponseResolver = async ({ request }) => {
    const idleFor = Number(new URL(request.url).searchParams.get('idleFor') ?? NaN);
    log.idleFor.push(idleFor);
    log.requests.push(request);
    log.times.push(Date.now());
    const value = answer(idleFor, log.idleFor.length);
    if (value === 'hang') {
      await delay('infinite');
    }
    return value instanceof Response ? value : HttpResponse.json(value as never);
  };
  worker.use(http.get(url, resolver));
  return log;
}

/** An answer that merges like a server that saw no other activity. */
export const echo = (idleFor: number) => idleFor;

/** Collects the events of one type an element dispatches. */
export function record<T = unknown>(target: EventTarget, type: string): CustomEvent<T>[] {
  const events: CustomEvent<T>[] = [];
  target.addEventListener(type, (event) => events.push(event as CustomEvent<T>));
  return events;
}

/** The element's dialog, in its shadow root. */
export const dialogOf = (el: SessionSecurity): HTMLDialogElement => el.shadowRoot!.querySelector('dialog')!;

/**
 * Idle for `seconds` (default: the element's warn-after) on the fake clock, until the
 * warning shows (the server saw no other activity) and the dialog is rendered.
 */
export async function warned(clock: SinonFakeTimers, el: SessionSecurity, seconds = el.warnAfter): Promise<void> {
  await clock.tickAsync(seconds * 1000);
  await until(() => el.controller.phase === 'warning', 'warning');
  await el.updateComplete;
}

/** Waits until some tab holds the leader lock of `pingUrl` (granted asynchronously, outside the fake clock). */
export async function untilLeader(pingUrl = PING): Promise<void> {
  const name = channelName(pingUrl);
  const limit = realNow() + 5000;
  while (realNow() < limit) {
    const { held = [] } = await navigator.locks.query();
    if (held.some((lock) => lock.name === name)) return;
    await macrotask();
  }
  throw new Error(`no tab holds the lock ${name}`);
}

/**
 * For tests of the element on the test page itself: a fake clock, and the element's
 * navigate() stubbed so that expiry does not leave the test page. Undo with tearDown().
 */
export function setUpElementTest(): { clock: SinonFakeTimers; navigate: SinonStub } {
  nextPing();
  const element = customElements.get('session-security') as CustomElementConstructor;
  return { clock: fakeClock(), navigate: stub(element.prototype as never, 'navigate') };
}

export function tearDownElementTest({ clock, navigate }: { clock: SinonFakeTimers; navigate: SinonStub }): void {
  // Elements first, while navigate() is still stubbed: @open-wc's own clean-up runs in a
  // later hook, and a ping answer or tab message arriving in between (real macrotasks once
  // the clock is restored) could make a left-over element reload the test page, which the
  // runner reports as "the browser disconnected".
  fixtureCleanup();
  for (const element of document.querySelectorAll('session-security')) element.remove();
  navigate.restore();
  clock.restore();
  worker.resetHandlers();
  document.documentElement.style.removeProperty('visibility');
}
