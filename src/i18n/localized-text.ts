/**
 * The element's texts: the strings of its language (its lang, or the closest ancestor's,
 * loaded lazily) unless a `text-*` attribute overrides one. A lit reactive controller: it
 * loads on connect and re-renders its host when a language's strings arrive.
 */
import type { ReactiveControllerHost } from 'lit';
import { en } from './en.js';
import type { Strings } from './strings.js';
import { langOf, loadStrings, matchLocale } from './locale.js';

export interface LocalizedText {
  /** The locale of the strings in use (for Intl's formats). */
  readonly locale: string;
  /** Loads the strings of the host's language, if it changed (lang may be set late). */
  load(): Promise<void>;
  /** A string, unless overridden by a text-* attribute (e.g. text-stay for "stay"). Plain text only. */
  text(key: keyof Strings): string;
}

export function localizedText(host: ReactiveControllerHost & HTMLElement): LocalizedText {
  let locale = 'en';
  let strings: Strings = en;
  const load = async () => {
    const wanted = matchLocale(langOf(host));
    if (wanted === locale) return;
    strings = await loadStrings(wanted);
    locale = wanted;
    host.requestUpdate();
  };
  host.addController({ hostConnected: () => void load() });
  return {
    get locale() {
      return locale;
    },
    load,
    text: (key) => host.getAttribute(`text-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`) ?? strings[key],
  };
}
