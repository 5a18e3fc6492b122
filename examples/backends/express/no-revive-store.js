import session from 'express-session';

/** How long a destroyed id stays refused: longer than any request that loaded it. */
const TOMBSTONE_MS = 10 * 60 * 1000;

/**
 * express-session writes a modified session back when its request ends. A request that
 * loaded the session before a sign-out or an expiry destroyed it would write it back,
 * alive again (expressjs/session#632). This store refuses to write a destroyed id.
 * With Redis, do the same with a short-lived tombstone key checked in set().
 */
export class NoReviveStore extends session.MemoryStore {
  #destroyed = new Map(); // id -> when; insertion order is time order

  destroy(id, done) {
    const now = Date.now();
    for (const [old, at] of this.#destroyed) {
      if (now - at < TOMBSTONE_MS) break;
      this.#destroyed.delete(old);
    }
    this.#destroyed.set(id, now);
    super.destroy(id, done);
  }

  set(id, data, done) {
    if (this.#destroyed.has(id)) return done?.();
    super.set(id, data, done);
  }
}
