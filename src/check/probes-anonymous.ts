/**
 * Probes that need no live session: pings without a cookie or with a forged one, the
 * format of the "session gone" answer, and CORS (which must never grant another origin
 * what X-Requested-With protects, PROTOCOL.md "Security notes").
 */
import { randomBytes } from 'node:crypto';
import type { Recorder } from './catalog.js';
import { describe, readAnswer, send, type Answer } from './http.js';
import type { Site } from './session.js';

/** A page on another site, as a CSRF attacker would have it. */
export const EVIL_ORIGIN = 'https://evil.example';

/** Cookie names common frameworks use, to forge when no real cookie is known. */
const COMMON_NAMES = ['sessionid', 'session', 'connect.sid', 'PHPSESSID', '_session_id', 'laravel_session', 'JSESSIONID', 'session_security'];

/** The real cookie names with random values: a session id nobody issued. */
export function forgeCookie(names: string[] | undefined): string {
  return (names?.length ? names : COMMON_NAMES).map((name) => `${name}=${randomBytes(24).toString('base64url')}`).join('; ');
}

export async function anonymousPing(site: Site, cookie?: string): Promise<Answer> {
  const headers: Record<string, string> = { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
  if (cookie) headers.Cookie = cookie;
  return readAnswer(await send(site, `${site.url}${site.url.includes('?') ? '&' : '?'}idleFor=0`, { headers }));
}

function gone(answer: Answer, what: string) {
  if (answer.kind === 'logout') return { ok: true, detail: `${what}: ${describe(answer)}, read as gone (${answer.reason})` };
  const why = answer.kind === 'idle' ? `read as a live session (idle ${answer.idle})` : `read as a failed ping (${answer.reason}), not as "session gone": the page stays open until the local deadline`;
  return { ok: false, detail: `${what}: ${describe(answer)}, ${why}` };
}

/** A "session gone" answer in one of the protocol's forms, as JSON (rule 1 and rule 8). */
function logoutFormProblem(answer: Answer): string | undefined {
  if ([401, 403, 419].includes(answer.status) || (answer.status >= 300 && answer.status < 400)) return undefined;
  const type = answer.headers.get('content-type') ?? '(none)';
  const json = answer.json;
  const isLogout = json === 'logout' || (!!json && typeof json === 'object' && (json as { status?: unknown }).status === 'logout');
  if (!isLogout) return `${describe(answer)} is not "logout" or {"status":"logout"} (the element reads it as an unexpected answer)`;
  if (!/^application\/json\b/i.test(type)) return `Content-Type ${type}, not application/json`;
  return undefined;
}

export async function runAnonymous(site: Site, record: Recorder, first: Answer, forged: Answer): Promise<void> {
  record('no-session', gone(first, 'no cookie'));
  record('forged-session', gone(forged, 'forged cookie'));
  const goneAnswers = [first, forged].filter((answer) => answer.kind === 'logout');
  if (!goneAnswers.length) record('logout-format', { skip: 'no "session gone" answer to inspect' });
  else {
    const problems = goneAnswers.map(logoutFormProblem).filter((problem) => problem !== undefined);
    record('logout-format', problems.length ? { ok: false, detail: problems[0] } : { ok: true, detail: describe(goneAnswers[0]) });
  }

  const [simple, preflight] = await Promise.all([
    send(site, site.url, { headers: { Origin: EVIL_ORIGIN, Accept: 'application/json' } }),
    send(site, site.url, {
      method: 'OPTIONS',
      headers: { Origin: EVIL_ORIGIN, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'x-requested-with' },
    }),
  ]);
  record('cors-origin', cors(simple, 'GET with Origin'));
  record('cors-preflight', cors(preflight, 'preflight OPTIONS'));
}

/** A grant is the origin echoed (or "null") or credentials allowed; "*" cannot carry cookies. */
function cors(reply: Awaited<ReturnType<typeof send>>, what: string) {
  if (reply.error) return { ok: false, detail: `${what} from ${EVIL_ORIGIN}: ${reply.error}` };
  const origin = reply.headers.get('access-control-allow-origin');
  const credentials = reply.headers.get('access-control-allow-credentials');
  const withCredentials = !!origin && credentials?.trim().toLowerCase() === 'true';
  if (origin === EVIL_ORIGIN || origin === 'null' || withCredentials) {
    return {
      ok: false,
      detail: `${what} from ${EVIL_ORIGIN}: HTTP ${reply.status}, Access-Control-Allow-Origin: ${origin ?? '(none)'}, Access-Control-Allow-Credentials: ${credentials ?? '(none)'}: another site may send pings with X-Requested-With`,
    };
  }
  const note = origin ? `, Access-Control-Allow-Origin: ${origin} (grants no cookies, but the ping needs no CORS headers)` : ', no CORS grant';
  return { ok: true, detail: `${what} from ${EVIL_ORIGIN}: HTTP ${reply.status}${note}` };
}
