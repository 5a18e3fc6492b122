/**
 * Probes that move a session's activity, each on a session of its own when --login can
 * sign in again: a genuine report merges (and an older one does not move activity
 * back), and a page request is activity.
 */
import type { Recorder } from './catalog.js';
import { describe, type Answer } from './http.js';
import { IDLE_MS } from './probes-live.js';
import type { Session } from './session.js';

const recent = (answer: Answer) => answer.kind === 'idle' && (answer.idle ?? Infinity) <= 1;

export async function runMerge(session: Session, record: Recorder): Promise<void> {
  const first = await session.read();
  if (first.kind !== 'idle') {
    for (const id of ['merge', 'idlefor-older'] as const) record(id, { ok: false, detail: `no live session to test: ${describe(first)}` });
    return;
  }
  await session.idleFor(IDLE_MS);
  const merged = await session.ping('idleFor=0');
  if (!recent(merged)) {
    record('merge', { ok: false, detail: `after ${IDLE_MS / 1000} s idle, idleFor=0 answered ${describe(merged)}: merge last = max(last, now - idleFor)` });
    record('idlefor-older', { skip: 'needs merge to pass' });
    return;
  }
  record('merge', { ok: true, detail: `after ${IDLE_MS / 1000} s idle, idleFor=0 answered idle ${merged.idle}` });
  // 2 s is older than the activity just merged; a server that assigns instead of taking
  // the maximum now answers 2.
  const older = await session.ping('idleFor=2');
  record(
    'idlefor-older',
    recent(older)
      ? { ok: true, detail: `idleFor=2 right after the merge answered idle ${older.idle}` }
      : { ok: false, detail: `idleFor=2 right after the merge answered ${describe(older)}: an older report moved activity back` },
  );
}

export async function runPage(session: Session, record: Recorder): Promise<void> {
  const first = await session.read();
  if (first.kind !== 'idle') return record('page-activity', { ok: false, detail: `no live session to test: ${describe(first)}` });
  await session.idleFor(IDLE_MS);
  const page = await session.page();
  const after = await session.read();
  const status = page.error ?? `HTTP ${page.status}`;
  if (recent(after)) return record('page-activity', { ok: true, detail: `after ${IDLE_MS / 1000} s idle, the page (${status}) reset idle to ${after.idle}` });
  const hint = page.status >= 300 && page.status < 500 ? ` (is --page a protected page this session may see?)` : '';
  record('page-activity', { ok: false, detail: `after ${IDLE_MS / 1000} s idle, the page answered ${status}${hint}, then the ping ${describe(after)}: the page request was not activity` });
}
