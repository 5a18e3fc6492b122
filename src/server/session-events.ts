/**
 * Revocation push (PROTOCOL.md, "Session events"): a server-sent-events stream per page
 * that says, the moment it happens, that its session ended and why. The notifier carries
 * "session X ended" to every process that holds a stream for X: in memory within one
 * process, through Redis pub/sub across several.
 */
import type { ServerResponse } from 'node:http';
import type { EndReason } from './activity.js';
import type { RedisScripting } from './redis-activity.js';

/** Tells every process that a session (named by its public handle) ended. */
export interface EndNotifier {
  readonly shared: boolean;
  publish(handle: string, reason: EndReason): Promise<void>;
  /** Calls `listener` for every end published by any process; returns the unsubscribe. */
  listen(listener: (handle: string, reason: EndReason) => void): () => void;
  close(): Promise<void>;
}

const REASONS: readonly EndReason[] = ['expired', 'revoked', 'replaced', 'signed-out'];

/** Listeners of this process. */
class Listeners {
  private readonly all = new Set<(handle: string, reason: EndReason) => void>();
  add(listener: (handle: string, reason: EndReason) => void): () => void {
    this.all.add(listener);
    return () => this.all.delete(listener);
  }
  call(handle: string, reason: EndReason): void {
    for (const listener of this.all) listener(handle, reason);
  }
}

export class MemoryEndNotifier implements EndNotifier {
  readonly shared = false;
  private readonly listeners = new Listeners();
  async publish(handle: string, reason: EndReason): Promise<void> {
    this.listeners.call(handle, reason);
  }
  listen(listener: (handle: string, reason: EndReason) => void): () => void {
    return this.listeners.add(listener);
  }
  async close(): Promise<void> {}
}

/** The part of a node-redis client in subscriber mode that this needs (`client.duplicate()`, connected). */
export interface RedisSubscriber {
  subscribe(channel: string, listener: (message: string) => void): Promise<void>;
  unsubscribe(channel: string): Promise<void>;
}

const PUBLISH = `return redis.call('PUBLISH', KEYS[1], ARGV[1])`;

/**
 * Redis pub/sub: one channel for the app, a JSON message {handle, reason} per end.
 * Messages are checked for shape: anything else on the channel is dropped.
 */
export class RedisEndNotifier implements EndNotifier {
  readonly shared = true;
  private readonly listeners = new Listeners();
  private readonly channel: string;

  private constructor(
    private readonly client: RedisScripting,
    private readonly subscriber: RedisSubscriber,
    prefix: string,
  ) {
    this.channel = `${prefix}ended`;
  }

  static async create(client: RedisScripting, subscriber: RedisSubscriber, prefix = 'session-security:'): Promise<RedisEndNotifier> {
    const notifier = new RedisEndNotifier(client, subscriber, prefix);
    await subscriber.subscribe(notifier.channel, (message) => notifier.receive(message));
    return notifier;
  }

  private receive(message: string): void {
    let value: unknown;
    try {
      value = JSON.parse(message);
    } catch {
      return;
    }
    const { handle, reason } = (value ?? {}) as { handle?: unknown; reason?: unknown };
    const known = REASONS.find((candidate) => candidate === reason);
    if (typeof handle === 'string' && known) this.listeners.call(handle, known);
  }

  async publish(handle: string, reason: EndReason): Promise<void> {
    await this.client.eval(PUBLISH, { keys: [this.channel], arguments: [JSON.stringify({ handle, reason })] });
  }

  listen(listener: (handle: string, reason: EndReason) => void): () => void {
    return this.listeners.add(listener);
  }

  async close(): Promise<void> {
    await this.subscriber.unsubscribe(this.channel).catch(() => {});
  }
}

/** The event's data: the ping's own logout answer, so a client parses both alike. */
export function endedEvent(reason: EndReason | undefined): string {
  const body = reason === undefined || reason === 'signed-out' ? { status: 'logout' } : { status: 'logout', reason };
  return `event: logout\ndata: ${JSON.stringify(body)}\n\n`;
}

/** Seconds between comments on an idle stream, so that proxies do not close it (most wait 60 s). */
const HEARTBEAT_MS = 25_000;

/** The open streams of this process, by session handle. */
export class EventStreams {
  private readonly streams = new Map<string, Set<ServerResponse>>();

  constructor(notifier: EndNotifier) {
    notifier.listen((handle, reason) => this.ended(handle, reason));
  }

  get size(): number {
    let count = 0;
    for (const set of this.streams.values()) count += set.size;
    return count;
  }

  /** Holds `res` open as the stream of session `handle` until it ends or the client leaves. */
  open(handle: string, res: ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'X-Accel-Buffering': 'no', // nginx: pass events through at once
    });
    // retry: how long EventSource waits before reconnecting after a drop.
    res.write('retry: 5000\n: connected\n\n');
    const set = this.streams.get(handle) ?? new Set();
    set.add(res);
    this.streams.set(handle, set);
    const heartbeat = setInterval(() => res.write(': \n\n'), HEARTBEAT_MS);
    heartbeat.unref?.();
    res.on('close', () => {
      clearInterval(heartbeat);
      set.delete(res);
      if (set.size === 0 && this.streams.get(handle) === set) this.streams.delete(handle);
    });
  }

  private ended(handle: string, reason: EndReason): void {
    for (const res of this.streams.get(handle) ?? []) res.end(endedEvent(reason));
  }

  /** Ends every stream (server shutdown). */
  closeAll(): void {
    for (const set of this.streams.values()) for (const res of set) res.end();
  }
}
