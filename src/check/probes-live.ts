/**
 * Probes on one live session that only ever reads it: the answer's form, then, once the
 * session has idled a couple of seconds, that nothing but a genuine idleFor moves its
 * activity (the ping itself, garbage idleFor values, a ping without the header). A
 * wrongly merged value shows as an answer below the idle time the session provably has.
 */
import type { Outcome, ProbeId, Recorder } from './catalog.js';
import { describe, type Answer } from './http.js';
import { performance } from 'node:perf_hooks';
import { sleep, type Session } from './session.js';

/**
 * How long the session idles before a probe: long enough that a merged 0 or 1 shows.
 * Exactly 2 s: Session.idleFor() counts from the latest time the server may have seen
 * activity, so the server then answers 2 or more, and a session that answered 2 needs
 * no further wait (the next probes do not creep towards expiry).
 */
export const IDLE_MS = 2000;
/** The idle seconds the server must still answer after IDLE_MS. */
const IDLE_S = 2;
/** Below this expireAfter the idle probes would let the session expire. */
export const MIN_EXPIRE_AFTER = 3;
export const CONCURRENT_PINGS = 5;

interface Input {
  label: string;
  /** Raw query, already percent-encoded where a browser or attacker would encode. */
  query: string;
}

const idleFor = (value: string): Input => ({ label: JSON.stringify(value), query: `idleFor=${encodeURIComponent(value)}` });

/**
 * Garbage that a lax parser turns into 0 or 1, so that merging it would show. (Values
 * such as "1e3" or "+5" would merge nothing visible: the session's idle time is about 2.)
 */
export const GARBAGE: Partial<Record<ProbeId, Input[]>> = {
  'idlefor-negative': [idleFor('-100'), idleFor('-1')],
  'idlefor-format': [
    idleFor(''),
    idleFor('1.5'),
    idleFor('0e3'),
    idleFor('0x0'),
    idleFor('+0'),
    idleFor('-0'),
    idleFor(' 0'),
    idleFor('0\n'),
    idleFor('0_0'),
    idleFor('\uff10'), // full-width zero
    idleFor('\u0660'), // Arabic-Indic zero
    { label: 'idleFor[]=0', query: 'idleFor[]=0' }, // an array for qs, PHP and Rack
  ],
  // A valid 15-digit value must merge nothing; 16 digits must be refused. Both overflow
  // 64-bit nanoseconds (Go's time.Duration) and the 16 digits milliseconds: a wrapped
  // value lands in the future, which shows as idle 0.
  'idlefor-range': [idleFor('999999999999999'), idleFor('9999999999999999')],
};

const IDLE_PROBES: ProbeId[] = ['ping-not-activity', 'bare-ping-not-activity', ...(Object.keys(GARBAGE) as ProbeId[]), 'no-header-no-merge'];

const isIdle = (answer: Answer, atLeast: number) => answer.kind === 'idle' && (answer.idle ?? 0) >= atLeast;

function alive(answer: Answer): Outcome {
  if (answer.status === 204) return { ok: false, detail: 'HTTP 204: the element reads its empty body as "session gone"; answer 200 with JSON' };
  if (answer.kind !== 'idle')
    return { ok: false, detail: `${describe(answer)}, read as ${answer.kind === 'logout' ? `gone (${answer.reason})` : `failed (${answer.reason})`}: is the session (--cookie/--login) signed in?` };
  if (answer.status !== 200) return { ok: false, detail: `HTTP ${answer.status}: answer 200` };
  return { ok: true, detail: `${describe(answer)}, read as idle ${answer.idle}` };
}

const isInteger = (value: unknown, min: number) => typeof value === 'number' && Number.isInteger(value) && value >= min;

/** Integers where the protocol says integer, strings where it says string. */
export function answerTypes(json: unknown): Outcome {
  if (typeof json === 'number') return isInteger(json, 0) ? { ok: true, detail: `integer answer ${json}` } : { ok: false, detail: `${json} is not a whole number of seconds` };
  const o = json as Record<string, unknown>;
  const problems: string[] = [];
  if (!isInteger(o.idleFor, 0)) problems.push(`idleFor ${JSON.stringify(o.idleFor)} is not a non-negative integer`);
  if (o.warnAfter !== undefined || o.expireAfter !== undefined) {
    if (!isInteger(o.warnAfter, 1) || !isInteger(o.expireAfter, 1))
      problems.push(`warnAfter ${JSON.stringify(o.warnAfter)} and expireAfter ${JSON.stringify(o.expireAfter)} must both be integers >= 1`);
    else if ((o.warnAfter as number) >= (o.expireAfter as number)) problems.push(`warnAfter ${o.warnAfter} must be less than expireAfter ${o.expireAfter}`);
  }
  for (const key of ['user', 'csrfToken']) if (o[key] !== undefined && typeof o[key] !== 'string') problems.push(`${key} is ${typeof o[key]}, not a string`);
  if (problems.length) return { ok: false, detail: problems.join('; ') };
  return { ok: true, detail: `extended answer with ${Object.keys(o).sort().join(', ')}` };
}

/** A heuristic: a user name, an e-mail address or a small id is not opaque. */
function userOpaque(json: unknown): Outcome {
  const user = (json as { user?: unknown } | null)?.user;
  if (typeof user !== 'string') return { ok: true, detail: 'no user field' };
  if (user.includes('@') || /^[0-9]+$/.test(user) || user.length < 16) {
    return { ok: false, detail: `user ${JSON.stringify(user)} looks like an e-mail, a name or an id: send a keyed hash (HMAC) of the user id` };
  }
  return { ok: true, detail: `user is ${user.length} characters, no e-mail or number` };
}

function header(answer: Answer, name: string): string {
  return answer.headers.get(name) ?? '(none)';
}

/** `more` signs in another session, when --login allows it. */
export async function runLive(session: Session, record: Recorder, more?: () => Promise<Session>): Promise<void> {
  const first = await session.read();
  record('alive', alive(first));
  const dependents: ProbeId[] = ['content-type', 'no-store', 'answer-types', 'user-opaque', ...IDLE_PROBES, 'concurrent-pings'];
  if (first.kind !== 'idle') {
    for (const id of dependents) record(id, { ok: false, detail: 'no live session to test (see alive)' });
    return;
  }
  const type = header(first, 'content-type');
  record('content-type', /^application\/json\b/i.test(type) ? { ok: true, detail: `Content-Type: ${type}` } : { ok: false, detail: `Content-Type: ${type}, not application/json` });
  const cache = header(first, 'cache-control');
  const noStore = cache.split(',').some((directive) => directive.trim().toLowerCase() === 'no-store');
  record('no-store', noStore ? { ok: true, detail: `Cache-Control: ${cache}` } : { ok: false, detail: `Cache-Control: ${cache}; send no-store (a cached answer shows a stale session)` });
  record('answer-types', answerTypes(first.json));
  record('user-opaque', userOpaque(first.json));

  let live = session;
  if (session.expireAfter !== undefined && session.expireAfter < MIN_EXPIRE_AFTER) {
    for (const id of IDLE_PROBES) record(id, { skip: `expireAfter ${session.expireAfter} s is too short: these probes let the session idle ${IDLE_MS / 1000} s` });
  } else {
    live = await runIdle(session, first, record, more);
  }

  // Last: a ping that timed out may still reach the server later, and merge then.
  const started = performance.now();
  const answers = await Promise.all(Array.from({ length: CONCURRENT_PINGS }, () => live.read()));
  const slowest = Math.max(...answers.map((answer) => answer.end - started));
  const bad = answers.filter((answer) => answer.kind !== 'idle');
  record(
    'concurrent-pings',
    bad.length
      ? { ok: false, detail: `${bad.length} of ${CONCURRENT_PINGS} concurrent pings: ${describe(bad[0])} (a session lock?)` }
      : { ok: true, detail: `${CONCURRENT_PINGS} concurrent pings answered in ${Math.round(slowest)} ms at most` },
  );
}

/**
 * Sessions that take turns: a value that merged spoils its session's idleness for 2 s,
 * so the next value goes to the session idle the longest, and a value that ended its
 * session leaves the others to go on. With --login a few spares are signed in at the
 * first spoiled session (not before: a good server needs none, and logins may be
 * rate-limited); with one cookie the probes wait instead.
 */
class Rotation {
  private spares?: Promise<void>;

  constructor(
    private readonly sessions: Session[],
    private readonly more: (() => Promise<Session>) | undefined,
  ) {}

  /** The session that will be idle IDLE_MS first, once it is; undefined when none is left. */
  async next(): Promise<Session | undefined> {
    await this.spares;
    if (!this.sessions.length) return undefined;
    const session = this.sessions.reduce((best, s) => (s.upper < best.upper ? s : best));
    await session.idleFor(IDLE_MS);
    return session;
  }

  /** A session still alive, if any. */
  any(): Session | undefined {
    return this.sessions[0];
  }

  /** Called with every answer to a probe: keeps track of spoiled and ended sessions. */
  after(session: Session, answer: Answer): void {
    if (answer.kind === 'logout' && this.sessions.includes(session)) this.sessions.splice(this.sessions.indexOf(session), 1);
    else if (isIdle(answer, IDLE_S)) return;
    if (this.spares || !this.more) return;
    const more = this.more;
    this.spares = Promise.all(Array.from({ length: SPARES }, () => more())).then((sessions) => void this.sessions.push(...sessions));
  }
}

const SPARES = 3;

/** Resolves to a session still alive, for the probes after these. */
async function runIdle(session: Session, first: Answer, record: Recorder, more: (() => Promise<Session>) | undefined): Promise<Session> {
  // The ping is not activity: after an idle wait two pings in a row both still count it
  // (a server may touch the session before answering, or after).
  await sleep(Math.max(0, first.end + IDLE_MS - performance.now()));
  await session.idleFor(IDLE_MS);
  const second = await session.read();
  const third = await session.read();
  if (!isIdle(second, IDLE_S) || !isIdle(third, IDLE_S)) {
    record('ping-not-activity', { ok: false, detail: `after ${IDLE_MS / 1000} s idle, two pings answered ${describe(second)} then ${describe(third)}: pings count as activity` });
    for (const id of IDLE_PROBES.slice(1)) record(id, { skip: 'inconclusive while pings count as activity (see ping-not-activity)' });
    return session;
  }
  record('ping-not-activity', { ok: true, detail: `after ${IDLE_MS / 1000} s idle, two pings answered idle ${second.idle} s and ${third.idle} s` });
  const rotation = new Rotation([session], more);

  // Before the idleFor values: a server that takes a ping without idleFor as activity
  // would also take `idleFor[]=0` (no idleFor for it) as activity.
  let current: Session | undefined = session;
  const bare = await current.ping(undefined);
  const afterBare = await current.read();
  rotation.after(current, afterBare);
  const bareOk = isIdle(bare, IDLE_S) && isIdle(afterBare, IDLE_S);
  record(
    'bare-ping-not-activity',
    bareOk
      ? { ok: true, detail: `a ping without idleFor answered idle ${bare.idle} s, then ${afterBare.idle} s` }
      : { ok: false, detail: `a ping without idleFor answered ${describe(bare)}, then ${describe(afterBare)}: it counted as activity` },
  );

  for (const [id, all] of Object.entries(GARBAGE) as [ProbeId, Input[]][]) {
    const inputs = bareOk ? all : all.filter((input) => input.query.startsWith('idleFor='));
    const merged: string[] = [];
    const notes: string[] = [];
    for (const input of inputs) {
      current = await rotation.next();
      if (!current) {
        notes.push(`${input.label}: not sent, no live session left`);
        continue;
      }
      const answer = await current.ping(input.query);
      rotation.after(current, answer);
      if (answer.kind !== 'idle') notes.push(`${input.label}: ${describe(answer)}`);
      else if ((answer.idle ?? 0) < IDLE_S) merged.push(input.label);
    }
    const unjudged = inputs.length < all.length ? ' (idleFor[]=0 not judged: see bare-ping-not-activity)' : '';
    if (merged.length) {
      record(id, { ok: false, detail: `merged ${merged.join(', ')} (answered idle below ${IDLE_S}); accept only 1-15 ASCII digits, whole string${unjudged}`, values: merged });
    } else if (notes.length) {
      record(id, { ok: false, detail: `answer without merging, not ${notes.join('; ')}` });
    } else {
      record(id, { ok: true, detail: `ignored ${inputs.map((input) => input.label).join(', ')}${unjudged}` });
    }
  }

  current = await rotation.next();
  if (!current) {
    record('no-header-no-merge', { ok: false, detail: 'no live session left (see the idlefor probes)' });
    return session;
  }
  const forged = await current.ping('idleFor=0', false);
  const after = await current.read();
  const answerOk = isIdle(forged, IDLE_S) || forged.status === 400;
  record(
    'no-header-no-merge',
    answerOk && isIdle(after, IDLE_S)
      ? { ok: true, detail: `without X-Requested-With, idleFor=0 answered ${describe(forged)}; idle still ${after.idle} s` }
      : { ok: false, detail: `without X-Requested-With, idleFor=0 answered ${describe(forged)}, then ${describe(after)}: ${isIdle(after, IDLE_S) ? 'answer the idle time (or 400)' : 'merged'}` },
  );
  rotation.after(current, after);
  return rotation.any() ?? session;
}
