/**
 * Sessions in memory: id -> who, when last active, CSRF token and timeouts. Enough for
 * the demo and tests; a real app keeps the same fields in its own session store.
 * Times are milliseconds from an injectable clock so tests can move time.
 */
import { randomToken } from './tokens.js';
import type { Times } from '../core/protocol.js';

export type { Times };

export interface Session extends Times {
  readonly id: string;
  readonly user: string;
  /** Last activity the server knows of, ms since the epoch. */
  last: number;
  readonly csrfToken: string;
  /**
   * When the session ends whatever the activity (absolute lifetime, ASVS 7.3.2), ms since
   * the epoch; Infinity when there is no absolute limit.
   */
  readonly endsAt: number;
}

/** How a sweep walks the sessions: at most `batch` of them every `everyMs`. */
export interface SweepOptions {
  everyMs: number;
  batch: number;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  /** Where the last bounded sweep stopped; a Map iterator also sees entries added later. */
  private cursor: Iterator<Session> | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(readonly now: () => number) {}

  /**
   * A new session with a fresh random id; signing in counts as activity. `lifetime` is
   * the absolute limit in seconds (undefined: none). Never scans the other sessions: the
   * cost of a sign-in must not grow with their number (sweeping runs on a timer).
   */
  create(user: string, times: Times, lifetime?: number): Session {
    const now = this.now();
    const endsAt = lifetime === undefined ? Infinity : now + lifetime * 1000;
    const session: Session = { id: randomToken(), user, last: now, csrfToken: randomToken(), ...times, endsAt };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The session with that id, expired or not: callers decide, see `expired()`. */
  get(id: string | undefined): Session | undefined {
    return id === undefined ? undefined : this.sessions.get(id);
  }

  /**
   * Same rule as the element's timeline: idle for expireAfter or more is over. So is a
   * session past its absolute end, however active.
   */
  expired(session: Session): boolean {
    const now = this.now();
    return now - session.last >= session.expireAfter * 1000 || now >= session.endsAt;
  }

  /** Whole seconds since the last activity (never negative, even if the clock steps back). */
  idleFor(session: Session): number {
    return Math.max(0, Math.floor((this.now() - session.last) / 1000));
  }

  /** A request the user made: activity now. */
  touch(session: Session): void {
    session.last = Math.max(session.last, this.now());
  }

  /**
   * Activity the browser reports: `idleFor` seconds ago. Only ever moves `last` forward,
   * and never past now (idleFor is checked to be a non-negative integer by the caller).
   */
  merge(session: Session, idleFor: number): void {
    session.last = Math.max(session.last, Math.min(this.now(), this.now() - idleFor * 1000));
  }

  destroy(id: string): void {
    this.sessions.delete(id);
  }

  get size(): number {
    return this.sessions.size;
  }

  /**
   * Drops expired sessions among the next `limit` (in insertion order, resuming where the
   * previous sweep stopped), so that abandoned sessions do not pile up in memory. Bounded
   * so that one sweep never holds the event loop for long, whatever the number of
   * sessions. Expiry itself does not depend on it: every read checks `expired()`.
   * Returns how many sessions it looked at.
   */
  sweep(limit = Infinity): number {
    let checked = 0;
    this.cursor ??= this.sessions.values();
    while (checked < limit) {
      const next = this.cursor.next();
      if (next.done) {
        this.cursor = undefined; // a full pass: the next sweep starts again from the oldest
        break;
      }
      checked++;
      if (this.expired(next.value)) this.sessions.delete(next.value.id);
    }
    return checked;
  }

  /**
   * Sweeps on a timer. The timer is unref'd: it never keeps a process alive by itself;
   * `stopSweeping()` ends it (servers on close, tests). Starting again replaces it.
   */
  startSweeping({ everyMs, batch }: SweepOptions): void {
    this.stopSweeping();
    this.timer = setInterval(() => this.sweep(batch), everyMs);
    this.timer.unref?.();
  }

  stopSweeping(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}
