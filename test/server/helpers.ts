/** Shared by the server tests: a clock the test moves, the demo on a free port, a cookie-keeping client. */
import assert from 'node:assert/strict';
import { after, before, beforeEach } from 'node:test';
import type { AddressInfo } from 'node:net';
import { startDemo, type DemoOptions, type DemoServer } from '../../demo/server.js';

export const WARN_AFTER = 30;
export const EXPIRE_AFTER = 60;

/** Time stands still until the test moves it. */
export class Clock {
  time = Date.UTC(2030, 0, 1);
  now = (): number => this.time;
  advance(seconds: number): void {
    this.time += seconds * 1000;
  }
}

export interface Demo {
  server: DemoServer;
  base: string;
  clock: Clock;
  close(): Promise<void>;
}

export async function startTestDemo(options: DemoOptions = {}): Promise<Demo> {
  const clock = new Clock();
  const server = await startDemo({ port: 0, host: '127.0.0.1', warnAfter: WARN_AFTER, expireAfter: EXPIRE_AFTER, now: clock.now, ...options });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    base: `http://127.0.0.1:${port}`,
    clock,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** A browser stand-in: keeps the session cookie, never follows redirects. */
export class Client {
  cookie = '';
  setCookies: string[] = [];

  constructor(readonly base: string) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookie) headers.set('Cookie', this.cookie);
    const response = await fetch(this.base + path, { ...init, headers, redirect: 'manual' });
    this.setCookies = response.headers.getSetCookie();
    for (const line of this.setCookies) {
      const [pair] = line.split(';');
      this.cookie = /Max-Age=0/i.test(line) ? '' : pair;
    }
    return response;
  }

  get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.request(path, { headers });
  }

  /** A form post from a page of this site: a browser sends its Origin (pass `headers` to change that). */
  post(path: string, form: Record<string, string>, headers: Record<string, string> = { Origin: this.base }): Promise<Response> {
    return this.request(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form).toString(),
    });
  }

  /** A ping as the element sends it (with the header), or as a forged request without. */
  async ping(idleFor?: string, withHeader = true): Promise<{ response: Response; body: unknown }> {
    const query = idleFor === undefined ? '' : `?idleFor=${encodeURIComponent(idleFor)}`;
    const response = await this.get(`/session/ping${query}`, withHeader ? { 'X-Requested-With': 'XMLHttpRequest' } : {});
    return { response, body: await response.json() };
  }

  async signIn(user = 'alice', password = user): Promise<Response> {
    const response = await this.post('/login', { username: user, password });
    await response.arrayBuffer();
    return response;
  }

  /** The CSRF token of the protected page, as the browser would read it. */
  async csrfToken(): Promise<string> {
    const page = await (await this.get('/')).text();
    const match = /<meta name="csrf-token" content="([^"]+)">/.exec(page);
    if (!match) throw new Error('no CSRF token on the page');
    return match[1];
  }
}

/** The idle seconds of a live session, from an element-style ping without a report. */
export async function serverIdle(client: Client): Promise<unknown> {
  const { body } = await client.ping();
  return (body as { idleFor?: unknown }).idleFor;
}

/**
 * Hooks for a suite against the demo: one server for the suite, a client signed in as
 * alice before each test. Read `demo` and `client` from the returned object in the tests.
 */
export function useSignedInDemo(): { demo: Demo; client: Client } {
  const context = {} as { demo: Demo; client: Client };
  before(async () => {
    context.demo = await startTestDemo();
  });
  after(() => context.demo.close());
  beforeEach(async () => {
    context.client = new Client(context.demo.base);
    assert.equal((await context.client.signIn()).status, 303);
  });
  return context;
}
