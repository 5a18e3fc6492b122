/**
 * A signed-in session as the checker drives it: a cookie jar that follows Set-Cookie
 * (cookie-store sessions, as in Flask or Rails, change the cookie on every answer), and
 * a bound on when the server last saw activity, so that probes can wait until the
 * session is provably idle, and read it without moving activity past that bound.
 */
import { performance } from 'node:perf_hooks';
import { readAnswer, send, type Answer, type Reply, type Transport } from './http.js';

export class CookieJar {
  private readonly cookies = new Map<string, string>();

  /** `header` is a Cookie header value: `a=1; b=2`. */
  constructor(header = '') {
    for (const part of header.split(';')) {
      const eq = part.indexOf('=');
      if (eq > 0) this.cookies.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
    }
  }

  get header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  get names(): string[] {
    return [...this.cookies.keys()];
  }

  get size(): number {
    return this.cookies.size;
  }

  /** Applies Set-Cookie lines; a cookie cleared by Max-Age=0 or a past Expires goes. */
  update(lines: string[]): void {
    for (const line of lines) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const cleared = attributes.some((attribute) => {
        const [key, value = ''] = attribute.split('=').map((s) => s.trim());
        if (/^max-age$/i.test(key)) return Number(value) <= 0;
        if (/^expires$/i.test(key)) return Date.parse(value) <= Date.now();
        return false;
      });
      if (cleared) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(eq + 1).trim());
    }
  }
}

export interface Site extends Transport {
  /** The ping URL. */
  url: string;
  /** A protected page of the same site, if given. */
  page?: string;
  /** The session events URL of the same site, if given (PROTOCOL.md, "Session events"). */
  events?: string;
}

/** Appends a raw, already encoded query to the ping URL. */
export function withQuery(url: string, query: string | undefined): string {
  if (query === undefined) return url;
  return `${url}${url.includes('?') ? '&' : '?'}${query}`;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

export class Session {
  readonly jar: CookieJar;
  /**
   * The latest time (performance.now() ms) the server may have seen activity: its last
   * activity is no later. Probes wait from it.
   */
  upper: number;
  /** False for a cookie given by the user until the server tells its idle time. */
  private known: boolean;
  /** From the latest extended answer. */
  expireAfter?: number;

  /** `since`: when the session was signed in (the start and end of the login). */
  constructor(
    readonly site: Site,
    cookie: string,
    since?: { start: number; end: number },
  ) {
    this.jar = new CookieJar(cookie);
    this.known = since !== undefined;
    this.upper = since?.end ?? performance.now();
  }

  private headers(extra: Record<string, string>): Record<string, string> {
    return this.jar.size ? { ...extra, Cookie: this.jar.header } : extra;
  }

  /** A ping with a raw query (`idleFor=0`), with the element's headers unless `header` is false. */
  async ping(query: string | undefined, header = true): Promise<Answer> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (header) headers['X-Requested-With'] = 'XMLHttpRequest';
    const answer = readAnswer(await send(this.site, withQuery(this.site.url, query), { headers: this.headers(headers) }));
    this.jar.update(answer.headers.getSetCookie());
    if (answer.kind === 'idle' && answer.idle !== undefined) {
      // The server answered floor((t - last) / 1 s) at some t before end.
      this.known = true;
      this.upper = answer.end - answer.idle * 1000;
      const expireAfter = (answer.json as { expireAfter?: unknown } | undefined)?.expireAfter;
      if (typeof expireAfter === 'number' && expireAfter >= 1) this.expireAfter = Math.floor(expireAfter);
    }
    return answer;
  }

  /**
   * Asks for the idle time the way the element does: idleFor is the time since `upper`,
   * rounded down. It moves the server's last activity at most up to `upper` (so waits
   * from `upper` still hold), and it is never older than the truth: a server that
   * wrongly assigns last = now - idleFor is not pushed towards expiry by the reads.
   * Without any bound yet (a cookie given by the user), it sends no idleFor at all.
   */
  read(): Promise<Answer> {
    if (!this.known) return this.ping(undefined);
    return this.ping(`idleFor=${Math.floor((performance.now() - this.upper) / 1000)}`);
  }

  /**
   * GET the protected page. `upper` stays where it was, on purpose: the next read then
   * reports only the activity known before the page, and its answer shows whether the
   * page counted (and moves `upper`).
   */
  async page(): Promise<Reply> {
    if (!this.site.page) throw new Error('no page');
    const reply = await send(this.site, this.site.page, { headers: this.headers({ Accept: 'text/html' }) });
    this.jar.update(reply.headers.getSetCookie());
    return reply;
  }

  /** Waits until the server has certainly seen no activity for `ms`. */
  async idleFor(ms: number): Promise<void> {
    const wait = this.upper + ms - performance.now();
    // A few ms more: timers may fire a little early.
    if (wait > 0) await sleep(wait + 10);
  }
}

export { sleep };
