/**
 * A "tab" for tests: a same-origin iframe with its own realm, custom element registry,
 * BroadcastChannel and Web Locks client, running the real module. Tabs share the test's
 * fake clock (their timers and Date are the parent's), so one tick moves every tab's time
 * together, and the parent's fetch, so that msw (whose service worker does not control
 * about:blank frames) answers their pings. A tab is also where a test may fire
 * `beforeunload`: on the test page itself that would make msw let go of the page.
 */
import { stub } from 'sinon';
import type { SessionSecurity } from '../src/session-security.js';
import type { TabSync } from '../src/browser/tab-sync.js';
import { PING, until } from './helpers.js';

export interface Tab {
  win: Window & typeof globalThis;
  el: SessionSecurity;
  /** The arguments of each navigation the element started (navigate() is stubbed). */
  navigations: unknown[][];
  frame: HTMLIFrameElement;
}

export interface TabOptions {
  pingUrl?: string;
  /** Markup of the tab's body; it must contain the <session-security> element. */
  body?: string;
  /** Platform features this tab lacks. */
  without?: Array<'BroadcastChannel' | 'locks'>;
  /** Runs in the task that connected the element, as a framework's renderer goes on after inserting it. */
  connected?: (el: SessionSecurity, win: Window & typeof globalThis) => void;
}

const SHARED = ['Date', 'performance', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'fetch'] as const;

export async function openTab(options: TabOptions = {}): Promise<Tab> {
  const frame = document.createElement('iframe');
  document.body.append(frame);
  const win = frame.contentWindow as Window & typeof globalThis;
  const globals = win as unknown as Record<string, unknown>;
  for (const name of SHARED) globals[name] = (window as unknown as Record<string, unknown>)[name];
  for (const api of options.without ?? []) {
    if (api === 'locks') Object.defineProperty(win.navigator, 'locks', { value: undefined });
    else globals.BroadcastChannel = undefined;
  }
  await (win as unknown as { eval(code: string): Promise<unknown> }).eval(`import(${JSON.stringify(new URL('/src/define.ts', location.href).href)})`);
  const Element = win.customElements.get('session-security') as typeof SessionSecurity;
  const navigations: unknown[][] = [];
  stub(Element.prototype as never, 'navigate').callsFake((...args: unknown[]) => navigations.push(args));
  win.document.body.innerHTML = options.body ?? `<session-security user="u1" ping-url="${options.pingUrl ?? PING}"></session-security>`;
  const el = win.document.querySelector('session-security') as SessionSecurity;
  options.connected?.(el, win);
  await el.updateComplete;
  return { win, el, navigations, frame };
}

/** Closes a tab as a browser would: pagehide, then the page and its timers are gone. */
export function closeTab(tab: Tab): void {
  tab.win.dispatchEvent(new tab.win.PageTransitionEvent('pagehide'));
  tab.el.remove();
  tab.frame.remove();
}

export const leads = (tab: Tab): boolean => !!(tab.el.controller.peers as TabSync | undefined)?.leading;

/** Waits until exactly one of `tabs` leads (the lock is granted outside the fake clock). */
export async function untilOneLeads(tabs: Tab[]): Promise<void> {
  await until(() => tabs.filter(leads).length === 1, 'a leader');
}

/** Fires beforeunload in the tab; true when the page asked to stay. */
export function askedToLeave(tab: Tab): boolean {
  const event = new tab.win.Event('beforeunload', { cancelable: true });
  tab.win.dispatchEvent(event);
  return event.defaultPrevented;
}
