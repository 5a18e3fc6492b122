/**
 * The decisions, without the DOM: when to ping, warn, extend, expire, or follow the
 * answer another tab got. The element wires it to the browser and renders its state.
 *
 * Two activity times are kept:
 * - `last`: the latest activity known anywhere (this tab, other tabs, the server);
 * - `synced`: the latest activity the server confirmed knowing of.
 * The next ping is due at `synced + warnAfter` (or `+ expireAfter` while warning): that
 * is when the server itself would start counting the user as idle, so an active user
 * pings about once per warn-after, and an idle user twice per cycle (before the warning,
 * before expiry). Activity between pings only moves `last`, which is all the hot path
 * does. After a failed ping the server confirmed nothing, so the deadlines run from
 * local activity and the next try is at the next local deadline.
 */
import { phaseAt, timerDelay, type Phase, type Times } from './timeline.js';
import type { LogoutReason, PingAnswer } from './protocol.js';

/** Where a decision came from: this tab, or another tab of the same session. */
export type Cause = 'local' | 'tab';

export interface Pinger {
  /** Never rejects: a network error or timeout is a `failed` answer. */
  send(idleFor: number): Promise<PingAnswer>;
  abort(): void;
}

/** Other tabs of the same session (see browser/tab-sync.ts); absent means alone. */
export interface Peers {
  /**
   * How long, in ms past a deadline, this tab lets another one ping for it before it
   * pings itself: 0 for the leader, a ping timeout and then some for the others.
   */
  patience(): number;
  /** Shares local activity; `urgent` skips the sender's throttle (an extend). */
  activity(at: number, urgent?: boolean): void;
  /** Shares an answer: to a ping sent at `sentAt`, received at `at`. */
  answer(answer: PingAnswer, sentAt: number, at: number): void;
}

/** An answer with its times, as kept and shared between tabs. */
export interface Answered {
  answer: PingAnswer;
  sentAt: number;
  at: number;
}

export interface ControllerEvents {
  warn: { cause: Cause };
  extend: { cause: Cause };
  expire: { reason: LogoutReason; cause: Cause };
  'ping-error': { reason: string; cause: Cause };
  /** After expiry, another tab's answer says a session exists again (someone signed in). */
  revive: { cause: Cause };
  /** Anything the view shows changed (phase, checking, deadlines). */
  change: undefined;
}
export type Emit = <K extends keyof ControllerEvents>(type: K, detail: ControllerEvents[K]) => void;

export class SessionController {
  phase: Phase = 'active';
  /** Latest activity known anywhere, ms since the epoch. */
  last = 0;
  /** Latest activity the server confirmed, ms since the epoch. */
  synced = 0;
  /** True while the page is hidden because the deadline passed and the server is being asked. */
  checking = false;
  /** The latest answer applied, ours or another tab's. */
  latest?: Answered;
  /** The opaque user named by the last answer (none if it named none): who may resume after signing in again. */
  user?: string;
  peers?: Peers;
  #failed = false;
  #busy = false;
  #running = false;
  /** Bumped by stop(): an answer to a ping of an earlier run is dropped. */
  #run = 0;
  #timer?: ReturnType<typeof setTimeout>;
  #serverTimes?: Times;
  #waitingSince = 0;

  readonly #attributeTimes: () => Times;
  readonly #pinger: Pinger;
  readonly #emit: Emit;

  constructor(attributeTimes: () => Times, pinger: Pinger, emit: Emit) {
    this.#attributeTimes = attributeTimes;
    this.#pinger = pinger;
    this.#emit = emit;
  }

  /** The server's per-user times win over the attributes once it has sent them. */
  get times(): Times {
    return this.#serverTimes ?? this.#attributeTimes();
  }

  get expiresAt(): number {
    return this.last + this.times.expireAfter * 1000;
  }

  start(now = Date.now()): void {
    if (this.#running) return;
    this.#running = true;
    // A page load is a request the server saw: it counts as activity on both sides.
    if (!this.last) this.last = this.synced = now;
    this.check();
  }

  stop(): void {
    this.#running = false;
    this.#busy = false;
    this.#run++;
    clearTimeout(this.#timer);
    this.#pinger.abort();
  }

  /** Hot path: user activity in this tab (already throttled to about once a second). */
  activity(at = Date.now()): void {
    if (at <= this.last || this.phase === 'expired') return;
    this.last = at;
    this.peers?.activity(at);
    if (this.phase === 'warning') this.extend();
  }

  /** Activity another tab reported; the caller has validated it. */
  merge(at: number): void {
    if (at <= this.last || this.phase === 'expired') return;
    this.last = at;
    if (this.phase === 'warning') this.extend('tab', at);
  }

  /** "Stay signed in": close the warning at once and tell the server. */
  extend(cause: Cause = 'local', at = Date.now()): void {
    if (this.phase === 'expired') return;
    this.last = Math.max(this.last, at);
    if (cause === 'local') this.peers?.activity(this.last, true);
    this.#setPhase('active', cause);
    this.#sync();
  }

  /**
   * The user signed out in this tab (which is navigating away): tells the other tabs at
   * once, as if the server had answered "revoked", instead of at their next ping.
   */
  signedOut(): void {
    const now = Date.now();
    this.peers?.answer({ kind: 'logout', reason: 'revoked' }, now, now);
  }

  /** Wake-up: the timer fired, or the page became visible, focused, online... */
  check = (): void => {
    if (!this.#running || this.#busy || this.phase === 'expired') return;
    const now = Date.now();
    if (now >= this.#dueAt()) this.#sync();
    else this.#settle(now, 'local');
  };

  /**
   * Applies an answer to a ping sent at `sentAt` and received at `at`: ours, or one
   * another tab shared (possibly a while ago, when a waking tab asks for it).
   */
  receive(answer: PingAnswer, sentAt: number, cause: Cause, at = Date.now()): void {
    // Older than what we know is stale: an earlier answer, or one from before the server
    // last confirmed the session (this page's own load counts: a tab left expired must
    // not sign out a tab opened after the user signed in again).
    if (!this.#running || sentAt < Math.max(this.latest?.sentAt ?? 0, this.synced)) return;
    if (this.phase === 'expired') {
      if (answer.kind === 'idle' && sentAt > (this.latest?.sentAt ?? 0)) this.#emit('revive', { cause });
      return;
    }
    this.latest = { answer, sentAt, at };
    if (answer.kind === 'logout') return this.#expire(answer.reason, cause);
    // Someone else signed in with this browser meanwhile (another tab): the session is no
    // longer the one this page was shown for.
    if (answer.kind === 'idle' && answer.user && this.user && answer.user !== this.user) return this.#expire('replaced', cause);
    this.#waitingSince = 0;
    this.#failed = answer.kind === 'failed';
    if (answer.kind === 'failed') {
      this.#emit('ping-error', { reason: answer.reason, cause });
    } else {
      if (answer.times) this.#serverTimes = answer.times;
      this.user = answer.user;
      // The server is the authority on everything up to the ping; only activity that
      // happened while the ping was under way can be newer than what it knows.
      this.synced = at - answer.idleFor * 1000;
      this.last = this.last > sentAt ? Math.max(this.last, this.synced) : this.synced;
    }
    this.#settle(Date.now(), cause);
  }

  /**
   * Picks up again after the user signed back in (the relogin flow checked it is the
   * same user): a fresh session, active now, shared with the other tabs.
   */
  resume(answer: PingAnswer & { kind: 'idle' }): void {
    const now = Date.now();
    this.phase = 'active'; // receive() ignores answers while expired
    this.peers?.answer(answer, now, now);
    this.receive(answer, now, 'local', now);
    this.#emit('change', undefined);
  }

  #dueAt(): number {
    const base = this.#failed ? this.last : this.synced;
    return base + 1000 * (this.phase === 'active' ? this.times.warnAfter : this.times.expireAfter);
  }

  async #sync(): Promise<void> {
    if (!this.#running || this.#busy) return;
    const sentAt = Date.now();
    // Fail closed: past the deadline nothing stays visible while the server is asked.
    if (phaseAt(this.last, this.times, sentAt) === 'expired') this.#setChecking(true);
    if (this.#awaitLeader(sentAt)) return;
    const run = this.#run;
    this.#busy = true;
    const answer = await this.#pinger.send(Math.floor((sentAt - this.last) / 1000));
    if (run !== this.#run) return;
    this.#busy = false;
    const at = Date.now();
    this.peers?.answer(answer, sentAt, at);
    this.receive(answer, sentAt, 'local', at);
  }

  /**
   * A follower lets the leader ping and waits for the answer it shares; if none comes
   * within the grace period (the leader closed or froze mid-ping), it pings itself.
   */
  #awaitLeader(now: number): boolean {
    const patience = this.peers?.patience() ?? 0;
    if (!patience) return false;
    this.#waitingSince ||= now;
    const left = this.#waitingSince + patience - now;
    if (left <= 0) return false;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(this.check, left);
    return true;
  }

  #settle(now: number, cause: Cause): void {
    const phase = phaseAt(this.last, this.times, now);
    if (phase === 'expired') return this.#expire('expired', cause);
    this.#setChecking(false);
    this.#setPhase(phase, cause);
    this.#schedule();
  }

  #setPhase(phase: Phase, cause: Cause): void {
    if (phase === this.phase) return;
    this.phase = phase;
    if (phase !== 'expired') this.#emit(phase === 'warning' ? 'warn' : 'extend', { cause });
    this.#emit('change', undefined);
  }

  #setChecking(checking: boolean): void {
    if (checking === this.checking) return;
    this.checking = checking;
    this.#emit('change', undefined);
  }

  #expire(reason: LogoutReason, cause: Cause): void {
    clearTimeout(this.#timer);
    this.checking = false;
    this.#setPhase('expired', cause);
    this.#emit('expire', { reason, cause });
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    if (this.#running && this.phase !== 'expired') this.#timer = setTimeout(this.check, timerDelay(this.#dueAt(), Date.now()));
  }
}
