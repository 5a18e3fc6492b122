/**
 * Attribute values in, safe settings out. Every refusal is a console error naming the
 * attribute, and the result is always usable: bad input never stops the timers.
 */
import type { Times } from './timeline.js';

export const DEFAULT_TIMES: Times = { warnAfter: 540, expireAfter: 600 };
/** WCAG 2.2.1 asks for at least 20 seconds to react to a timeout warning. */
export const MIN_WARNING_WINDOW = 20;

const isSeconds = (value: number) => Number.isFinite(value) && value > 0;

/** warn-after and expire-after, in seconds; the defaults replace anything unusable. */
export function checkTimes(warnAfter: number, expireAfter: number): Times {
  const bad = [];
  if (!isSeconds(warnAfter)) bad.push(`warn-after="${warnAfter}" is not a positive number of seconds`);
  if (!isSeconds(expireAfter)) bad.push(`expire-after="${expireAfter}" is not a positive number of seconds`);
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

/**
 * An http(s) or relative URL, resolved against `base`; undefined (after a console
 * error) for anything else, such as javascript: or data: URLs.
 */
export function checkUrl(attribute: string, value: string | null | undefined, base: string, required: boolean): URL | undefined {
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
  if (url && (url.protocol === 'https:' || url.protocol === 'http:')) return url;
  console.error(`<session-security>: ${attribute}="${value}" is not an http(s) or relative URL; ignored.`);
  return undefined;
}

/** A positive number of seconds, or the fallback after a console error. */
export function checkSeconds(attribute: string, value: number, fallback: number): number {
  if (isSeconds(value)) return value;
  console.error(`<session-security>: ${attribute}="${value}" is not a positive number of seconds; using ${fallback}.`);
  return fallback;
}
