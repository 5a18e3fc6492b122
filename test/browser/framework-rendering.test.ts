/**
 * How frameworks insert the element, in a fresh page (a tab: its first Web Locks request):
 * Angular sets [property] bindings just after the element connected; others move it in the
 * task that inserted it. Neither may leave the tab without the leader lock: a follower
 * with no leader waits VISIBLE_PATIENCE past each deadline, so its warning came late.
 */
import { expect } from '@open-wc/testing';
import type { SinonFakeTimers } from 'sinon';
import type { Peers } from '../../src/core/controller.js';
import { channelName, echo, fakeClock, macrotask, nextPing, servePing, startWorker, until, worker } from '../helpers.js';
import { closeTab, leads, openTab, type Tab } from '../tab-harness.js';

describe('framework rendering', () => {
  let clock: SinonFakeTimers;
  let tab: Tab | undefined;

  before(startWorker);
  beforeEach(() => {
    nextPing();
    clock = fakeClock();
  });
  afterEach(async () => {
    if (tab) closeTab(tab);
    tab = undefined;
    await macrotask();
    clock.restore();
    worker.resetHandlers();
  });

  /** The tab's leader lock of this test's ping URL, held and waiting. */
  const locks = async () => {
    const { held = [], pending = [] } = await navigator.locks.query();
    const mine = (lock: LockInfo) => lock.name === channelName();
    return { held: held.filter(mine).length, pending: pending.filter(mine).length };
  };

  /** Idle until warn-after: the leader pings at once, the warning follows its answer. */
  async function warnsOnTime(el: Tab['el'], pings: { idleFor: number[] }): Promise<void> {
    await clock.tickAsync(el.warnAfter * 1000);
    await until(() => el.controller.phase === 'warning', 'the warning at warn-after (a follower waits on)');
    expect(pings.idleFor).to.deep.equal([el.warnAfter]);
  }

  it('properties set right after connecting (Angular bindings) apply before anything starts, so tab sync starts once', async () => {
    const pings = servePing(echo);
    let peers: Peers | undefined;
    tab = await openTab({
      connected: (el) => {
        peers = el.controller.peers;
        el.warnAfter = 60;
        el.expireAfter = 120;
      },
    });
    expect(peers, 'no tab sync yet when the bindings land').to.equal(undefined);
    expect(tab.el.controller.peers, 'a tab sync once started').to.not.equal(undefined);
    await until(() => leads(tab!), 'the tab to lead');
    expect(await locks()).to.deep.equal({ held: 1, pending: 0 });
    await warnsOnTime(tab.el, pings);
  });

  it('moved in the task that connected it: the lock its first run was granted is let go, and it leads', async () => {
    const pings = servePing(echo);
    tab = await openTab({
      connected: (el, win) => {
        el.remove(); // aborts its first lock request, which the browser may grant all the same
        win.document.body.append(el);
      },
    });
    await until(() => leads(tab!), 'the tab to lead');
    expect(await locks()).to.deep.equal({ held: 1, pending: 0 });
    await warnsOnTime(tab.el, pings);
  });
});
