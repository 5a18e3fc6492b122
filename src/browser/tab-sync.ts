/**
 * Makes every tab of one browser act as one user (README, "Several tabs"):
 * - activity is shared, at most every few seconds per tab, so no tab warns while the
 *   user works in another;
 * - one tab, the leader, pings for all; the others apply the answers it shares. The
 *   leader holds a Web Lock, so the browser hands leadership over when it closes,
 *   navigates or is frozen (we release the lock on pagehide and freeze);
 * - decisions travel with the answers and the urgent activity of an extend.
 * Messages are hints, never proof: anything malformed or from the future is dropped, and
 * only the server's answers (relayed) can move the server-confirmed time.
 */
import type { Answered, Peers, SessionController } from '../core/controller.js';
import { LOGOUT_REASONS, seconds, serverTimes, type LogoutReason, type PingAnswer } from '../core/protocol.js';
import { listen } from './listen.js';
import { openTabChannel, type TabChannel } from './tab-channel.js';

/** Activity is shared at most this often per tab (the first at once, the last within this). */
export const SHARE_EVERY = 5000;
/**
 * How long a visible follower waits past a deadline for the leader's "pinging" notice
 * before it pings itself: a leader in a background tab has its timers throttled (to once
 * a minute), and the warning must not come late where the user can see it.
 */
export const VISIBLE_PATIENCE = 750;

type Message =
  /** `seen`: the server saw it (the sender's page load). */
  | { type: 'activity'; at: number; seen?: boolean }
  | ({ type: 'answer' } & Answered)
  /** A ping is under way (sent at `at`): wait for its answer. */
  | { type: 'pinging'; at: number }
  /** A tab that (re)joins asks the others for what they know. */
  | { type: 'hello' };

const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value > 0 && value <= Date.now();
const isText = (value: unknown) => value === undefined || typeof value === 'string';

/**
 * A copy of an answer another tab relays, with only the fields we know, each of the right
 * type and range; undefined if anything is off (dropped whole, never half-applied).
 */
function readAnswer(value: unknown): PingAnswer | undefined {
  const a = value as Record<string, unknown> | null;
  if (!a || typeof a !== 'object') return undefined;
  if (a.kind === 'logout') return LOGOUT_REASONS.includes(a.reason as LogoutReason) ? { kind: 'logout', reason: a.reason as LogoutReason } : undefined;
  if (a.kind === 'failed') return typeof a.reason === 'string' ? { kind: 'failed', reason: a.reason } : undefined;
  const t = a.times as Record<string, unknown> | undefined;
  const times = t && typeof t === 'object' ? serverTimes(t.warnAfter, t.expireAfter) : undefined;
  if (a.kind !== 'idle' || seconds(a.idleFor) !== a.idleFor || (t !== undefined && !times) || !isText(a.user) || !isText(a.csrfToken)) return undefined;
  const answer: PingAnswer = { kind: 'idle', idleFor: a.idleFor as number };
  if (times) answer.times = times;
  if (a.user !== undefined) answer.user = a.user as string;
  if (a.csrfToken !== undefined) answer.csrfToken = a.csrfToken as string;
  return answer;
}

/** Validates a message from another tab; undefined for anything we would not have sent. */
function readMessage(data: unknown): Message | undefined {
  const m = data as Record<string, unknown> | null;
  if (!m || typeof m !== 'object') return undefined;
  if (m.type === 'hello') return { type: 'hello' };
  if (m.type === 'activity' && isTime(m.at) && (m.seen === undefined || typeof m.seen === 'boolean')) return { type: 'activity', at: m.at, seen: m.seen === true };
  if (m.type === 'pinging' && isTime(m.at)) return { type: 'pinging', at: m.at };
  const answer = m.type === 'answer' && isTime(m.sentAt) && isTime(m.at) && m.sentAt <= m.at ? readAnswer(m.answer) : undefined;
  return answer && { type: 'answer', answer, sentAt: m.sentAt as number, at: m.at as number };
}

export class TabSync implements Peers {
  #channel?: TabChannel;
  #leader = false;
  #lock?: AbortController;
  #unlock?: () => void;
  #sharedAt = 0;
  /** Date.now() when another tab last said it was pinging. */
  #pingSeen = 0;
  #trailing?: ReturnType<typeof setTimeout>;
  #unlisten?: () => void;

  readonly #controller: SessionController;
  /** The channel and lock name: one per origin and ping URL. */
  readonly name: string;
  readonly #followerPatience: () => number;

  /**
   * `name` scopes the channel and the lock (one origin and ping URL, one session);
   * `followerPatience` is how many ms a follower waits past a deadline for the leader.
   */
  constructor(controller: SessionController, name: string, followerPatience: () => number) {
    this.#controller = controller;
    this.name = name;
    this.#followerPatience = followerPatience;
  }

  /** Whether this tab holds the leader lock (and so pings for all). */
  get leading(): boolean {
    return this.#leader;
  }

  start(): void {
    this.#controller.peers = this;
    const onLifecycle = (event: Event) => {
      if (event.type === 'pagehide' || event.type === 'freeze') this.#leave();
      else this.#join();
    };
    // pagehide and pageshow fire at the window; freeze and resume at the document.
    const stopWindow = listen(window, ['pagehide', 'pageshow'], onLifecycle);
    const stopDocument = listen(document, ['freeze', 'resume'], onLifecycle);
    this.#unlisten = () => {
      stopWindow();
      stopDocument();
    };
    this.#join();
  }

  stop(): void {
    this.#unlisten?.();
    this.#leave();
    this.#controller.peers = undefined;
  }

  /**
   * The leader pings at once. A follower gives it a ping timeout and then some, except
   * that a visible follower that has not heard "pinging" within VISIBLE_PATIENCE pings
   * itself: the leader may be a throttled background tab. Its answer, shared, spares the
   * leader its own late ping, so the normal case stays one ping per deadline.
   * Without Web Locks any tab may ping, each after a random pause past the deadline, and
   * an answer (or a "pinging") shared meanwhile spares the others.
   */
  patience(): number {
    if (this.#leader) return 0;
    const full = this.#followerPatience();
    if (Date.now() - this.#pingSeen < full) return full;
    if (!navigator.locks) return Math.random() * VISIBLE_PATIENCE;
    return document.hidden ? full : VISIBLE_PATIENCE;
  }

  pinging(at: number): void {
    this.#channel?.post({ type: 'pinging', at } satisfies Message);
  }

  activity(at: number, urgent = false, seen = false): void {
    clearTimeout(this.#trailing);
    const wait = this.#sharedAt + SHARE_EVERY - at;
    // wait > SHARE_EVERY: the clock stepped back since the last share; share now.
    if (urgent || wait <= 0 || wait > SHARE_EVERY) this.#share(at, seen);
    else this.#trailing = setTimeout(() => this.#share(this.#controller.last), wait);
  }

  answer(answer: PingAnswer, sentAt: number, at: number): void {
    this.#channel?.post({ type: 'answer', answer, sentAt, at } satisfies Message);
  }

  #share(at: number, seen = false): void {
    this.#sharedAt = at;
    this.#channel?.post({ type: 'activity', at, seen } satisfies Message);
  }

  #join(): void {
    if (this.#channel) return;
    this.#channel = openTabChannel(this.name, (data) => this.#onMessage(data));
    this.#channel.post({ type: 'hello' } satisfies Message);
    this.#requestLock();
  }

  #requestLock(): void {
    if (!navigator.locks) return;
    const lock = (this.#lock = new AbortController());
    navigator.locks
      .request(this.name, { signal: lock.signal }, () => {
        // Aborted (we left) yet granted: Chromium does so for a page's first request when
        // it is aborted in the task that made it. Returning lets the lock go at once; kept,
        // no tab of the session could lead until this page unloads.
        if (lock.signal.aborted) return;
        this.#leader = true;
        this.#controller.check(); // take over at once if a deadline passed meanwhile
        return new Promise<void>((resolve) => (this.#unlock = resolve));
      })
      .catch(() => {}); // aborted while waiting: we left
  }

  #releaseLock(): void {
    this.#lock?.abort();
    this.#unlock?.();
    this.#lock = this.#unlock = undefined;
    this.#leader = false;
  }

  #leave(): void {
    clearTimeout(this.#trailing);
    this.#releaseLock();
    this.#channel?.close();
    this.#channel = undefined;
  }

  #onMessage(data: unknown): void {
    const message = readMessage(data);
    if (!message) return;
    const c = this.#controller;
    if (message.type === 'activity') c.merge(message.at, message.seen);
    else if (message.type === 'pinging') this.#pingSeen = Date.now();
    else if (message.type === 'answer') c.receive(message.answer, message.sentAt, 'tab', message.at);
    else {
      this.#channel?.post({ type: 'activity', at: c.last } satisfies Message);
      if (c.latest) this.answer(c.latest.answer, c.latest.sentAt, c.latest.at);
    }
  }
}

/**
 * The tab sync for a ping URL: one channel and one leader lock per ping URL, as another
 * app on the origin is another session. `current` is kept while its URL stays (a restart
 * queues for the lock again, and meanwhile the tab is a follower whose warnings come
 * late); otherwise it stops, and a new one starts if there is a URL.
 */
export function tabSyncFor(current: TabSync | undefined, ping: URL | undefined, controller: SessionController, followerPatience: () => number): TabSync | undefined {
  const name = ping ? `session-security ${ping.href}` : '';
  if (current && current.name === name) return current;
  current?.stop();
  if (!name) return undefined;
  const tabs = new TabSync(controller, name, followerPatience);
  tabs.start();
  return tabs;
}
