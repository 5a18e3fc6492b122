/**
 * Attribute values in, safe settings out. Every refusal is a console error naming the
 * attribute, and the result is always usable: bad input never stops the timers.
 */
import { MAX_SECONDS, warnsFirst, type Times } from './protocol.js';
import { logError, logWarning } from './log.js';

export const DEFAULT_TIMES: Times = { warnAfter: 540, expireAfter: 600 };
/** WCAG 2.2.1 asks for at least 20 seconds to react to a timeout warning. */
export const MIN_WARNING_WINDOW = 20;

/**
 * ping-timeout's range, in seconds. Under 1 s a ping fails on any slow network, and every
 * failed ping is a warning the user did not earn. Over 2 minutes a request is hung, not
 * slow, and the wait costs the user: other tabs wait ping-timeout + 5 s for the leader's
 * answer before they act. (Unchecked, 2147484 s overflowed setTimeout, whose limit is
 * 2^31-1 ms, into 0: every ping failed at once.)
 */
export const PING_TIMEOUT = { min: 1, max: 120, fallback: 10 };

const isSeconds = (value: number, max = MAX_SECONDS) => Number.isFinite(value) && value > 0 && value <= max;

/** warn-after and expire-after, in seconds (at most MAX_SECONDS, a year); the defaults replace anything unusable. */
export function checkTimes(warnAfter: number, expireAfter: number): Times {
  // Short messages (bytes), each naming the attribute and its value.
  const bad = [];
  const range = `not seconds in (0, ${MAX_SECONDS}]`;
  if (!isSeconds(warnAfter)) bad.push(`warn-after="${warnAfter}" ${range}`);
  if (!isSeconds(expireAfter)) bad.push(`expire-after="${expireAfter}" ${range}`);
  if (!bad.length && !warnsFirst({ warnAfter, expireAfter })) bad.push(`warn-after (${warnAfter}) not < expire-after (${expireAfter})`);
  if (bad.length) {
    logError(`${bad.join('; ')}; using ${DEFAULT_TIMES.warnAfter} and ${DEFAULT_TIMES.expireAfter}.`);
    return DEFAULT_TIMES;
  }
  if (expireAfter - warnAfter < MIN_WARNING_WINDOW) logWarning(`warning only ${expireAfter - warnAfter} s before expiry; WCAG 2.2.1 asks ${MIN_WARNING_WINDOW} s.`);
  return { warnAfter, expireAfter };
}

export interface UrlRule {
  /** Resolves relative URLs (the document's base URI). */
  base: string;
  /** A console error when the attribute is empty. */
  required?: boolean;
  /**
   * The only origin allowed (the page's), if any. `//evil.test` and `/\evil.test` are
   * relative only in appearance: they resolve to another host, so only the resolved
   * URL's origin is compared, never the text.
   */
  origin?: string;
  /** Appended to the error when the origin is refused: how to allow it, where possible. */
  hint?: string;
}

/**
 * An http(s) or relative URL, resolved against `base`; undefined (after a console error
 * naming the attribute) for anything else, such as javascript: or data: URLs, and for
 * another origin than `origin`.
 */
export function checkUrl(attribute: string, value: string | null | undefined, { base, required = false, origin, hint = '' }: UrlRule): URL | undefined {
  if (!value) {
    if (required) logError(`${attribute} is required.`);
    return undefined;
  }
  let url: URL | undefined;
  try {
    url = new URL(value, base);
  } catch {
    // reported below
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    logError(`${attribute}="${value}" is not http(s); ignored.`);
    return undefined;
  }
  if (origin !== undefined && url.origin !== origin) {
    logError(`${attribute}="${value}" leads to ${url.origin}, not ${origin}; ignored.${hint}`);
    return undefined;
  }
  return url;
}

/** A number of seconds within [min, max], or the fallback after a console error. */
export function checkSeconds(attribute: string, value: number, { min, max, fallback }: { min: number; max: number; fallback: number }): number {
  if (Number.isFinite(value) && value >= min && value <= max) return value;
  logError(`${attribute}="${value}" not seconds in [${min}, ${max}]; using ${fallback}.`);
  return fallback;
}

/** The attributes configure() reads, as the element's properties hold them. */
export interface Attributes {
  pingUrl: string;
  warnAfter: number;
  expireAfter: number;
  returnToUrl: string;
  pingTimeout: number;
  logoutUrl: string;
  loginUrl: string;
  loginMode: string;
  allowCrossOriginLogin: boolean;
  eventsUrl: string;
}

/** What the element runs on: its attributes once checked, each bad one reported and replaced. */
export interface Settings {
  times: Times;
  /** Seconds before a ping counts as failed. */
  timeout: number;
  ping?: URL;
  returnTo?: URL;
  logout?: URL;
  login?: URL;
  /** The session events stream (PROTOCOL.md, "Session events"), if any. */
  events?: URL;
  /** The login page opens in a frame inside the dialog (login-mode="frame"), not a popup. */
  frame: boolean;
}

/** Every attribute's check, in one place; `base` resolves relative URLs, `origin` is the page's. */
export function configure(a: Attributes, base: string, origin: string): Settings {
  // The ping and the sign-out form carry the session's cookies and the CSRF token, and
  // a login frame sits inside this page: never another origin. Leaving the page (at
  // expiry, or to sign in in a popup) may go to an identity provider, but only when
  // the page says so; otherwise return-to-url="/\evil.test" would be an open redirect.
  const away = a.allowCrossOriginLogin ? undefined : origin;
  const hint = ' allow-cross-origin-login allows it.';
  const frame = a.loginMode === 'frame';
  const settings = {
    times: checkTimes(a.warnAfter, a.expireAfter),
    ping: checkUrl('ping-url', a.pingUrl, { base, required: true, origin }),
    returnTo: checkUrl('return-to-url', a.returnToUrl, { base, origin: away, hint }),
    logout: checkUrl('logout-url', a.logoutUrl, { base, origin }),
    events: checkUrl('events-url', a.eventsUrl, { base, origin }),
    login: checkUrl('login-url', a.loginUrl, frame ? { base, origin, hint: ' login-mode="frame" needs this origin.' } : { base, origin: away, hint }),
    timeout: checkSeconds('ping-timeout', a.pingTimeout, PING_TIMEOUT),
    frame,
  };
  if (a.loginMode !== 'popup' && !frame) logError(`login-mode="${a.loginMode}" not popup or frame; using popup.`);
  return settings;
}
