import { expect } from '@open-wc/testing';
import type { SessionController } from '../../src/core/controller.js';
import { tabSyncFor, type TabSync } from '../../src/browser/tab-sync.js';
import { macrotask, until } from '../helpers.js';

describe('tabSyncFor: one tab sync per ping URL', () => {
  let controller: SessionController;
  let current: TabSync | undefined;
  /** A ping URL of this test alone: locks and channels are the origin's, shared with other test files. */
  const ping = (path = '') => new URL(`/tab-sync-for/${Math.random().toString(36).slice(2)}${path}`, location.href);
  const sync = (url: URL | undefined) => (current = tabSyncFor(current, url, controller, () => 1000));
  /** The lock of `name` is let go (held or requested), in real time: the lock manager answers asynchronously. */
  const released = async (name: string) => {
    for (let tries = 0; tries < 200; tries++) {
      const { held = [], pending = [] } = await navigator.locks.query();
      if (![...held, ...pending].some((lock) => lock.name === name)) return true;
      await macrotask();
    }
    return false;
  };

  beforeEach(() => {
    // What TabSync uses of its controller while alone (no other tab writes).
    controller = { last: 0, check: () => {} } as unknown as SessionController;
  });
  afterEach(() => current?.stop());

  it('starts one named after the ping URL, the peers of the controller, holding its lock', async () => {
    const url = ping();
    const tabs = sync(url);
    expect(tabs?.name).to.equal(`session-security ${url.href}`);
    expect(controller.peers).to.equal(tabs);
    await until(() => !!tabs?.leading, 'the leader lock');
  });

  it('keeps the one it has while the URL stays', () => {
    const url = ping();
    const first = sync(url);
    expect(sync(new URL(url.href))).to.equal(first);
  });

  it('stops the one it has for another URL, and starts one for that URL', async () => {
    const old = sync(ping('/a'))!;
    await until(() => old.leading, 'the first lock');
    const next = sync(ping('/b'))!;
    expect(next).to.not.equal(old);
    expect([old.leading, controller.peers === next]).to.deep.equal([false, true]);
    await until(() => next.leading, 'the second lock');
    expect(await released(old.name)).to.equal(true);
  });

  it('stops the one it has, and starts none, without a URL', async () => {
    const old = sync(ping())!;
    await until(() => old.leading, 'the lock');
    expect(sync(undefined)).to.equal(undefined);
    expect([old.leading, controller.peers]).to.deep.equal([false, undefined]);
    expect(await released(old.name)).to.equal(true);
  });
});
