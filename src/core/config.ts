/**
 * Attribute values in, safe settings out. Every refusal is a console error naming the
 * attribute, and the result is always usable: bad input never stops the timers.
 */
import type { Times } from './timeline.js';
import { MAX_SECONDS } from './protocol.js';

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
  const bad = [];
  const range = `a number of seconds above 0 and at most ${MAX_SECONDS} (a year)`;
  if (!isSeconds(warnAfter)) bad.push(`warn-after="${warnAfter}" is not ${range}`);
  if (!isSeconds(expireAfter)) bad.push(`expire-after="${expireAfter}" is not ${range}`);
  if (!bad.length && warnAfter >= expireAfter) bad.push(`warn-after (${warnAfter}) must be less than expire-after (${expireAfter})`);
  if (bad.length) {
    console.error(`<session-security>: ${bad.join('; ')}. Using warn-after=${DEFAULT_TIMES.warnAfter} and expire-after=${DEFAULT_TIMES.expireAfter}.`);
    return DEFAULT_TIMES;
  }
  if (expireAfter - warnAfter < MIN_WARNING_WINDOW) {
    console.warn(`<session-security>: the warning shows only ${expireAfter - warnAfter} s before expiry; WCAG 2.2.1 asks for at least ${MIN_WARNING_WINDOW} s.`);
  }
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
    if (required) console.error(`<session-security>: ${attribute} is required.`);
    return undefined;
  }
  let url: URL | undefined;
  try {
    url = new URL(value, base);
  } catch {
    // reported below
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    console.error(`<session-security>: ${attribute}="${value}" is not an http(s) or relative URL; ignored.`);
    return undefined;
  }
  if (origin !== undefined && url.origin !== origin) {
    console.error(`<session-security>: ${attribute}="${value}" leads to ${url.origin}, not this page's origin ${origin}; ignored.${hint}`);
    return undefined;
  }
  return url;
}

/** A number of seconds within [min, max], or the fallback after a console error. */
export function checkSeconds(attribute: string, value: number, { min, max, fallback }: { min: number; max: number; fallback: number }): number {
  if (Number.isFinite(value) && value >= min && value <= max) return value;
  console.error(`<session-security>: ${attribute}="${value}" is not a number of seconds from ${min} to ${max}; using ${fallback}.`);
  return fallback;
}
