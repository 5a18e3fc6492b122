/**
 * Sessions in memory: id -> who, when last active, CSRF token and timeouts. Enough for
 * the demo and tests; a real app keeps the same fields in its own session store.
 * Times are milliseconds from an injectable clock so tests can move time.
 */
import { randomToken } from './tokens.js';

export interface Times {
  /** Seconds of inactivity before the warning. */
  warnAfter: number;
  /** Seconds of inactivity before the session ends. */
  expireAfter: number;
}

export interface Session extends Times {
  readonly id: string;
  readonly user: string;
  /** Last activity the server knows of, ms since the epoch. */
  last: number;
  readonly csrfToken: string;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(readonly now: () => number) {}

  /** A new session with a fresh random id; signing in counts as activity. */
  create(user: string, times: Times): Session {
    this.sweep();
    const session: Session = { id: randomToken(), user, last: this.now(), csrfToken: randomToken(), ...times };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The session with that id, expired or not: callers decide, see `expired()`. */
  get(id: string | undefined): Session | undefined {
    return id === undefined ? undefined : this.sessions.get(id);
  }

  /** Same rule as the element's timeline: idle for expireAfter or more is over. */
  expired(session: Session): boolean {
    return this.now() - session.last >= session.expireAfter * 1000;
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

  /** Drops expired sessions so abandoned ones do not pile up (run on each sign-in). */
  private sweep(): void {
    for (const [id, session] of this.sessions) if (this.expired(session)) this.sessions.delete(id);
  }
}
