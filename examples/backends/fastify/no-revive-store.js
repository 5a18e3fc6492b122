import { MemoryStore } from '@fastify/session';

/** How long a destroyed id stays refused: longer than any request that loaded it. */
const TOMBSTONE_MS = 10 * 60 * 1000;

/**
 * @fastify/session saves a modified session when its request answers. A request that
 * loaded the session before a sign-out or an expiry destroyed it would save it back,
 * alive again. This store refuses to write a destroyed id. With Redis, do the same with
 * a short-lived tombstone key checked in set().
 */
export class NoReviveStore extends MemoryStore {
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
    if (this.#destroyed.has(id)) return done();
    super.set(id, data, done);
  }
}
