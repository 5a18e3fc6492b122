/**
 * The demo's in-memory express-session store, for one process without Redis: like
 * express-session's MemoryStore, but a blob that no request has touched for `ttlMs` goes.
 * MemoryStore only drops a blob whose cookie has expired, and only when that blob is read
 * again; the demo's cookie has no maxAge (a browser-session cookie, session-security
 * decides expiry), so the blob of a browser closed without signing out stayed forever.
 *
 * express-session calls touch() on every request of an unchanged session (resave:
 * false), the ping included, so a blob lives while its pages are open; `ttlMs` at least
 * the longest expireAfter means a blob never goes before session-security's own expiry
 * would end it. A sweep every `sweepMs` (unref'd: it never holds the process) drops the
 * rest. Blobs are kept in order of their deadline (re-inserted on every write or touch),
 * so a sweep stops at the first live one: its cost is the number of blobs that go.
 */
import session, { type SessionData } from 'express-session';

type Callback = (error?: unknown) => void;

const later = (callback: (() => void) | undefined) => callback && setImmediate(callback);

export class ExpiringMemoryStore extends session.Store {
  private readonly blobs = new Map<string, { json: string; until: number }>();
  private readonly sweep: ReturnType<typeof setInterval>;

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    sweepMs = 60_000,
  ) {
    super();
    if (!(Number.isSafeInteger(ttlMs) && ttlMs > 0)) throw new TypeError(`ExpiringMemoryStore: ttlMs (${ttlMs}) must be whole positive milliseconds`);
    this.sweep = setInterval(() => this.prune(), sweepMs);
    this.sweep.unref();
  }

  /** Blobs held, expired ones not yet swept included. */
  get size(): number {
    return this.blobs.size;
  }

  /** Drops every blob past its deadline; how many went. */
  prune(): number {
    const now = this.now();
    let gone = 0;
    for (const [id, blob] of this.blobs) {
      if (blob.until > now) break; // in deadline order: the rest are live
      this.blobs.delete(id);
      gone++;
    }
    return gone;
  }

  private keep(id: string, json: string): void {
    this.blobs.delete(id); // to the end of the order
    this.blobs.set(id, { json, until: this.now() + this.ttlMs });
  }

  get(id: string, callback: (error: unknown, session?: SessionData | null) => void): void {
    const blob = this.blobs.get(id);
    if (blob && blob.until <= this.now()) this.blobs.delete(id);
    const live = blob && blob.until > this.now() ? (JSON.parse(blob.json) as SessionData) : null;
    setImmediate(() => callback(null, live));
  }

  set(id: string, data: SessionData, callback?: Callback): void {
    this.keep(id, JSON.stringify(data));
    later(callback && (() => callback()));
  }

  touch(id: string, data: SessionData, callback?: Callback): void {
    const blob = this.blobs.get(id);
    // A blob already past its deadline stays gone: a late request must not bring it back.
    if (blob && blob.until > this.now()) this.keep(id, JSON.stringify({ ...(JSON.parse(blob.json) as SessionData), cookie: data.cookie }));
    later(callback && (() => callback()));
  }

  destroy(id: string, callback?: Callback): void {
    this.blobs.delete(id);
    later(callback && (() => callback()));
  }

  /** Stops the sweep (server shutdown). */
  close(): void {
    clearInterval(this.sweep);
  }
}
