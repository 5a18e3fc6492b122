/**
 * Activity stores: a session's last activity, kept apart from the session blob (which
 * express-session reads whole at the start of a request and writes back whole at the
 * end, so two tabs or two processes would overwrite each other's activity, and a request
 * in flight during sign-out would write a destroyed session back: expressjs/session#632).
 *
 * A store keeps one deadline per session id (last activity + expireAfter). The deadline
 * only ever moves forward; when it passes, the record is gone and nothing brings it back
 * except `start` (a sign-in, under a new id). So "expiry before merge" and "a stale write
 * never moves activity back" hold by construction, on every implementation.
 */

/** Why a session ended (PROTOCOL.md's logout reasons, plus the user's own sign-out). */
export type EndReason = 'expired' | 'revoked' | 'replaced' | 'signed-out';

export interface ActivityStore {
  /**
   * True when several processes may share it (Redis). The server then refuses to start
   * without a stable `secret`: a per-process random one would make every process name
   * the user differently, and the element ends a page as `replaced` at the first ping
   * that reaches another process.
   */
  readonly shared: boolean;
  /** Live records, when this process can know it cheaply (memory); undefined otherwise. */
  readonly size?: number;
  /** A new session: activity now, so it is alive for `expireAfterMs`. */
  start(id: string, expireAfterMs: number): Promise<void>;
  /**
   * The session's idle milliseconds, or undefined when it has no live record (expired,
   * ended, or never started). With `idleMs` (activity that long ago; 0 = now) the deadline
   * first moves to `now - idleMs + expireAfterMs` if that is later, and only if the
   * record is still live: a late report never revives a session.
   */
  activity(id: string, expireAfterMs: number, idleMs?: number): Promise<number | undefined>;
  /** Ends the session: its record goes, its reason stays for `REASON_KEPT_MS`. */
  end(id: string, reason: EndReason): Promise<void>;
  /** Why the session ended, while that is remembered; undefined for a plain expiry. */
  reason(id: string): Promise<EndReason | undefined>;
  /** Releases timers and connections (the server's close). */
  close(): Promise<void>;
}

/**
 * How long an ended session's reason is kept: longer than any page waits between two
 * pings (warnAfter), so that its pages learn why. A day covers any sane warnAfter.
 */
export const REASON_KEPT_MS = 24 * 60 * 60 * 1000;
/** Records the sweep looks at per run: bounded, so a sweep never stalls requests (see SessionStore). */
const SWEEP_BATCH = 10_000;
const SWEEP_EVERY_MS = 60_000;

/**
 * One process's store, the default (and the demo's without REDIS_URL). Single-threaded
 * JavaScript makes every method atomic; the deadlines are checked on every read, and a
 * bounded sweep drops the expired ones from memory.
 */
export class MemoryActivityStore implements ActivityStore {
  readonly shared = false;
  private readonly deadlines = new Map<string, number>();
  private readonly reasons = new Map<string, { reason: EndReason; until: number }>();
  private cursor?: Iterator<[string, number]>;
  private readonly timer: ReturnType<typeof setInterval>;

  /** `now`: milliseconds since the epoch (tests pass a fake clock). */
  constructor(private readonly now: () => number = Date.now) {
    this.timer = setInterval(() => this.sweep(SWEEP_BATCH), SWEEP_EVERY_MS);
    this.timer.unref?.();
  }

  get size(): number {
    return this.deadlines.size;
  }

  async start(id: string, expireAfterMs: number): Promise<void> {
    this.deadlines.set(id, this.now() + expireAfterMs);
  }

  async activity(id: string, expireAfterMs: number, idleMs?: number): Promise<number | undefined> {
    const now = this.now();
    let deadline = this.deadlines.get(id);
    if (deadline === undefined) return undefined;
    if (deadline <= now) {
      this.deadlines.delete(id);
      return undefined;
    }
    if (idleMs !== undefined) deadline = Math.max(deadline, now - Math.max(0, idleMs) + expireAfterMs);
    this.deadlines.set(id, deadline);
    return Math.max(0, now - (deadline - expireAfterMs));
  }

  async end(id: string, reason: EndReason): Promise<void> {
    this.deadlines.delete(id);
    this.reasons.set(id, { reason, until: this.now() + REASON_KEPT_MS });
  }

  async reason(id: string): Promise<EndReason | undefined> {
    const kept = this.reasons.get(id);
    return kept && kept.until > this.now() ? kept.reason : undefined;
  }

  /** Drops expired records among the next `limit`, resuming where the last sweep stopped. */
  sweep(limit = Infinity): number {
    const now = this.now();
    let checked = 0;
    this.cursor ??= this.deadlines.entries();
    while (checked < limit) {
      const next = this.cursor.next();
      if (next.done) {
        this.cursor = undefined;
        // Reasons are few (one per ended session) and insertion-ordered: drop the old ones.
        for (const [id, kept] of this.reasons) {
          if (kept.until > now) break;
          this.reasons.delete(id);
        }
        break;
      }
      checked++;
      if (next.value[1] <= now) this.deadlines.delete(next.value[0]);
    }
    return checked;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
  }
}
