/**
 * The page's CSRF token, for forms typed before a timeout to submit after signing in
 * again. Defaults cover Django (csrfmiddlewaretoken), Rails (authenticity_token and the
 * csrf-token meta tag) and Laravel (_token and the same meta tag).
 */
export const CSRF_SELECTOR =
  'input[name=csrfmiddlewaretoken],input[name=authenticity_token],input[name=_token],meta[name=csrf-token]';

type TokenElement = HTMLInputElement | HTMLMetaElement;

/** Writes `token` into every matching field and meta tag; returns how many it changed. */
export function updateCsrfTokens(token: string, selector = CSRF_SELECTOR): number {
  const found = document.querySelectorAll<TokenElement>(selector);
  for (const element of found) {
    if (element instanceof HTMLMetaElement) element.content = token;
    else element.value = token;
  }
  return found.length;
}

/** The page's current token as a form field [name, value], for the sign-out form. */
export function csrfField(selector = CSRF_SELECTOR): [string, string] | undefined {
  const element = document.querySelector<TokenElement>(selector);
  if (!element) return undefined;
  if (element instanceof HTMLMetaElement) {
    // Rails names its parameter in csrf-param; Laravel reads _token.
    const param = document.querySelector<HTMLMetaElement>('meta[name=csrf-param]')?.content || '_token';
    return [param, element.content];
  }
  return [element.name, element.value];
}
