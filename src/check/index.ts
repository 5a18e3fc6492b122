/**
 * session-security-check: does a running server follow PROTOCOL.md? Black-box probes
 * over HTTP, each naming its rule and level; see catalog.ts for the list and cli.ts for
 * the command. As a function, for tests and scripts:
 *
 *   const report = await check({ url: 'http://127.0.0.1:8000/session/ping', login });
 *   report.results.filter((result) => result.status === 'fail');
 */
import { performance } from 'node:perf_hooks';
import { EVENT_PROBE_IDS, PROBES, PROBE_IDS, type Level, type Outcome, type ProbeId, type Recorder } from './catalog.js';
import type { Fetch } from './http.js';
import { runMerge, runPage } from './probes-activity.js';
import { anonymousPing, forgeCookie, runAnonymous } from './probes-anonymous.js';
import { runEventsAnonymous, runEventsEnd, runEventsLive } from './probes-events.js';
import { runExpiry, runPageExpiry } from './probes-expiry.js';
import { runLive } from './probes-live.js';
import { PROFILES, knownDeviation } from './profiles.js';
import { Session, type Site } from './session.js';

export { PROBES, PROBE_IDS, type Level, type ProbeId } from './catalog.js';
export { PROFILES } from './profiles.js';

export interface CheckOptions {
  /** The ping URL of a running server. */
  url: string;
  /** A Cookie header value of a signed-in session. */
  cookie?: string;
  /** Signs in anew and resolves to the session's Cookie header value; called once per session a probe spends. */
  login?: () => Promise<string>;
  /** A protected page of the same site (absolute, or relative to url). */
  page?: string;
  /** The session events URL of the same site (absolute, or relative to url); its probes run only with it. */
  events?: string;
  /** Also run the probes that wait for a session to expire. */
  slow?: boolean;
  /** Seconds; for servers whose answer carries no expireAfter. */
  expireAfter?: number;
  /** A key of PROFILES: its known deviations are warnings. */
  profile?: string;
  /** Seconds, like the element's ping-timeout. Default 10. */
  pingTimeout?: number;
  fetch?: Fetch;
}

export type Status = 'pass' | 'fail' | 'warn' | 'skip';

export interface Result {
  id: ProbeId;
  level: Level;
  rule: string;
  /** False for a failure, a warning included; true for a pass or a skip. */
  ok: boolean;
  status: Status;
  detail: string;
}

export interface CheckReport {
  url: string;
  results: Result[];
}

/** Bad usage or an unreachable server: the command exits 2, nothing was checked. */
export class CheckError extends Error {}

function httpUrl(value: string, base: string | undefined, what: string): string {
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    throw new CheckError(`${what} is not a URL: ${value}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new CheckError(`${what} must be http(s): ${value}`);
  return url.href;
}

function validate(options: CheckOptions): Site {
  const url = httpUrl(options.url, undefined, 'the ping URL');
  const page = options.page === undefined ? undefined : httpUrl(options.page, url, '--page');
  if (page && new URL(page).origin !== new URL(url).origin) throw new CheckError(`--page must be on the ping URL's site (${new URL(url).origin})`);
  const events = options.events === undefined ? undefined : httpUrl(options.events, url, '--events');
  // Same origin, as the element requires of events-url: the cookie is sent to this site only.
  if (events && new URL(events).origin !== new URL(url).origin) throw new CheckError(`--events must be on the ping URL's site (${new URL(url).origin})`);
  if (options.profile !== undefined && !Object.hasOwn(PROFILES, options.profile)) {
    throw new CheckError(`unknown profile ${options.profile}; known: ${Object.keys(PROFILES).join(', ')}`);
  }
  for (const [name, value] of [
    ['expireAfter', options.expireAfter],
    ['pingTimeout', options.pingTimeout],
  ] as const) {
    if (value !== undefined && !(Number.isSafeInteger(value) && value > 0)) throw new CheckError(`${name} must be whole positive seconds`);
  }
  return { url, page, events, fetch: options.fetch ?? fetch, timeout: (options.pingTimeout ?? 10) * 1000 };
}

/** Gives each group of probes its session: a fresh one per group with login, else the one cookie. */
function sessions(site: Site, options: CheckOptions) {
  const { login, cookie } = options;
  const signIn = async (): Promise<Session> => {
    const start = performance.now();
    let value: string;
    try {
      value = (await login!()).trim();
    } catch (error) {
      throw new CheckError(`login failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!value) throw new CheckError('login gave no cookie');
    return new Session(site, value, { start, end: performance.now() });
  };
  const shared = cookie ? new Session(site, cookie) : undefined;
  return {
    /** Separate sessions: groups may run at the same time. */
    parallel: !!login,
    /** Another fresh session, only with login. */
    more: login ? signIn : undefined,
    first: (): Promise<Session> | undefined => (shared ? Promise.resolve(shared) : login ? signIn() : undefined),
    other: (): Promise<Session> | undefined => (login ? signIn() : shared ? Promise.resolve(shared) : undefined),
  };
}

export async function check(options: CheckOptions): Promise<CheckReport> {
  const site = validate(options);
  const outcomes = new Map<ProbeId, Outcome>();
  const record: Recorder = (id, outcome) => void outcomes.set(id, outcome);

  // Unreachable is bad usage, not a failed rule: nothing could be checked.
  const noCookie = await anonymousPing(site);
  if (noCookie.status === 0) throw new CheckError(`cannot reach ${site.url}: ${noCookie.error}`);

  const pool = sessions(site, options);
  const first = pool.first();
  const anonymous = (async () => {
    const names = first ? (await first).jar.names : undefined;
    await Promise.all([runAnonymous(site, record, noCookie, await anonymousPing(site, forgeCookie(names))), site.events && runEventsAnonymous(site, record, names)]);
  })();

  type Group = { ids: ProbeId[]; skip?: string; run?: (session: Session) => Promise<void>; session?: () => Promise<Session> | undefined };
  const slowSkip = options.slow ? undefined : 'needs --slow';
  const eventsSkip = site.events ? undefined : 'needs --events';
  const groups: Group[] = [
    {
      ids: [
        'alive',
        'content-type',
        'no-store',
        'answer-types',
        'user-opaque',
        'ping-not-activity',
        'bare-ping-not-activity',
        'idlefor-negative',
        'idlefor-format',
        'idlefor-range',
        'no-header-no-merge',
        'concurrent-pings',
      ],
      run: (s) => runLive(s, record, pool.more),
      session: () => first,
    },
    { ids: ['merge', 'idlefor-older'], run: (s) => runMerge(s, record) },
    { ids: ['page-activity'], skip: site.page ? undefined : 'needs --page', run: (s) => runPage(s, record) },
    { ids: ['events-format', 'events-no-store', 'events-not-activity'], skip: eventsSkip, run: (s) => runEventsLive(s, record) },
    // Last in sequence: it spends the session.
    { ids: ['expiry-before-merge'], skip: slowSkip, run: (s) => runExpiry(s, record, options.expireAfter) },
    {
      ids: ['page-ends-expired'],
      skip: slowSkip ?? (site.page ? undefined : 'needs --page') ?? (pool.parallel ? undefined : 'needs --login (a second session to spend)'),
      run: (s) => runPageExpiry(s, record, options.expireAfter),
    },
    {
      ids: ['events-logout', 'events-close'],
      skip: eventsSkip ?? slowSkip ?? (pool.parallel ? undefined : 'needs --login (a second session to spend)'),
      run: (s) => runEventsEnd(s, record, options.expireAfter),
    },
  ];

  const runGroup = async (group: Group, session: Promise<Session> | undefined) => {
    if (group.skip) return group.ids.forEach((id) => record(id, { skip: group.skip! }));
    if (!session) return group.ids.forEach((id) => record(id, { skip: 'needs --cookie or --login' }));
    await group.run!(await session);
  };
  const pick = (group: Group) => (group.skip ? undefined : (group.session ?? pool.other)());
  if (pool.parallel) await Promise.all([anonymous, ...groups.map((group) => runGroup(group, pick(group)))]);
  else {
    // One cookie: the groups take turns on it.
    await anonymous;
    for (const group of groups) await runGroup(group, pick(group));
  }

  const profile = options.profile === undefined ? undefined : PROFILES[options.profile];
  // Without an events URL the stream's probes are left out, not skipped: it is optional,
  // and a skipped MUST would read as a rule not checked.
  const ids = site.events ? PROBE_IDS : PROBE_IDS.filter((id) => !EVENT_PROBE_IDS.includes(id));
  const results = ids.map((id): Result => {
    const { level, rule } = PROBES[id];
    const outcome = outcomes.get(id) ?? { skip: 'not run' };
    if ('skip' in outcome) return { id, level, rule, ok: true, status: 'skip', detail: outcome.skip };
    if (outcome.ok) return { id, level, rule, ok: true, status: 'pass', detail: outcome.detail };
    const known = knownDeviation(profile, id, outcome.values);
    const detail = known ? `${outcome.detail} [${known.note}]` : outcome.detail;
    return { id, level, rule, ok: false, status: level === 'MUST' && !known ? 'fail' : 'warn', detail };
  });
  return { url: site.url, results };
}
