/**
 * django-expire's session log: per user, who signed in when, from where, and how each
 * session ended. It is also the per-user index that the concurrent-session limit and
 * "sign out everywhere" read, so neither ever scans all sessions: a sign-in costs one
 * read of that user's entries (bounded by the retention limit) whatever the total.
 */
import type { EndReason } from './activity.js';
import type { RedisScripting } from './redis-activity.js';

export interface LogEntry {
  /** A public name of the session (a hash of its id): the id itself is a bearer secret and never leaves the server. */
  handle: string;
  /** The session id (server-side only: never render it). */
  id: string;
  user: string;
  /** Milliseconds since the epoch. */
  start: number;
  /** The session's expireAfter in seconds (to read its activity). */
  expireAfter: number;
  ip?: string;
  userAgent?: string;
  /** When the server learnt that it ended (for an expiry: when it noticed). */
  end?: number;
  reason?: EndReason;
}

export interface SessionLog {
  /** True when shared by several processes (Redis), like ActivityStore.shared. */
  readonly shared: boolean;
  /** Adds a new session, then drops the oldest ended entries past `keep` (0: keep all). */
  open(entry: LogEntry, keep: number): Promise<void>;
  /** Records the end; the first end recorded wins. False when the entry is unknown or already ended. */
  close(user: string, handle: string, reason: EndReason, at: number): Promise<boolean>;
  /** This user's entries, newest first. */
  entries(user: string): Promise<LogEntry[]>;
  /** The user a handle belongs to. */
  userOf(handle: string): Promise<string | undefined>;
}

/** Entries past `keep`, oldest first, that may go: ended ones only (a live session stays listed). */
function surplus(newestFirst: LogEntry[], keep: number): LogEntry[] {
  if (keep <= 0 || newestFirst.length <= keep) return [];
  return newestFirst.slice(keep).filter((entry) => entry.end !== undefined);
}

export class MemorySessionLog implements SessionLog {
  readonly shared = false;
  private readonly byUser = new Map<string, LogEntry[]>(); // oldest first
  private readonly users = new Map<string, string>(); // handle -> user

  async open(entry: LogEntry, keep: number): Promise<void> {
    const list = this.byUser.get(entry.user) ?? [];
    list.push({ ...entry });
    this.byUser.set(entry.user, list);
    this.users.set(entry.handle, entry.user);
    for (const old of surplus([...list].reverse(), keep)) {
      list.splice(list.indexOf(old), 1);
      this.users.delete(old.handle);
    }
  }

  async close(user: string, handle: string, reason: EndReason, at: number): Promise<boolean> {
    const entry = this.byUser.get(user)?.find((candidate) => candidate.handle === handle);
    if (!entry || entry.end !== undefined) return false;
    entry.end = at;
    entry.reason = reason;
    return true;
  }

  async entries(user: string): Promise<LogEntry[]> {
    return (this.byUser.get(user) ?? []).map((entry) => ({ ...entry })).reverse();
  }

  async userOf(handle: string): Promise<string | undefined> {
    return this.users.get(handle);
  }
}

/**
 * On Redis: per user a hash (handle -> JSON entry) and a sorted set (handle by start),
 * plus handle -> user. Ending is one Lua script, so the first end wins across processes.
 */
const OPEN = `redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]); redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1]); return 1`;
/** handle -> user: a key of its own, written in a call of its own (on Cluster it lives in another slot than the user's keys). */
const SET = `redis.call('SET', KEYS[1], ARGV[1]); return 1`;
const DEL = `redis.call('DEL', KEYS[1]); return 1`;
const CLOSE = `local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then return 0 end
local entry = cjson.decode(raw)
if entry['end'] then return 0 end
entry['end'] = tonumber(ARGV[3]); entry['reason'] = ARGV[2]
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(entry))
return 1`;
const ENTRIES = `local handles = redis.call('ZREVRANGE', KEYS[2], 0, -1)
if #handles == 0 then return {} end
return redis.call('HMGET', KEYS[1], unpack(handles))`;
const DROP = `redis.call('HDEL', KEYS[1], ARGV[1]); redis.call('ZREM', KEYS[2], ARGV[1]); return 1`;
const GET = `return redis.call('GET', KEYS[1])`;

export class RedisSessionLog implements SessionLog {
  readonly shared = true;
  constructor(
    private readonly client: RedisScripting,
    private readonly prefix = 'session-security:',
  ) {}

  /**
   * A user's two keys share the hash tag `{user}` (encodeURIComponent encodes braces), so
   * that the scripts that use both run on Redis Cluster too. The prefix must not contain braces.
   */
  userKeys(user: string): [log: string, order: string] {
    const name = encodeURIComponent(user);
    return [`${this.prefix}log:{${name}}`, `${this.prefix}logorder:{${name}}`];
  }

  handleKey(handle: string): string {
    return `${this.prefix}handle:${handle}`;
  }

  async open(entry: LogEntry, keep: number): Promise<void> {
    // The handle first: an entry is never without its way back to the user.
    await this.client.eval(SET, { keys: [this.handleKey(entry.handle)], arguments: [entry.user] });
    await this.client.eval(OPEN, { keys: this.userKeys(entry.user), arguments: [entry.handle, JSON.stringify(entry), String(entry.start)] });
    for (const old of surplus(await this.entries(entry.user), keep)) {
      await this.client.eval(DROP, { keys: this.userKeys(entry.user), arguments: [old.handle] });
      await this.client.eval(DEL, { keys: [this.handleKey(old.handle)], arguments: [] });
    }
  }

  async close(user: string, handle: string, reason: EndReason, at: number): Promise<boolean> {
    return Number(await this.client.eval(CLOSE, { keys: this.userKeys(user), arguments: [handle, reason, String(at)] })) === 1;
  }

  async entries(user: string): Promise<LogEntry[]> {
    const raw = (await this.client.eval(ENTRIES, { keys: this.userKeys(user), arguments: [] })) as (string | null)[];
    return raw.filter((item): item is string => typeof item === 'string').map((item) => JSON.parse(item) as LogEntry);
  }

  async userOf(handle: string): Promise<string | undefined> {
    const value = await this.client.eval(GET, { keys: [this.handleKey(handle)], arguments: [] });
    return typeof value === 'string' ? value : undefined;
  }
}
