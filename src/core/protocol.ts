/**
 * The ping protocol's wire format (PROTOCOL.md is the source of truth).
 * Pure: no DOM, shared by the element and the reference server.
 */
import { logError } from './log.js';

/** The header every ping carries; servers ignore pings without it (CSRF). */
export const PING_HEADER = 'X-Requested-With';
export const PING_HEADER_VALUE = 'XMLHttpRequest';

/**
 * Why a session ended, as the server or the element tells it. The first three are the
 * reasons a server may name (PROTOCOL.md):
 * - expired: idle too long (server answer or local decision);
 * - revoked: signed out elsewhere (another tab, an administrator);
 * - replaced: another session took this one's place (or another user's, in this browser);
 * - unauthorized: 401, 403 or 419;
 * - redirected: the ping was redirected (usually to a login page);
 * - unexpected-answer: a 200 whose body is not the protocol's JSON;
 * - logout: a plain "logout" answer.
 */
export const LOGOUT_REASONS = ['expired', 'revoked', 'replaced', 'unauthorized', 'redirected', 'unexpected-answer', 'logout'] as const;
export type LogoutReason = (typeof LOGOUT_REASONS)[number];
const SERVER_REASONS: readonly string[] = LOGOUT_REASONS.slice(0, 3);

/**
 * Seconds before the warning, and before expiry, counted from the last activity: the
 * element's attributes, or the extended answer's per-user timeouts.
 */
export interface Times {
  /** Seconds of inactivity before the warning. */
  warnAfter: number;
  /** Seconds of inactivity before the session ends. */
  expireAfter: number;
}

/** The one rule between the two times, wherever they come from: the warning comes first. */
export const warnsFirst = ({ warnAfter, expireAfter }: Times): boolean => warnAfter < expireAfter;

export type PingAnswer =
  /** The session is alive; the server's idle seconds after merging ours. */
  | { kind: 'idle'; idleFor: number; times?: Times; user?: string; csrfToken?: string }
  /** The session is gone. */
  | { kind: 'logout'; reason: LogoutReason }
  /** No information: network error, timeout, 5xx or another status. Never extends. */
  | { kind: 'failed'; reason: string };

/**
 * The longest time the element takes from anyone, attributes or answers: one year (365
 * days). Timers are clamped to setTimeout's 24.8 days already (timeline.ts wakes early and
 * re-checks), so this is not about overflow: a value above a year is a bug (milliseconds
 * sent as seconds, an unset timestamp subtracted from now) that would otherwise push the
 * warning out of reach (1e12 s is 31,710 years). A year still admits every real idle
 * timeout, long "remember me" sessions included.
 */
export const MAX_SECONDS = 365 * 24 * 60 * 60;

/**
 * A whole, non-negative, finite number of seconds, at most MAX_SECONDS, or undefined.
 * Longer is clamped rather than refused: an idleFor of 56 years (a server counting from
 * 1970) still means "idle longer than any timeout", which is what the element must act on.
 */
export function seconds(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.min(Math.floor(value), MAX_SECONDS) : undefined;
}

/**
 * Per-user times as the protocol allows them (1 s to MAX_SECONDS, warnAfter < expireAfter),
 * or undefined. Unlike idleFor, a time above the cap is refused, not clamped: clamping
 * both ends of a bad pair would invent a timeout the server never chose, and the
 * element's own attributes are the safe default.
 */
export function serverTimes(warnAfter: unknown, expireAfter: unknown): Times | undefined {
  const inRange = (value: unknown) => typeof value === 'number' && value <= MAX_SECONDS;
  if (!inRange(warnAfter) || !inRange(expireAfter)) return undefined;
  const times = { warnAfter: seconds(warnAfter)!, expireAfter: seconds(expireAfter)! };
  return times.warnAfter && warnsFirst(times) ? times : undefined;
}

/**
 * Reads a ping response. `status` and `redirected` come from fetch, `body` is the
 * response text. A bad optional field is reported with console.error and ignored; a body
 * that is not the protocol's JSON at all means the session is gone (usually a login page
 * served with 200).
 */
export function parsePingResponse(status: number, redirected: boolean, body: string): PingAnswer {
  if (redirected) return { kind: 'logout', reason: 'redirected' };
  if (status === 401 || status === 403 || status === 419) return { kind: 'logout', reason: 'unauthorized' };
  if (status < 200 || status > 299) return { kind: 'failed', reason: `HTTP ${status}` };
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return { kind: 'logout', reason: 'unexpected-answer' };
  }
  if (data === 'logout') return { kind: 'logout', reason: 'logout' };
  const idle = seconds(data);
  if (idle !== undefined) return { kind: 'idle', idleFor: idle };
  if (!data || typeof data !== 'object') return { kind: 'logout', reason: 'unexpected-answer' };
  const o = data as Record<string, unknown>;
  if (o.status === 'logout') {
    const reason = SERVER_REASONS.includes(o.reason as string) ? (o.reason as LogoutReason) : 'logout';
    return { kind: 'logout', reason };
  }
  const idleFor = seconds(o.idleFor);
  if (idleFor === undefined) return { kind: 'logout', reason: 'unexpected-answer' };
  const answer: PingAnswer = { kind: 'idle', idleFor };
  if (o.warnAfter !== undefined || o.expireAfter !== undefined) {
    const times = serverTimes(o.warnAfter, o.expireAfter);
    if (times) answer.times = times;
    else logError(`ping answer "warnAfter"/"expireAfter" not whole seconds in [1, ${MAX_SECONDS}], warnAfter < expireAfter; ignored`, o);
  }
  for (const key of ['user', 'csrfToken'] as const) {
    if (typeof o[key] === 'string') answer[key] = o[key] as string;
    else if (o[key] !== undefined) logError(`ping answer "${key}" not a string; ignored`);
  }
  return answer;
}
