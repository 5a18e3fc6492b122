/**
 * A server-sent-events stream read the way EventSource reads it (the WHATWG HTML
 * "event stream interpretation": fields, comments, a blank line dispatches), over the
 * checker's fetch, so that probes can wait for an event with a bound and see the
 * stream end.
 */
import { performance } from 'node:perf_hooks';
import type { Transport } from './http.js';

export interface StreamEvent {
  /** `event:` field, 'message' when absent. */
  type: string;
  data: string;
  /** performance.now() when it was dispatched. */
  at: number;
}

export interface EventStream {
  /** 0 when there was no answer (see `error`). */
  status: number;
  headers: Headers;
  error?: string;
  /** Resolves to the next event, or undefined when the stream ended or `ms` passed first. */
  next(ms: number): Promise<StreamEvent | undefined>;
  /** Resolves to true once the server has closed the stream, false when `ms` passed first. */
  ended(ms: number): Promise<boolean>;
  /** The body read so far, for reports. */
  readonly text: string;
  close(): void;
}

const within = <T>(promise: Promise<T>, ms: number, otherwise: T): Promise<T> =>
  new Promise((resolve) => {
    const timer = setTimeout(() => resolve(otherwise), ms);
    void promise.then((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });

/** Opens `url` with Accept: text/event-stream; a non-200 answer is read whole and reported as ended. */
export async function openStream(transport: Transport, url: string, cookie: string | undefined): Promise<EventStream> {
  const abort = new AbortController();
  const headers: Record<string, string> = { Accept: 'text/event-stream' };
  if (cookie) headers.Cookie = cookie;
  // The ping-timeout bounds the headers only: the body of a live stream never ends by itself.
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    abort.abort();
  }, transport.timeout);
  let response: Response;
  try {
    response = await transport.fetch(url, { headers, redirect: 'manual', signal: abort.signal });
  } catch (error) {
    const cause = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
    const why = timedOut ? `no answer within ${transport.timeout / 1000} s` : `no answer (${cause})`;
    return { status: 0, headers: new Headers(), error: why, next: async () => undefined, ended: async () => true, text: '', close: () => {} };
  } finally {
    clearTimeout(timer);
  }
  const queue: StreamEvent[] = [];
  const waiters: (() => void)[] = [];
  const wake = () => waiters.splice(0).forEach((waiter) => waiter());
  let text = '';
  let done = false;
  let type = '';
  let data: string[] = [];
  let pending = '';
  const line = (raw: string) => {
    if (raw === '') {
      if (data.length) queue.push({ type: type || 'message', data: data.join('\n'), at: performance.now() });
      type = '';
      data = [];
      return;
    }
    if (raw.startsWith(':')) return;
    const colon = raw.indexOf(':');
    const field = colon < 0 ? raw : raw.slice(0, colon);
    const value = colon < 0 ? '' : raw.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') type = value;
    else if (field === 'data') data.push(value);
  };
  const pump = async () => {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of response.body ?? []) {
        const piece = decoder.decode(chunk as Uint8Array, { stream: true });
        text += piece;
        pending += piece;
        const lines = pending.split(/\r\n|\r|\n/);
        pending = lines.pop() ?? '';
        lines.forEach(line);
        wake();
      }
    } catch {
      // Aborted by close(), or the connection dropped: either way the stream is over.
    }
    done = true;
    wake();
  };
  const changed = () => new Promise<void>((resolve) => waiters.push(resolve));
  const ending = (async () => {
    await pump();
    return true;
  })();
  return {
    status: response.status,
    headers: response.headers,
    get text() {
      return text;
    },
    async next(ms) {
      const deadline = performance.now() + ms;
      while (!queue.length && !done) {
        const left = deadline - performance.now();
        if (
          left <= 0 ||
          !(await within(
            changed().then(() => true),
            left,
            false,
          ))
        )
          break;
      }
      return queue.shift();
    },
    ended: (ms) => within(ending, ms, false),
    close: () => abort.abort(),
  };
}
