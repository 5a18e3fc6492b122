/**
 * The page's CSRF token, for forms typed before a timeout to submit after signing in
 * again. Defaults cover Django (csrfmiddlewaretoken), Rails (authenticity_token and the
 * csrf-token meta tag) and Laravel (_token and the same meta tag).
 */
import { logError } from '../core/log.js';
export const CSRF_SELECTOR = 'input[name=csrfmiddlewaretoken],input[name=authenticity_token],input[name=_token],meta[name=csrf-token]';

type TokenElement = HTMLInputElement | HTMLMetaElement;

/**
 * The csrf-selector to use: the attribute's value if the browser can parse it, else
 * CSRF_SELECTOR after a console error naming the attribute. Called once per value (at
 * configuration); the lookups below fall back on their own, silently, so that a bad
 * selector never throws inside render (where it kept the dialog from opening).
 */
export function checkCsrfSelector(selector: string | null | undefined): string {
  if (selector == null) return CSRF_SELECTOR; // attribute removed: the default, nothing to report
  try {
    document.createDocumentFragment().querySelector(selector);
    return selector;
  } catch {
    logError(`csrf-selector="${selector}" is not a selector; using ${CSRF_SELECTOR}.`);
    return CSRF_SELECTOR;
  }
}

/** The matching fields and meta tags; the default selector's when `selector` does not parse. */
function tokenElements(selector: string): NodeListOf<TokenElement> {
  try {
    return document.querySelectorAll<TokenElement>(selector);
  } catch {
    return document.querySelectorAll<TokenElement>(CSRF_SELECTOR);
  }
}

/** Writes `token` into every matching field and meta tag; returns how many it changed. */
export function updateCsrfTokens(token: string, selector = CSRF_SELECTOR): number {
  const found = tokenElements(selector);
  for (const element of found) {
    if (element instanceof HTMLMetaElement) element.content = token;
    else element.value = token;
  }
  return found.length;
}

/** The page's current token as a form field [name, value], for the sign-out form. */
export function csrfField(selector = CSRF_SELECTOR): [string, string] | undefined {
  const element = tokenElements(selector)[0];
  if (!element) return undefined;
  if (element instanceof HTMLMetaElement) {
    // Rails names its parameter in csrf-param; Laravel reads _token.
    const param = document.querySelector<HTMLMetaElement>('meta[name=csrf-param]')?.content || '_token';
    return [param, element.content];
  }
  return [element.name, element.value];
}
