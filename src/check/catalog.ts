/**
 * Every probe the checker runs: its id, its level and the PROTOCOL.md rule it tests.
 * The order here is the order of the report. Ids are stable: scripts and profiles
 * (profiles.ts) refer to them.
 */
export type Level = 'MUST' | 'SHOULD';

export interface ProbeInfo {
  level: Level;
  /** PROTOCOL.md section (and rule number), so a failure points at the text to read. */
  rule: string;
}

const RULE = {
  request: 'Request: timeout',
  answers: 'Answers',
  r1: 'Server rules 1: Authenticate the ping like any request',
  r2: 'Server rules 2: Check expiry before merging',
  r3: 'Server rules 3: Merge forward only, never into the future',
  r4: 'Server rules 4: Merge only with X-Requested-With',
  r5: 'Server rules 5: The ping is not activity',
  r6: 'Server rules 6: Every other request is activity',
  r7: 'Server rules 7: Answer the idle time after merging',
  r8: 'Server rules 8: Cache-Control: no-store and application/json',
  r9: 'Server rules 9: user is opaque',
  csrf: 'Security notes: CSRF',
  eventsAuth: 'Session events: without a live session, the logout event at once (or a refusal)',
  eventsAnswer: 'Session events: 200, text/event-stream, no-store, kept open',
  eventsActivity: 'Session events: opening the stream is not activity',
  eventsEnd: 'Session events: when the session ends, one logout event, then close',
} as const;

export const PROBES = {
  'no-session': { level: 'MUST', rule: RULE.r1 },
  'forged-session': { level: 'MUST', rule: RULE.r1 },
  'logout-format': { level: 'MUST', rule: RULE.r8 },
  alive: { level: 'MUST', rule: RULE.r7 },
  'content-type': { level: 'MUST', rule: RULE.r8 },
  'no-store': { level: 'MUST', rule: RULE.r8 },
  'answer-types': { level: 'MUST', rule: RULE.answers },
  'user-opaque': { level: 'SHOULD', rule: RULE.r9 },
  'ping-not-activity': { level: 'MUST', rule: RULE.r5 },
  'bare-ping-not-activity': { level: 'MUST', rule: RULE.r5 },
  merge: { level: 'MUST', rule: RULE.r3 },
  'idlefor-older': { level: 'MUST', rule: RULE.r3 },
  'idlefor-negative': { level: 'MUST', rule: RULE.r3 },
  'idlefor-format': { level: 'MUST', rule: RULE.r3 },
  'idlefor-range': { level: 'MUST', rule: RULE.r3 },
  'no-header-no-merge': { level: 'MUST', rule: RULE.r4 },
  'page-activity': { level: 'MUST', rule: RULE.r6 },
  'expiry-before-merge': { level: 'MUST', rule: RULE.r2 },
  'page-ends-expired': { level: 'MUST', rule: RULE.r6 },
  'cors-origin': { level: 'MUST', rule: RULE.csrf },
  'cors-preflight': { level: 'MUST', rule: RULE.csrf },
  'concurrent-pings': { level: 'SHOULD', rule: RULE.request },
  // Only with an events URL (--events): the stream is optional, a server without one skips nothing.
  'events-no-session': { level: 'MUST', rule: RULE.eventsAuth },
  'events-format': { level: 'MUST', rule: RULE.eventsAnswer },
  'events-no-store': { level: 'MUST', rule: RULE.eventsAnswer },
  'events-not-activity': { level: 'MUST', rule: RULE.eventsActivity },
  'events-logout': { level: 'MUST', rule: RULE.eventsEnd },
  'events-close': { level: 'SHOULD', rule: RULE.eventsEnd },
} as const satisfies Record<string, ProbeInfo>;

export type ProbeId = keyof typeof PROBES;
export const PROBE_IDS = Object.keys(PROBES) as ProbeId[];
/** The probes of the optional session events stream: reported only when its URL is given. */
export const EVENT_PROBE_IDS = PROBE_IDS.filter((id) => id.startsWith('events-'));

/** What a probe found. `values` lists the offending inputs, for profiles to match. */
export type Outcome = { ok: boolean; detail: string; values?: string[] } | { skip: string };

/** Where the probes write their outcomes. */
export type Recorder = (id: ProbeId, outcome: Outcome) => void;
