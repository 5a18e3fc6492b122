/**
 * The decisions, without the DOM: when to ping, warn, extend, expire, or follow the
 * answer another tab got. The element wires it to the browser and renders its state.
 *
 * Two activity times are kept:
 * - `last`: the latest activity known anywhere (this tab, other tabs, the server);
 * - `synced`: the latest activity the server confirmed knowing of.
 * A ping is sent only when one is needed (README, "Pings"):
 * - before warning, at `last + warnAfter`, and before expiring, at `last + expireAfter`:
 *   the server may know of more recent activity (another tab's page load, an app's own
 *   requests), so an idle user costs exactly two pings per cycle;
 * - to report activity the server has not seen before it would end the session: at
 *   `synced + expireAfter - margin` (margin: a ping timeout and then some), only while
 *   `last > synced` (and later than any other tab's page load, which the server saw);
 *   an active user pings about once per expire-after.
 * Activity between pings only moves `last`, which is all the hot path does. After a
 * failed ping the server confirmed nothing: the next try is at the next local deadline.
 *
 * Identity: `user` is the opaque user this page was shown for, from the page itself (the
 * element's `user` attribute) or from this page's own first answer (a ping at start),
 * never from another tab's message. An answer naming someone else ends the page.
 *
 * Time: the wall clock can step backwards (a user or NTP setting it); the controller
 * notices against the monotonic clock and shifts its stored times by the step, so that
 * deadlines keep their meaning and no negative idleFor is ever sent.
 */
import { phaseAt, timerDelay, type Phase } from './timeline.js';
import { PING_TIMEOUT } from './config.js';
import type { LogoutReason, PingAnswer, Times } from './protocol.js';

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
  /**
   * Shares local activity; `urgent` skips the sender's throttle (an extend); `seen`: the
   * server saw it (a page load), so it needs no report.
   */
  activity(at: number, urgent?: boolean, seen?: boolean): void;
  /** Shares an answer: to a ping sent at `sentAt`, received at `at`. */
  answer(answer: PingAnswer, sentAt: number, at: number): void;
  /** Tells the others a ping is under way, so that they wait for its answer. */
  pinging(sentAt: number): void;
}

/** A clock step back smaller than this is noise (timer and clock resolution, slewing). */
const STEP_BACK = 2000;

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
  /**
   * Latest activity another tab says the server saw (its page load). A hint, used only to
   * spare a report: wrong, it can only make the server end the session sooner.
   */
  #seen = 0;
  /** True while the page is hidden because the deadline passed and the server is being asked. */
  checking = false;
  /** The latest answer applied, ours or another tab's. */
  latest?: Answered;
  /**
   * The opaque user this page was shown for (the page's `user` attribute, else this
   * page's own first answer that named one): who may resume after signing in again.
   */
  user?: string;
  /** Whether the last answer applied named the user (a same-user sign-in can then resume in place). */
  named = false;
  peers?: Peers;
  #failed = false;
  #busy = false;
  #running = false;
  /** Bumped by stop(): an answer to a ping of an earlier run is dropped. */
  #run = 0;
  #timer?: ReturnType<typeof setTimeout>;
  #serverTimes?: Times;
  #waitingSince = 0;
  /** The wall and monotonic clocks at the last look, to notice the wall clock stepping back. */
  #wall = 0;
  #mono = 0;

  readonly #attributeTimes: () => Times;
  readonly #pinger: Pinger;
  readonly #emit: Emit;
  readonly #pingTimeout: () => number;
  readonly #monotonic: () => number;

  /** `pingTimeout` in seconds; `monotonic` in ms (tests inject both). */
  constructor(attributeTimes: () => Times, pinger: Pinger, emit: Emit, pingTimeout = () => PING_TIMEOUT.fallback, monotonic = () => performance.now()) {
    this.#attributeTimes = attributeTimes;
    this.#pinger = pinger;
    this.#emit = emit;
    this.#pingTimeout = pingTimeout;
    this.#monotonic = monotonic;
  }

  /**
   * Date.now(), after shifting every stored time if the wall clock stepped back since the
   * last look (a forward step is time passing: it can only expire sooner, never later).
   */
  now(): number {
    const wall = Date.now();
    const mono = this.#monotonic();
    const back = this.#wall + (mono - this.#mono) - wall;
    if (this.#wall && back > STEP_BACK) {
      this.last -= back;
      this.synced -= back;
      if (this.latest) this.latest = { ...this.latest, sentAt: this.latest.sentAt - back, at: this.latest.at - back };
      if (this.#waitingSince) this.#waitingSince -= back;
      if (this.#seen) this.#seen -= back;
    }
    this.#wall = wall;
    this.#mono = mono;
    return wall;
  }

  /** The server's per-user times win over the attributes once it has sent them. */
  get times(): Times {
    return this.#serverTimes ?? this.#attributeTimes();
  }

  get expiresAt(): number {
    return this.last + this.times.expireAfter * 1000;
  }

  /**
   * Starts (or restarts after stop(), keeping what it knew). `identify`: this page does
   * not know its user (or its times) yet, so the first start asks the server at once
   * rather than at the first deadline.
   */
  start(identify = false): void {
    if (this.#running) return;
    this.#running = true;
    const now = this.now();
    if (!this.last) {
      // A page load is a request the server saw: activity on both sides, and news for
      // the other tabs (their next deadline moves with it).
      this.last = this.synced = now;
      this.peers?.activity(now, true, true);
      if (identify) return void this.#sync(true);
    }
    // Stopped while asking (moved in the DOM after a return from the back/forward cache):
    // stop() aborted that ping, so ask again rather than settle on the deadlines.
    if (this.checking) return void this.#sync(true);
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
  activity(at?: number): void {
    // Looks at the clocks even when the watcher passes its own reading: after a step back
    // `last` would otherwise stay in the future and mute activity until the next timer.
    const now = this.now();
    at ??= now;
    if (at <= this.last || this.phase === 'expired') return;
    this.last = at;
    this.peers?.activity(at);
    if (this.phase === 'warning') this.extend();
  }

  /** Activity another tab reported (`seen`: its page load); the caller has validated it. */
  merge(at: number, seen = false): void {
    this.now();
    if (seen) this.#seen = Math.max(this.#seen, at);
    if (at <= this.last || this.phase === 'expired') return;
    this.last = at;
    if (this.phase === 'warning') this.extend('tab', at);
  }

  /** "Stay signed in": close the warning at once and tell the server. */
  extend(cause: Cause = 'local', at = this.now()): void {
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
    const now = this.now();
    if (now >= this.#dueAt()) this.#sync();
    else this.#settle(now, 'local');
  };

  /**
   * The page may have been away (restored from the back/forward cache, resumed after a
   * freeze): hide it and ask the server before showing anything, whatever the deadlines
   * say: its session may have ended meanwhile (signed out in this very tab, then Back).
   */
  confirm(): void {
    if (!this.#running || this.phase === 'expired') return;
    this.#setChecking(true);
    if (this.#busy) return; // the answer under way decides
    this.#sync(true);
  }

  /**
   * Applies an answer to a ping sent at `sentAt` and received at `at`: ours, or one
   * another tab shared (possibly a while ago, when a waking tab asks for it).
   */
  receive(answer: PingAnswer, sentAt: number, cause: Cause, at = Date.now()): void {
    this.now(); // shifts latest and synced first if the clock stepped back
    // Older than what we know is stale: an earlier answer, or one from before the server
    // last confirmed the session (this page's own load counts: a tab left expired must
    // not sign out a tab opened after the user signed in again).
    if (!this.#running || sentAt < Math.max(this.latest?.sentAt ?? 0, this.synced)) return;
    if (this.phase === 'expired') {
      if (answer.kind === 'idle' && sentAt > (this.latest?.sentAt ?? 0)) this.#emit('revive', { cause });
      return;
    }
    const local = cause === 'local';
    if (answer.kind === 'idle' && answer.user) {
      if (local) this.user ??= answer.user;
      if (this.user !== answer.user) {
        // Someone else's session now (another user signed in with this browser): this
        // page's own answer ends it. Another tab's word is a hint: this page asks itself,
        // and nothing of that answer is applied (it must not keep this page alive).
        return local ? this.#expire('replaced', cause) : void this.#sync(true);
      }
    }
    this.latest = { answer, sentAt, at };
    if (answer.kind === 'logout') return this.#expire(answer.reason, cause);
    this.#waitingSince = 0;
    this.#failed = answer.kind === 'failed';
    if (answer.kind === 'failed') {
      this.#emit('ping-error', { reason: answer.reason, cause });
    } else {
      // Per-user times, like the user, only from this page's own answers.
      if (answer.times && local) this.#serverTimes = answer.times;
      this.named = !!answer.user;
      // The server is the authority on everything up to the ping; only activity that
      // happened while the ping was under way can be newer than what it knows.
      this.synced = at - answer.idleFor * 1000;
      this.last = this.last > sentAt ? Math.max(this.last, this.synced) : this.synced;
    }
    this.#settle(this.now(), cause);
  }

  /**
   * Picks up again after the user signed back in (the relogin flow checked it is the
   * same user): a fresh session, active now, shared with the other tabs.
   */
  resume(answer: PingAnswer & { kind: 'idle' }): void {
    const now = this.now();
    this.phase = 'active'; // receive() ignores answers while expired
    this.peers?.answer(answer, now, now);
    this.receive(answer, now, 'local', now);
    this.#emit('change', undefined);
  }

  /** When the next ping is needed (see the class comment). */
  #dueAt(): number {
    const { warnAfter, expireAfter } = this.times;
    const next = this.last + 1000 * (this.phase === 'active' ? warnAfter : expireAfter);
    const known = Math.max(this.synced, this.#seen);
    if (this.#failed || this.last <= known) return next;
    // Unreported activity: tell the server before it would end the session, with time
    // for a slow answer (a ping timeout and 2 s), but at most half the warning window.
    const margin = Math.min((this.#pingTimeout() + 2) * 1000, ((expireAfter - warnAfter) * 1000) / 2);
    return Math.min(next, known + expireAfter * 1000 - margin);
  }

  /** Pings now; `own`: without leaving it to the leader (this page must hear the server itself). */
  async #sync(own = false): Promise<void> {
    if (!this.#running || this.#busy) return;
    const sentAt = this.now();
    // Fail closed: past the deadline nothing stays visible while the server is asked.
    if (phaseAt(this.last, this.times, sentAt) === 'expired') this.#setChecking(true);
    if (!own && this.#awaitLeader(sentAt)) return;
    const run = this.#run;
    this.#busy = true;
    this.peers?.pinging(sentAt);
    // Never negative, whatever the clocks did: the server ignores garbage, and a negative
    // report would at best be dropped and at worst read as "now".
    const answer = await this.#pinger.send(Math.max(0, Math.floor((sentAt - this.last) / 1000)));
    if (run !== this.#run) return;
    this.#busy = false;
    const at = this.now();
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
    if (this.#running && this.phase !== 'expired') this.#timer = setTimeout(this.check, timerDelay(this.#dueAt(), this.now()));
  }
}
