/**
 * The relogin fork's server half: when a session expires, the app's own data in it (a
 * cart, a wizard's state) is kept for a while, under the user it belonged to, and handed
 * back when that same user signs in again. Keyed by user: never to anyone else. Taken
 * once: the first sign-in gets it, and it is gone from the store.
 */
import type { RedisScripting } from './redis-activity.js';

export interface KeptDataStore {
  readonly shared: boolean;
  /** Keeps `data` (JSON) for `user`, replacing what was kept before, for `ms`. */
  keep(user: string, data: string, ms: number): Promise<void>;
  /** Takes (reads and deletes) what is kept for `user`. */
  take(user: string): Promise<string | undefined>;
}

export class MemoryKeptData implements KeptDataStore {
  readonly shared = false;
  private readonly kept = new Map<string, { data: string; until: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async keep(user: string, data: string, ms: number): Promise<void> {
    // Expired entries go as new ones arrive (insertion order is time order for one ms).
    for (const [other, entry] of this.kept) {
      if (entry.until > this.now()) break;
      this.kept.delete(other);
    }
    this.kept.delete(user);
    this.kept.set(user, { data, until: this.now() + ms });
  }

  async take(user: string): Promise<string | undefined> {
    const entry = this.kept.get(user);
    this.kept.delete(user);
    return entry && entry.until > this.now() ? entry.data : undefined;
  }
}

const KEEP = `redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]); return 1`;
const TAKE = `return redis.call('GETDEL', KEYS[1])`;

export class RedisKeptData implements KeptDataStore {
  readonly shared = true;
  constructor(
    private readonly client: RedisScripting,
    private readonly prefix = 'session-security:',
  ) {}

  private key(user: string): string {
    // The user's hash tag, as the log's keys (session-log.ts): one slot per user on Cluster.
    return `${this.prefix}kept:{${encodeURIComponent(user)}}`;
  }

  async keep(user: string, data: string, ms: number): Promise<void> {
    await this.client.eval(KEEP, { keys: [this.key(user)], arguments: [data, String(Math.max(1, Math.ceil(ms)))] });
  }

  async take(user: string): Promise<string | undefined> {
    const value = await this.client.eval(TAKE, { keys: [this.key(user)], arguments: [] });
    return typeof value === 'string' ? value : undefined;
  }
}
