/**
 * A small protocol server written for the checker's tests, independent of src/server/,
 * that follows PROTOCOL.md unless told to break a rule. Each flaw is one mistake seen
 * (or easy to make) in real backends; the tests start one server per flaw and expect
 * the checker to name the probe that catches it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { listen, type TestServer } from './servers.js';

export type Flaw =
  /** The session layer touches every request, pings included (rule 5). */
  | 'ping-is-activity'
  /** A ping without idleFor is activity (django-session-security's default, rule 5). */
  | 'bare-ping-is-activity'
  /** idleFor read with parseInt, which takes "0x0", " 0", "1.5"... (rule 3). */
  | 'parse-int'
  /** idleFor read like Python's int(): signs, spaces, "_" and Unicode digits (rule 3). */
  | 'python-int'
  /** A negative idleFor becomes 0, i.e. "active now" (rule 3). */
  | 'clamp-negative'
  /** last = now - idleFor, without max: an older report moves activity back (rule 3). */
  | 'merge-backwards'
  /** Merges idleFor, then checks expiry: a late report revives the session (rule 2). */
  | 'merge-before-expiry'
  /** Merges without X-Requested-With (rule 4). */
  | 'header-optional'
  /** No Cache-Control on ping answers (rule 8). */
  | 'no-store-missing'
  /** "Session gone" as the bare text logout, text/plain (Fastify, Rails; rule 8). */
  | 'text-logout'
  /** Echoes any Origin with credentials and grants preflights (Security notes). */
  | 'cors-echo'
  /** The page does not count as activity (rule 6). */
  | 'page-not-activity'
  /** The page touches the session without checking expiry first (rule 6). */
  | 'page-skips-expiry'
  /** A per-session lock held 250 ms by every ping, like PHP's file sessions. */
  | 'queued-pings'
  /** Answers the plain integer, without the extended object. */
  | 'integer-answer'
  /** A ping without a cookie answers like a live session (a session for every visitor; rule 1). */
  | 'anonymous-session'
  /** An unknown session id is adopted as a new session (PHP without strict mode; rule 1). */
  | 'adopts-unknown-id'
  /** The live answer is sent as text/plain (a number returned as a string; rule 8). */
  | 'text-idle'
  /** The live answer is 204 with no body (Answers: never 204). */
  | 'live-204'
  /** warnAfter and expireAfter as JSON strings (Answers: numbers). */
  | 'times-as-strings'
  /** The user name as `user` (rule 9). */
  | 'user-name'
  /** Any number of digits, times 1000 in 64-bit milliseconds: 16 digits wrap into the future (rule 3). */
  | 'unbounded-digits'
  /** idleFor is read but never merged: activity in the page never reaches the server (rule 3). */
  | 'never-merges'
  // The session events stream (PROTOCOL.md, "Session events"):
  /** Holds a stream open for a request without a session, and says nothing. */
  | 'events-open-anonymous'
  /** Opening the stream touches the session, like any other request (rule 5). */
  | 'events-is-activity'
  /** The stream is served as text/plain. */
  | 'events-wrong-type'
  /** No Cache-Control on the stream. */
  | 'events-no-store-missing'
  /** Says nothing when the session ends. */
  | 'events-silent'
  /** The end event's data is the bare text logout, not the ping's JSON answer. */
  | 'events-bad-data'
  /** Sends the end event but keeps the stream open. */
  | 'events-stays-open';

/** django-session-security 2.6 as BACKENDS.md describes it, without the recommended fixes. */
export const DJANGO_LIKE: Flaw[] = ['integer-answer', 'header-optional', 'python-int', 'clamp-negative', 'no-store-missing', 'bare-ping-is-activity'];

// Long enough that the last of five queued pings misses the tests' 3 s ping timeout (4 s),
// short enough that one ping alone (0.8 s) meets it with room for a loaded CI machine.
const LOCK_MS = 800;

/** Python's int() on a str, for the digits the tests use (ASCII, full-width, Arabic-Indic). */
function pythonInt(value: string): number | undefined {
  const text = value.trim();
  if (!/^[+-]?[0-9\uff10-\uff19\u0660-\u0669]+(_[0-9\uff10-\uff19\u0660-\u0669]+)*$/.test(text)) return undefined;
  const ascii = text.replace(/_/g, '').replace(/[\uff10-\uff19\u0660-\u0669]/g, (digit) => {
    const code = digit.charCodeAt(0);
    return String(code - (code >= 0xff10 ? 0xff10 : 0x0660));
  });
  return Number(ascii);
}

function parseIdle(value: string | null, flaws: Set<Flaw>): number | undefined {
  if (value === null) return undefined;
  if (flaws.has('python-int')) return pythonInt(value);
  if (flaws.has('parse-int')) {
    const seconds = parseInt(value, 10);
    return Number.isNaN(seconds) || seconds < 0 ? undefined : seconds;
  }
  if (flaws.has('clamp-negative') && /^-[1-9][0-9]*$/.test(value)) return Number(value);
  if (flaws.has('unbounded-digits') && /^[0-9]+$/.test(value)) {
    // As Java's Long.parseLong(s) * 1000 (or Go's int64) computes it: wrapped at 64 bits.
    return Number(BigInt.asIntN(64, BigInt(value) * 1000n)) / 1000;
  }
  return /^[0-9]{1,15}$/.test(value) ? Number(value) : undefined;
}

/**
 * 5 s by default, not 3: several checks share the test process's event loop, and a
 * loaded loop stretches the probes' idle time towards expiry.
 */
export function startFixture(flaws: Flaw[] = [], expireAfter = 5): Promise<TestServer> {
  const has = new Set(flaws);
  const user = randomBytes(32).toString('base64url');
  const sessions = new Map<string, { last: number; lock: Promise<void>; streams: Set<ServerResponse> }>();
  const expired = (session: { last: number }) => Date.now() - session.last >= expireAfter * 1000;

  const eventHeaders = () => ({
    'Content-Type': has.has('events-wrong-type') ? 'text/plain' : 'text/event-stream',
    ...(has.has('events-no-store-missing') ? {} : { 'Cache-Control': 'no-store' }),
  });
  const logoutEvent = (reason?: string, data = JSON.stringify({ status: 'logout', reason })) => `event: logout\ndata: ${data}\n\n`;
  /** Ends a session: its streams hear it (when the server learns of the expiry, at a request). */
  const end = (id: string) => {
    const session = sessions.get(id);
    sessions.delete(id);
    for (const res of session?.streams ?? []) {
      if (has.has('events-silent')) continue;
      res.write(has.has('events-bad-data') ? logoutEvent(undefined, 'logout') : logoutEvent('expired'));
      if (!has.has('events-stays-open')) res.end();
    }
  };
  const events = (res: ServerResponse, id: string | undefined) => {
    const session = id === undefined ? undefined : sessions.get(id);
    if (!session || expired(session)) {
      if (session) end(id!);
      if (has.has('events-open-anonymous')) return void res.writeHead(200, eventHeaders()).write(': connected\n\n');
      return void res.writeHead(200, eventHeaders()).end(logoutEvent());
    }
    if (has.has('events-is-activity')) session.last = Date.now();
    res.writeHead(200, eventHeaders()).write(': connected\n\n');
    session.streams.add(res);
    res.on('close', () => session.streams.delete(res));
  };

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const json = !(has.has('text-logout') && body === 'logout');
    res.writeHead(status, {
      'Content-Type': json ? 'application/json' : 'text/plain',
      ...(has.has('no-store-missing') ? {} : { 'Cache-Control': 'no-store' }),
      ...headers,
    });
    res.end(json ? JSON.stringify(body) : String(body));
  };

  async function ping(req: IncomingMessage, res: ServerResponse, id: string | undefined) {
    const origin = req.headers.origin;
    const cors: Record<string, string> = has.has('cors-echo') && origin ? { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true' } : {};
    if (req.method === 'OPTIONS') {
      if (!has.has('cors-echo')) return send(res, 405, { error: 'method not allowed' });
      return send(res, 204, '', { ...cors, 'Access-Control-Allow-Headers': 'X-Requested-With' });
    }
    if (id === undefined && has.has('anonymous-session')) return send(res, 200, { idleFor: 0, warnAfter: 1, expireAfter, user }, cors);
    if (id !== undefined && !sessions.has(id) && has.has('adopts-unknown-id')) sessions.set(id, { last: Date.now(), lock: Promise.resolve(), streams: new Set() });
    const session = id === undefined ? undefined : sessions.get(id);
    if (!session) return send(res, 200, 'logout', cors);
    if (has.has('queued-pings')) {
      const previous = session.lock;
      let release!: () => void;
      session.lock = new Promise((done) => (release = done));
      await previous;
      await new Promise((done) => setTimeout(done, LOCK_MS));
      release();
    }
    const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
    if (has.has('ping-is-activity') || (has.has('bare-ping-is-activity') && !query.has('idleFor'))) session.last = Date.now();
    const fromElement = req.headers['x-requested-with'] === 'XMLHttpRequest' || has.has('header-optional');
    const idle = fromElement ? parseIdle(query.get('idleFor'), has) : undefined;
    const merge = () => {
      if (idle === undefined || has.has('never-merges')) return;
      const reported = Date.now() - (has.has('unbounded-digits') ? idle : Math.max(0, idle)) * 1000;
      session.last = has.has('merge-backwards') ? Math.min(Date.now(), reported) : Math.max(session.last, Math.min(Date.now(), reported));
    };
    if (has.has('merge-before-expiry')) merge();
    if (expired(session)) {
      end(id!);
      return send(res, 200, 'logout', cors);
    }
    if (!has.has('merge-before-expiry')) merge();
    const seconds = Math.floor((Date.now() - session.last) / 1000);
    if (has.has('live-204')) return void res.writeHead(204, { 'Cache-Control': 'no-store', ...cors }).end();
    const times = has.has('times-as-strings') ? { warnAfter: '1', expireAfter: String(expireAfter) } : { warnAfter: 1, expireAfter };
    const body = has.has('integer-answer') ? seconds : { idleFor: seconds, ...times, user: has.has('user-name') ? 'alice' : user };
    if (has.has('text-idle')) return void res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store', ...cors }).end(JSON.stringify(body));
    send(res, 200, body, cors);
  }

  return listen((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const id = /(?:^|;\s*)sid=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
    if (path === '/session/ping') return void ping(req, res, id);
    if (path === '/session/events') return events(res, id);
    if (path === '/login' && req.method === 'POST') {
      const sid = randomBytes(16).toString('hex');
      sessions.set(sid, { last: Date.now(), lock: Promise.resolve(), streams: new Set() });
      return res.writeHead(204, { 'Set-Cookie': `sid=${sid}; Path=/; HttpOnly; SameSite=Lax` }).end();
    }
    const session = id === undefined ? undefined : sessions.get(id);
    if (path === '/page' && session && (has.has('page-skips-expiry') || !expired(session))) {
      if (!has.has('page-not-activity')) session.last = Date.now();
      return res.writeHead(200, { 'Content-Type': 'text/html' }).end('<p>Protected</p>');
    }
    if (session && expired(session)) end(id!);
    res.writeHead(302, { Location: '/login' }).end();
  });
}
