/**
 * Signs in to a recipe the way a browser does: GET /login (keeping its cookies and the
 * hidden CSRF input of the framework), POST /login alice/alice, follow nothing.
 */
import { CookieJar } from '../../src/check/session.js';

/** The hidden inputs that CONTRACT.md lets a login form carry its CSRF token in. */
export const CSRF_FIELDS = ['csrfmiddlewaretoken', 'authenticity_token', '_csrf', 'csrf_token', '_token'];

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>' };

function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') return String.fromCodePoint(name[1].toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** The first input named like a CSRF field, in any attribute order and quoting. */
export function scrapeCsrf(html: string): { name: string; value: string } | undefined {
  for (const [tag] of html.matchAll(/<input\b[^>]*>/gi)) {
    const attributes = new Map<string, string>();
    for (const [, key, , double, single, bare] of tag.matchAll(/([^\s=<>"'/]+)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>"']+))/g)) {
      attributes.set(key.toLowerCase(), decodeEntities(double ?? single ?? bare ?? ''));
    }
    const name = attributes.get('name');
    if (name && CSRF_FIELDS.includes(name)) return { name, value: attributes.get('value') ?? '' };
  }
  return undefined;
}

const TIMEOUT_MS = 15_000;

/** Resolves to the Cookie header value of a fresh session of `user` (password = user). */
export async function signIn(base: string, user = 'alice'): Promise<string> {
  const jar = new CookieJar();
  const form = await fetch(`${base}/login`, { redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
  jar.update(form.headers.getSetCookie());
  const html = await form.text();
  if (form.status !== 200) throw new Error(`GET /login answered ${form.status}, not 200`);
  const body = new URLSearchParams({ username: user, password: user });
  const token = scrapeCsrf(html);
  if (token) body.set(token.name, token.value);
  const answer = await fetch(`${base}/login`, {
    method: 'POST',
    // A browser's form post carries its Origin; frameworks that check it accept their own.
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base, ...(jar.size ? { Cookie: jar.header } : {}) },
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  await answer.arrayBuffer();
  const location = answer.headers.get('location');
  if (![302, 303].includes(answer.status) || !location || new URL(location, `${base}/login`).href !== `${base}/`) {
    throw new Error(`POST /login as ${user} answered ${answer.status} to ${location ?? '(no Location)'}, not 303 (or 302) to /`);
  }
  jar.update(answer.headers.getSetCookie());
  if (!jar.size) throw new Error('POST /login set no cookie');
  return jar.header;
}
