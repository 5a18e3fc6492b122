import { PING_HEADER, PING_HEADER_VALUE, parsePingResponse, type PingAnswer } from '../core/protocol.js';
import type { Pinger } from '../core/controller.js';

/** Sends pings with fetch: same-origin credentials, no cache, the CSRF header, a timeout. */
export class PingClient implements Pinger {
  #request?: AbortController;

  constructor(
    /** The validated ping URL, or undefined when the attribute is invalid. */
    private readonly url: () => URL | undefined,
    /** Seconds before a ping counts as failed. */
    private readonly timeout: () => number,
  ) {}

  async send(idleFor: number): Promise<PingAnswer> {
    const base = this.url();
    if (!base) return { kind: 'failed', reason: 'invalid ping-url' };
    const url = new URL(base);
    url.searchParams.set('idleFor', String(idleFor));
    const request = (this.#request = new AbortController());
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      request.abort();
    }, this.timeout() * 1000);
    try {
      const response = await fetch(url, {
        credentials: 'same-origin',
        cache: 'no-store',
        // A redirect is an answer ("go and sign in"), not something to follow.
        redirect: 'manual',
        headers: { [PING_HEADER]: PING_HEADER_VALUE, Accept: 'application/json' },
        signal: request.signal,
      });
      const redirected = response.redirected || response.type === 'opaqueredirect';
      return parsePingResponse(response.status, redirected, redirected ? '' : await response.text());
    } catch {
      return { kind: 'failed', reason: timedOut ? 'timeout' : request.signal.aborted ? 'aborted' : 'network' };
    } finally {
      clearTimeout(timer);
    }
  }

  abort(): void {
    this.#request?.abort();
  }
}
