// Picking a locale, loading its strings lazily, and formatting what goes into them.
// Plurals and unit names come from the platform's Intl, never from rules written here.
import { en } from './en.js';
import type { Strings } from './strings.js';
import { logError } from '../core/log.js';

/** The locales with built-in strings: English plus django-session-security's ten. */
export const LOCALES = ['en', 'ca', 'cs', 'de', 'es', 'fr', 'it', 'nl', 'pl', 'pt-BR', 'pt-PT'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * The lazy loaders, one static import path each so bundlers split every locale into its
 * own chunk. English is not here: it is always bundled.
 * @internal Exported only so tests can simulate a failed load; not public API.
 */
export const loaders: Record<Exclude<Locale, 'en'>, () => Promise<{ default: Strings }>> = {
  ca: () => import('./ca.js'),
  cs: () => import('./cs.js'),
  de: () => import('./de.js'),
  es: () => import('./es.js'),
  fr: () => import('./fr.js'),
  it: () => import('./it.js'),
  nl: () => import('./nl.js'),
  pl: () => import('./pl.js'),
  'pt-BR': () => import('./pt-BR.js'),
  'pt-PT': () => import('./pt-PT.js'),
};

/**
 * The built-in locale closest to a language tag (BCP 47, `_` accepted, any case):
 * Portuguese by region (Brazil or none → pt-BR, any other region → pt-PT), every other
 * language by its base ('de-AT' → 'de'); anything unknown or malformed → 'en'.
 */
export function matchLocale(lang: string | undefined | null): Locale {
  if (typeof lang !== 'string') return 'en';
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(lang.trim().replaceAll('_', '-'));
  } catch {
    return 'en'; // RangeError: not a well-formed tag ('', '💥', 'en-US,en;q=0.9')
  }
  const { language, region } = locale;
  if (language === 'pt') return region && region !== 'BR' ? 'pt-PT' : 'pt-BR';
  return (LOCALES as readonly string[]).includes(language) ? (language as Locale) : 'en';
}

/**
 * The language an element is in: its own non-empty `lang`, else the closest ancestor's,
 * walking out of shadow roots through their hosts, else the document's, else the browser's.
 */
export function langOf(element: Element): string {
  for (let node: Element | null = element; node;) {
    const lang = node.getAttribute('lang')?.trim();
    if (lang) return lang;
    const root = node.getRootNode();
    node = node.parentElement ?? (root instanceof ShadowRoot ? root.host : null);
  }
  return document.documentElement.lang.trim() || navigator.language || 'en';
}

/**
 * The strings of a locale (any tag: it goes through `matchLocale`). English resolves at
 * once without loading anything; a locale that fails to load resolves to English too,
 * with a console error naming it.
 */
export async function loadStrings(locale: string): Promise<Strings> {
  const matched = matchLocale(locale);
  if (matched === 'en') return en;
  try {
    return (await loaders[matched]()).default;
  } catch (error) {
    logError(`cannot load "${matched}"; using English.`, error);
    return en;
  }
}

/** Whole non-negative seconds, rounded up; anything not a finite number counts as 0. */
function wholeSeconds(seconds: number): number {
  return Number.isFinite(seconds) ? Math.max(0, Math.ceil(seconds)) : 0;
}

/**
 * A duration for the screen-reader announcement, in the locale's words and plural:
 * whole minutes rounded up from 60 s on ("2 minutes" for 61 s), whole seconds below.
 */
export function formatDuration(seconds: number, locale: string): string {
  const s = wholeSeconds(seconds);
  const minutes = s >= 60;
  const options: Intl.NumberFormatOptions = { style: 'unit', unit: minutes ? 'minute' : 'second', unitDisplay: 'long' };
  const value = minutes ? Math.ceil(s / 60) : s;
  // Built at most once a second, while the warning shows: not worth a cache.
  try {
    return new Intl.NumberFormat(locale, options).format(value);
  } catch {
    return new Intl.NumberFormat('en', options).format(value); // RangeError: malformed tag
  }
}

/** The visible countdown, m:ss (65 → "1:05", 3600 → "60:00"), seconds rounded up. */
export function formatClock(seconds: number): string {
  const s = wholeSeconds(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * Replaces `{name}` placeholders with values, as plain text: the result is meant for text
 * nodes, never for HTML. Unknown placeholders are left as they are.
 */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => (Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : placeholder));
}
