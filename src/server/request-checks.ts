/**
 * What both server entry points (index.ts on its own sessions, express-session.ts on the
 * app's) check the same way: the paths a router would send to the ping handler, and the
 * two times of a session.
 */
import type { IncomingMessage } from 'node:http';
import { warnsFirst, type Times } from '../core/protocol.js';

/**
 * Compares paths as routers do by default (Express: case-insensitive, one trailing slash
 * optional), so that every request the app routes to the ping handler is also excluded
 * from activity: a ping that counted as activity would keep an idle session alive.
 */
export function samePath(a: string, b: string): boolean {
  const normalise = (path: string) => (path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path).toLowerCase();
  return normalise(a) === normalise(b);
}

/** The path of a request, also under connect/Express mounts (which rewrite req.url). */
export function pathOf(req: IncomingMessage): string {
  const url = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '/';
  try {
    return new URL(url, 'http://localhost').pathname;
  } catch {
    return '';
  }
}

/** A server misconfiguration stops the start-up (or the sign-in), never quietly weakens sessions. */
export function checkTimes(times: Times): void {
  const ok = (value: number) => Number.isSafeInteger(value) && value > 0;
  if (!ok(times.warnAfter) || !ok(times.expireAfter) || !warnsFirst(times)) {
    throw new TypeError(`session-security: warnAfter (${times.warnAfter}) and expireAfter (${times.expireAfter}) must be whole positive seconds with warnAfter < expireAfter`);
  }
}
