/**
 * What every session-layer adapter must do, written once and run against each
 * (express.test.ts: express-session, fastify.test.ts: @fastify/session): the ping
 * protocol (merge forward, the ping not activity, expiry first), the answer's fields,
 * sign-out ending the session, and no revival by a request in flight during a sign-out
 * (expressjs/session#632). The core is shared, but each layer loads, writes back and
 * destroys its blob its own way: that is what these tests run through.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import session, { type SessionData } from 'express-session';
import { Client, type Clock } from './helpers.js';

/**
 * A session store the tests can look into, for both layers: express-session wants a
 * Store (it calls createSession() and listens for connect and disconnect),
 * @fastify/session only set, get and destroy. Blobs are kept as JSON, as a real store's.
 */
export class InspectableStore extends session.Store {
  private readonly json = new Map<string, string>();

  /** Every blob the layer has written and not destroyed. */
  get blobs(): Record<string, unknown>[] {
    return [...this.json.values()].map((json) => JSON.parse(json) as Record<string, unknown>);
  }

  get(id: string, callback: (error: unknown, data?: SessionData | null) => void): void {
    const json = this.json.get(id);
    setImmediate(() => callback(null, json === undefined ? null : (JSON.parse(json) as SessionData)));
  }

  set(id: string, data: SessionData, callback?: (error?: unknown) => void): void {
    this.json.set(id, JSON.stringify(data));
    setImmediate(() => callback?.());
  }

  destroy(id: string, callback?: (error?: unknown) => void): void {
    this.json.delete(id);
    setImmediate(() => callback?.());
  }
}

/** Holds the app's POST /slow after it has loaded the session, until the test releases it. */
export class Hold {
  private arrive = () => {};
  private leave = () => {};

  /** Resolves once the next request is held. */
  next(): Promise<void> {
    return new Promise((done) => (this.arrive = done));
  }

  /** For the route: says it is held, and waits for release(). */
  wait(): Promise<void> {
    const released = new Promise<void>((done) => (this.leave = done));
    this.arrive();
    return released;
  }

  release(): void {
    this.leave();
  }
}

/**
 * An app on the adapter, on a free port, as its module's header mounts it, with the
 * cookie `sid`, the ping at '/session/ping' and these routes:
 * - POST /login/:user signs that user in, 204; POST /logout signs out, 204;
 * - POST /slow waits in `hold.wait()`, then puts `cart: 'a book'` in the session (a
 *   change: the layer writes the blob back) and answers 'signed in' or 'nobody';
 * - GET /page answers the signed-in user, or 'nobody'.
 */
export interface AdapterApp {
  base: string;
  clock: Clock;
  store: InspectableStore;
  hold: Hold;
  close(): Promise<void>;
}

/**
 * Starts the app before the suite and closes it after, and declares the shared tests in
 * the caller's describe(). Read `app` from the returned object in the caller's own tests.
 */
export function adapterEssentials<App extends AdapterApp>(layer: string, start: () => Promise<App>): { app: App } {
  const context = {} as { app: App };
  before(async () => (context.app = await start()));
  after(() => context.app?.close());

  const idleFor = async (client: Client, report?: string) => ((await client.ping(report)).body as { idleFor: number }).idleFor;

  async function signedIn(user: string): Promise<Client> {
    const client = new Client(context.app.base);
    assert.equal((await client.post(`/login/${user}`, {})).status, 204);
    assert.match(client.cookie, /^sid=/);
    return client;
  }

  /** A browser replaying `cookie` after the sign-out: its pings answer logout, its pages see nobody. */
  async function assertSignedOut(cookie: string): Promise<void> {
    const replay = new Client(context.app.base);
    replay.cookie = cookie;
    assert.deepEqual((await replay.ping('0')).body, { status: 'logout' });
    assert.equal(await (await replay.get('/page')).text(), 'nobody');
  }

  test('pings follow the protocol: merge forward, the ping is not activity, expiry first', async () => {
    const { clock } = context.app;
    const client = await signedIn('ann');
    clock.advance(20);
    assert.equal(await idleFor(client, '5'), 5);
    clock.advance(10);
    assert.equal(await idleFor(client, '50'), 15, 'an older report does not move activity back');
    assert.equal(await idleFor(client), 15, 'the ping itself is not activity');
    assert.equal(await (await client.get('/page')).text(), 'ann'); // activity
    assert.equal(await idleFor(client), 0);
    clock.advance(60);
    assert.deepEqual((await client.ping('0')).body, { status: 'logout', reason: 'expired' }, 'a late report does not revive it');
    assert.equal(client.cookie, '', 'cookie cleared');
  });

  test('the answer carries the times, an opaque user and the CSRF token, with no-store', async () => {
    const client = await signedIn('bea');
    const { response, body } = await client.ping('0');
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const answer = body as Record<string, unknown>;
    assert.deepEqual(Object.keys(answer).sort(), ['csrfToken', 'expireAfter', 'idleFor', 'user', 'warnAfter']);
    assert.doesNotMatch(String(answer.user), /bea/);
    assert.equal((await client.ping('0', false)).body, 0, 'without the header: the plain integer');
  });

  test('sign-out ends the session: its pings answer logout, its pages see nobody', async () => {
    const client = await signedIn('cid');
    const cookie = client.cookie;
    assert.equal((await client.post('/logout', {})).status, 204);
    await assertSignedOut(cookie);
  });

  test('a request in flight during sign-out writes the blob back, and still cannot revive the session', async () => {
    const { base, hold, store } = context.app;
    const client = await signedIn('dan');
    const cookie = client.cookie;
    const slow = new Client(base);
    slow.cookie = cookie;
    const held = hold.next();
    const pending = slow.post('/slow', {});
    await held; // it has loaded the live session
    assert.equal((await client.post('/logout', {})).status, 204);
    hold.release();
    assert.equal(await (await pending).text(), 'signed in');
    const written = store.blobs.filter((blob) => blob.cart === 'a book');
    assert.equal(written.length, 1, `${layer} wrote the signed-in blob back`);
    assert.ok(written[0].sessionSecurity);
    await assertSignedOut(cookie);
  });

  return context;
}
