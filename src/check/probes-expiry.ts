/**
 * The --slow probes: a session left idle past expireAfter is gone for good, whatever a
 * late idleFor says (rule 2), and a page request ends it rather than reviving it (rule 6).
 * Each one spends a session.
 */
import type { ProbeId, Recorder } from './catalog.js';
import { describe } from './http.js';
import type { Session } from './session.js';

/** Past the deadline by this much, for the server's rounding and timers. */
const MARGIN_MS = 1000;

/** Reads the session once (for its expireAfter), then waits until it is surely expired. */
export async function expire(session: Session, id: ProbeId, record: Recorder, expireAfter: number | undefined): Promise<boolean> {
  const first = await session.read();
  if (first.kind !== 'idle') {
    record(id, { ok: false, detail: `no live session to test: ${describe(first)}` });
    return false;
  }
  const seconds = expireAfter ?? session.expireAfter;
  if (seconds === undefined) {
    record(id, { skip: 'needs --expire-after: the answer carries no expireAfter' });
    return false;
  }
  await session.idleFor(seconds * 1000 + MARGIN_MS);
  return true;
}

export async function runExpiry(session: Session, record: Recorder, expireAfter?: number): Promise<void> {
  if (!(await expire(session, 'expiry-before-merge', record, expireAfter))) return;
  const late = await session.ping('idleFor=0');
  const again = await session.ping('idleFor=0');
  record(
    'expiry-before-merge',
    late.kind === 'logout' && again.kind === 'logout'
      ? { ok: true, detail: `idleFor=0 after expiry answered ${describe(late)}, then ${describe(again)}` }
      : { ok: false, detail: `idleFor=0 after expiry answered ${describe(late)}, then ${describe(again)}: a late report revived the session` },
  );
}

export async function runPageExpiry(session: Session, record: Recorder, expireAfter?: number): Promise<void> {
  if (!(await expire(session, 'page-ends-expired', record, expireAfter))) return;
  const page = await session.page();
  const after = await session.read();
  const status = page.error ?? `HTTP ${page.status}`;
  record(
    'page-ends-expired',
    after.kind === 'logout'
      ? { ok: true, detail: `the page after expiry answered ${status}; the ping then ${describe(after)}` }
      : { ok: false, detail: `the page after expiry answered ${status}; the ping then ${describe(after)}: the page request revived an expired session` },
  );
}
