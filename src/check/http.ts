/**
 * One HTTP exchange the way the element makes it (no redirect following, a ping-timeout),
 * and the answer read the way the element reads it: the checker judges a server by what
 * the element would conclude, with the element's own parser (src/core/protocol.ts).
 */
import { performance } from 'node:perf_hooks';
import { parsePingResponse } from '../core/protocol.js';

export type Fetch = typeof fetch;

export interface Reply {
  /** 0 when there was no answer (see `error`). */
  status: number;
  headers: Headers;
  body: string;
  /** performance.now() before sending and after the body arrived. */
  start: number;
  end: number;
  error?: string;
}

export interface Answer extends Reply {
  kind: 'idle' | 'logout' | 'failed';
  /** Idle seconds, when kind is 'idle'. */
  idle?: number;
  /** Why the element would call it gone or failed. */
  reason?: string;
  /** The parsed body, or undefined when it is not JSON. */
  json?: unknown;
}

export interface Transport {
  fetch: Fetch;
  /** Milliseconds, like the element's ping-timeout. */
  timeout: number;
}

export async function send(transport: Transport, url: string, init: { method?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  const start = performance.now();
  try {
    const response = await transport.fetch(url, {
      method: init.method ?? 'GET',
      headers: init.headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(transport.timeout),
    });
    const body = await response.text();
    return { status: response.status, headers: response.headers, body, start, end: performance.now() };
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    const cause = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
    return {
      status: 0,
      headers: new Headers(),
      body: '',
      start,
      end: performance.now(),
      error: timedOut ? `no answer within ${transport.timeout / 1000} s` : `no answer (${cause})`,
    };
  }
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/**
 * The element's reading of a reply. Optional fields are dropped before parsing: they
 * never change the verdict (step 10 of "How the element reads an answer"), and the
 * parser would console.error about bad ones, which the answer-types probe reports.
 */
export function readAnswer(reply: Reply): Answer {
  if (reply.error) return { ...reply, kind: 'failed', reason: reply.error };
  const json = parseJson(reply.body);
  let body = reply.body;
  if (json && typeof json === 'object' && !Array.isArray(json)) {
    const { status, reason, idleFor } = json as Record<string, unknown>;
    body = JSON.stringify({ status, reason, idleFor });
  }
  const redirected = reply.status >= 300 && reply.status < 400;
  const parsed = parsePingResponse(reply.status, redirected, body);
  if (parsed.kind === 'idle') return { ...reply, json, kind: 'idle', idle: parsed.idleFor };
  return { ...reply, json, kind: parsed.kind, reason: parsed.reason };
}

/** A short account of an answer for the report: `HTTP 200 {"status":"logout"}`. */
export function describe(answer: Reply): string {
  if (answer.error) return answer.error;
  const flat = answer.body.replace(/\s+/g, ' ').trim();
  const body = flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
  return `HTTP ${answer.status}${body ? ` ${body}` : ''}`;
}
