/** The session cookie: read it from a request, write or clear it on a response. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface CookieOptions {
  name: string;
  /** Send the cookie over HTTPS only (createSessionSecurity turns it on by default; the http demo turns it off). */
  secure: boolean;
}

/** The cookie's value, or undefined. Only the first cookie with that name counts. */
export function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * HttpOnly: scripts (and so XSS) cannot read the id. SameSite=Lax: cross-site POSTs and
 * subresource requests go without it. No Max-Age: a browser-session cookie, the server
 * decides expiry. `value` must be cookie-safe (our ids are base64url).
 */
export function writeCookie(res: ServerResponse, options: CookieOptions, value: string, clear = false): void {
  const attributes = [`${options.name}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Lax'];
  if (clear) attributes.push('Max-Age=0');
  if (options.secure) attributes.push('Secure');
  const previous = res.getHeader('Set-Cookie');
  const others = (Array.isArray(previous) ? previous : previous === undefined ? [] : [String(previous)]).filter((cookie) => !cookie.startsWith(`${options.name}=`));
  res.setHeader('Set-Cookie', [...others, attributes.join('; ')]);
}
