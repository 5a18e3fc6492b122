/**
 * Probes of the optional session events stream (PROTOCOL.md, "Session events"), run only
 * with an events URL: it is authenticated like the ping, answers a live session with an
 * open text/event-stream that is not activity, and, once the session has ended, says so
 * with one logout event whose data is the ping's logout answer, then closes.
 */
import { performance } from 'node:perf_hooks';
import type { Outcome, Recorder } from './catalog.js';
import { describe } from './http.js';
import { openStream, type EventStream, type StreamEvent } from './event-stream.js';
import { forgeCookie } from './probes-anonymous.js';
import { expire } from './probes-expiry.js';
import { IDLE_MS, MIN_EXPIRE_AFTER } from './probes-live.js';
import type { Session, Site } from './session.js';
import { LOGOUT_REASONS } from '../core/protocol.js';

/**
 * How long an event may take once the server knows the session is over (or, without a
 * session, once the stream is open). The element's goal is the page hidden within a
 * second; twice that leaves room for a loaded machine.
 */
export const EVENT_WAIT_MS = 2000;
/** How long a live session's stream must stay open, quiet, for the answer probe. */
const OPEN_MS = 500;

const isStream = (stream: EventStream) => stream.status === 200 && /^text\/event-stream\b/i.test(stream.headers.get('content-type') ?? '');

/** The reasons a server may give, as the ping's logout answer (core/protocol.ts). */
const SERVER_REASONS: readonly string[] = LOGOUT_REASONS.filter((reason) => ['expired', 'revoked', 'replaced'].includes(reason));

/** Why `data` is not the ping's logout answer `{"status":"logout"[, "reason": ...]}`, if it is not. */
export function logoutDataProblem(data: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return `data ${JSON.stringify(data)} is not JSON (the element ignores it)`;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value) || (value as { status?: unknown }).status !== 'logout') {
    return `data ${data} is not {"status":"logout"} (the element ignores it)`;
  }
  const reason = (value as { reason?: unknown }).reason;
  if (reason !== undefined && !SERVER_REASONS.includes(reason as string)) return `reason ${JSON.stringify(reason)} is not one of ${SERVER_REASONS.join(', ')} (or left out)`;
  return undefined;
}

/** The first `logout` event within `ms` (other events are ignored, as the element does). */
async function logoutEvent(stream: EventStream, ms: number): Promise<StreamEvent | undefined> {
  const deadline = performance.now() + ms;
  for (;;) {
    const event = await stream.next(Math.max(0, deadline - performance.now()));
    if (!event || event.type === 'logout') return event;
  }
}

/** The body so far, quoted and cut, for a report line. */
const short = (text: string) => JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);

/** One stream opened without a live session: refused, ended, or a logout event at once. */
async function anonymous(site: Site, cookie: string | undefined, what: string): Promise<Outcome> {
  const stream = await openStream(site, site.events!, cookie);
  try {
    if (stream.error) return { ok: false, detail: `${what}: ${stream.error}` };
    if (!isStream(stream)) return { ok: true, detail: `${what}: refused with HTTP ${stream.status} ${stream.headers.get('content-type') ?? ''}`.trim() };
    const event = await logoutEvent(stream, EVENT_WAIT_MS);
    if (event) {
      const problem = logoutDataProblem(event.data);
      return problem ? { ok: false, detail: `${what}: a logout event, but its ${problem}` } : { ok: true, detail: `${what}: at once, event logout, data ${event.data}` };
    }
    if (await stream.ended(0)) return { ok: true, detail: `${what}: the stream ended without an event` };
    return { ok: false, detail: `${what}: a stream held open ${EVENT_WAIT_MS / 1000} s without a logout event (${short(stream.text)}): send the logout event at once and close, or refuse it (401)` };
  } finally {
    stream.close();
  }
}

export async function runEventsAnonymous(site: Site, record: Recorder, names: string[] | undefined): Promise<void> {
  const outcomes = await Promise.all([anonymous(site, undefined, 'no cookie'), anonymous(site, forgeCookie(names), 'forged cookie')]);
  const failed = outcomes.find((outcome) => 'ok' in outcome && !outcome.ok);
  record('events-no-session', failed ?? { ok: true, detail: outcomes.map((outcome) => ('detail' in outcome ? outcome.detail : '')).join('; ') });
}

/** On a live session: the answer's form, and (after the session idled) that opening it is not activity. */
export async function runEventsLive(session: Session, record: Recorder): Promise<void> {
  const first = await session.read();
  if (first.kind !== 'idle') {
    for (const id of ['events-format', 'events-no-store', 'events-not-activity'] as const) record(id, { ok: false, detail: `no live session to test: ${describe(first)}` });
    return;
  }
  const tooShort = session.expireAfter !== undefined && session.expireAfter < MIN_EXPIRE_AFTER;
  if (!tooShort) await session.idleFor(IDLE_MS);
  const stream = await openStream(session.site, session.site.events!, session.jar.header);
  try {
    if (stream.error) {
      for (const id of ['events-format', 'events-no-store', 'events-not-activity'] as const) record(id, { ok: false, detail: stream.error });
      return;
    }
    const type = stream.headers.get('content-type') ?? '(none)';
    const early = await logoutEvent(stream, OPEN_MS);
    const closed = await stream.ended(0);
    if (!isStream(stream))
      record('events-format', { ok: false, detail: `HTTP ${stream.status}, Content-Type: ${type}: answer 200 text/event-stream (the element's EventSource fails on anything else)` });
    else if (early) record('events-format', { ok: false, detail: `a live session's stream sent a logout event at once (${early.data}): its pages would hide` });
    else if (closed) record('events-format', { ok: false, detail: `a live session's stream closed within ${OPEN_MS} ms (${short(stream.text)}): keep it open` });
    else record('events-format', { ok: true, detail: `HTTP 200, Content-Type: ${type}, open` });
    const cache = stream.headers.get('cache-control') ?? '(none)';
    const noStore = cache.split(',').some((directive) => directive.trim().toLowerCase() === 'no-store');
    record('events-no-store', noStore ? { ok: true, detail: `Cache-Control: ${cache}` } : { ok: false, detail: `Cache-Control: ${cache}; send no-store` });

    if (tooShort) return record('events-not-activity', { skip: `expireAfter ${session.expireAfter} s is too short: this probe lets the session idle ${IDLE_MS / 1000} s` });
    const after = await session.read();
    const idle = IDLE_MS / 1000;
    record(
      'events-not-activity',
      after.kind === 'idle' && (after.idle ?? 0) >= idle
        ? { ok: true, detail: `after ${idle} s idle, opening the stream left the idle time at ${after.idle} s` }
        : { ok: false, detail: `after ${idle} s idle, opening the stream, the ping answered ${describe(after)}: the stream counted as activity` },
    );
  } finally {
    stream.close();
  }
}

/**
 * With --slow, on a session of its own: the stream open, the session left to expire, then
 * a ping that finds it expired (a server may learn of an expiry only then); the logout
 * event must come within EVENT_WAIT_MS of that ping, and the stream close after it.
 */
export async function runEventsEnd(session: Session, record: Recorder, expireAfter?: number): Promise<void> {
  const stream = await openStream(session.site, session.site.events!, session.jar.header);
  try {
    // The content type is events-format's to judge: here only whether the body says it.
    if (stream.error || stream.status !== 200) {
      record('events-logout', { ok: false, detail: `no stream to test: ${stream.error ?? `HTTP ${stream.status}`} (see events-format)` });
      return record('events-close', { skip: 'no stream (see events-logout)' });
    }
    if (!(await expire(session, 'events-logout', record, expireAfter))) return record('events-close', { skip: 'no session to end (see events-logout)' });
    const ping = await session.ping('idleFor=0');
    const event = await logoutEvent(stream, EVENT_WAIT_MS);
    const told = `after expiry (the ping answered ${describe(ping)})`;
    if (!event) {
      const ended = await stream.ended(0);
      record('events-logout', {
        ok: false,
        detail: `${told}, no logout event within ${EVENT_WAIT_MS / 1000} s; the stream ${ended ? 'closed without one' : 'stayed open'} (${short(stream.text)})`,
      });
      return record('events-close', { skip: 'no logout event (see events-logout)' });
    }
    const late = Math.max(0, Math.round(event.at - ping.end));
    const problem = logoutDataProblem(event.data);
    record(
      'events-logout',
      problem ? { ok: false, detail: `${told}, a logout event, but its ${problem}` } : { ok: true, detail: `${told}, event logout, data ${event.data}, ${late} ms after the ping` },
    );
    const closed = await stream.ended(EVENT_WAIT_MS);
    record(
      'events-close',
      closed ? { ok: true, detail: 'the stream closed after the event' } : { ok: false, detail: `the stream stayed open ${EVENT_WAIT_MS / 1000} s after the logout event: close it` },
    );
  } finally {
    stream.close();
  }
}
