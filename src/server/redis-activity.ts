/**
 * The activity store on Redis (7 or later), shared by every process of the app. One key
 * per session whose expiry is the session's deadline; it only moves forward (`PEXPIRE ...
 * GT`), and Redis drops the key when it passes. One clock, Redis's, for all processes.
 * Each operation is one Lua script: atomic, one round trip.
 */
import type { ActivityStore, EndReason } from './activity.js';
import { REASON_KEPT_MS } from './activity.js';

/**
 * What this store needs of a node-redis client (`createClient()` from `redis`, connected).
 * Create it with `disableOfflineQueue: true`: while Redis is down, commands then fail at
 * once and the ping answers 503 (the element decides from local activity), instead of
 * waiting in a queue until the ping times out.
 */
export interface RedisScripting {
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

/** Activity now: the key lives for expireAfter; any older reason goes. */
const START = `redis.call('SET', KEYS[1], '1', 'PX', ARGV[1]); redis.call('DEL', KEYS[2]); return 1`;
/**
 * ARGV[1]: milliseconds from now to the new deadline, or 0 to only read. On a missing
 * key PEXPIRE does nothing (expiry before merge); GT never moves a deadline back.
 * Returns the milliseconds left, or -2 when the key is gone.
 */
const ACTIVITY = `local ms = tonumber(ARGV[1])
if ms > 0 then redis.call('PEXPIRE', KEYS[1], ms, 'GT') end
return redis.call('PTTL', KEYS[1])`;
const END = `redis.call('DEL', KEYS[1]); redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2]); return 1`;
const REASON = `return redis.call('GET', KEYS[1])`;
const REASONS: readonly EndReason[] = ['expired', 'revoked', 'replaced', 'signed-out'];

export interface RedisActivityOptions {
  /** Key prefix, so that several apps can share one Redis. Default 'session-security:'. */
  prefix?: string;
}

export class RedisActivityStore implements ActivityStore {
  readonly shared = true;
  private readonly prefix: string;

  constructor(
    private readonly client: RedisScripting,
    options: RedisActivityOptions = {},
  ) {
    this.prefix = options.prefix ?? 'session-security:';
  }

  /**
   * The session's two keys share the hash tag `{id}`, so that the scripts that use both
   * run on Redis Cluster too (one slot). The prefix must not contain braces.
   */
  keys(id: string): [activity: string, reason: string] {
    return [`${this.prefix}act:{${id}}`, `${this.prefix}end:{${id}}`];
  }

  async start(id: string, expireAfterMs: number): Promise<void> {
    await this.client.eval(START, { keys: this.keys(id), arguments: [String(Math.ceil(expireAfterMs))] });
  }

  async activity(id: string, expireAfterMs: number, idleMs?: number): Promise<number | undefined> {
    // A report at or past expireAfter cannot be later than a live deadline: only read.
    const ahead = idleMs === undefined ? 0 : Math.max(0, Math.floor(expireAfterMs - Math.max(0, idleMs)));
    const left = Number(await this.client.eval(ACTIVITY, { keys: [this.keys(id)[0]], arguments: [String(ahead)] }));
    return left > 0 ? Math.max(0, expireAfterMs - left) : undefined;
  }

  async end(id: string, reason: EndReason): Promise<void> {
    await this.client.eval(END, { keys: this.keys(id), arguments: [reason, String(REASON_KEPT_MS)] });
  }

  async reason(id: string): Promise<EndReason | undefined> {
    const value = await this.client.eval(REASON, { keys: [this.keys(id)[1]], arguments: [] });
    return REASONS.find((reason) => reason === value);
  }

  /** The client belongs to the app, which closes it. */
  async close(): Promise<void> {}
}
