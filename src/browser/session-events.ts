/** True for the data of a logout event: a JSON object `{"status": "logout", ...}`, nothing looser. */
function isLogout(data: unknown): boolean {
  try {
    const value: unknown = JSON.parse(String(data));
    return typeof value === 'object' && value !== null && (value as { status?: unknown }).status === 'logout';
  } catch {
    return false;
  }
}

/** What the stream needs of the controller. */
export interface EventsTarget {
  readonly phase: string;
  /** Hides the page and asks the server at once (SessionController.confirm). */
  confirm(): void;
}

/** How often the tab looks whether it leads (leadership changes hands without an event). */
const CHECK_EVERY = 1000;
/** After a failure the next try waits this long, doubling up to MAX_WAIT: pings carry on meanwhile. */
const FIRST_WAIT = 5000;
const MAX_WAIT = 5 * 60 * 1000;

/**
 * The session events stream (PROTOCOL.md, "Session events"): the server says the moment
 * the session ends, instead of at the next ping. Only the leader tab holds a stream (one
 * connection per browser); its ping answer then reaches the other tabs as usual.
 *
 * An event is a hint, not a verdict: it makes this tab hide the page and ping at once,
 * and the ping decides. A stream of a session that has already been replaced by a new
 * sign-in in another tab would otherwise end the new session's pages.
 *
 * Without the endpoint, or when it fails or a proxy blocks it, the element works on pings
 * alone; the stream is tried again later, less and less often.
 */
export class SessionEvents {
  #source?: EventSource;
  #timer?: ReturnType<typeof setInterval>;
  #failures = 0;
  #retryAt = 0;

  constructor(
    /** The validated events-url, or undefined (no attribute, or an invalid one). */
    private readonly url: () => URL | undefined,
    /** Whether this tab is the leader. */
    private readonly leading: () => boolean,
    private readonly target: EventsTarget,
  ) {}

  /** Without an events-url (read now, like the element's `user`) it does nothing at all: no timer. */
  start(): void {
    this.stop();
    if (!this.url()) return;
    this.#timer = setInterval(() => this.#update(), CHECK_EVERY);
    this.#update();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#close();
  }

  /** True while a stream is open or opening. */
  get open(): boolean {
    return !!this.#source;
  }

  #update(): void {
    const url = this.url();
    const wanted = !!url && this.leading() && this.target.phase !== 'expired' && typeof EventSource === 'function';
    if (!wanted) return this.#close();
    if (this.#source || Date.now() < this.#retryAt) return;
    const source = (this.#source = new EventSource(url.href));
    source.addEventListener('open', () => (this.#failures = 0));
    source.addEventListener('logout', (event) => {
      // Checked for shape (a cross-tab-style hint); anything else on the stream is ignored.
      if (!isLogout((event as MessageEvent).data)) return;
      this.#close(); // the server closes it too; do not let EventSource reconnect
      this.target.confirm();
    });
    source.addEventListener('error', () => {
      // A 404, a wrong type, a proxy's error page or a dropped connection: back to pings
      // alone for a while (EventSource itself would retry every few seconds forever).
      this.#close();
      this.#failures++;
      this.#retryAt = Date.now() + Math.min(FIRST_WAIT * 2 ** (this.#failures - 1), MAX_WAIT);
    });
  }

  #close(): void {
    this.#source?.close();
    this.#source = undefined;
  }
}
