/** Several tabs of one browser act as one user (see test/tab-harness.ts for what a tab is). */
import { expect } from '@open-wc/testing';
import type { SinonFakeTimers } from 'sinon';
import { channelName, PING, echo, fakeClock, nextPing, macrotask, record, servePing, startWorker, until, worker, type PingLog } from '../helpers.js';
import { closeTab as close, leads, openTab, untilOneLeads, type Tab } from '../tab-harness.js';

const dialogOpen = (tab: Tab) => tab.el.shadowRoot!.querySelector('dialog')!.open;
/** Activity in a tab, as its watcher reports it (what counts as a person is tested in session-security.test.ts). */
const activity = (tab: Tab) => tab.el.activity();

const OTHER = `${PING}/other`;

describe('several tabs', () => {
  let clock: SinonFakeTimers;
  let tabs: Tab[];

  before(startWorker);
  beforeEach(() => {
    nextPing(); // this test's own session: no late ping of the previous test lands here
    clock = fakeClock();
    tabs = [];
  });
  afterEach(async () => {
    for (const tab of [...tabs]) closeTab(tab);
    await macrotask();
    clock.restore();
    worker.resetHandlers();
  });

  /**
   * Waits until every tab has applied the answer to the `n`th ping. The answer travels
   * in real time while the clock is frozen: ticking on before it lands would let a
   * follower's patience run out, which real time would never do.
   */
  const untilAnswered = (pings: PingLog, n: number) => until(() => pings.times.length >= n && tabs.every((tab) => tab.el.controller.latest?.sentAt === pings.times[n - 1]), `answer ${n} in every tab`);

  const closeTab = (tab: Tab) => {
    close(tab);
    tabs = tabs.filter((other) => other !== tab);
  };

  const open = async (count: number, options?: Parameters<typeof openTab>[0]) => {
    for (let i = 0; i < count; i++) tabs.push(await openTab(options));
    return tabs;
  };

  /** Pings over one whole idle cycle (warning, then expiry) with `count` tabs. */
  async function pingsOverOneCycle(count: number): Promise<number> {
    const pings = servePing((idleFor) => (idleFor >= 600 ? 'logout' : idleFor));
    await open(count);
    await untilOneLeads(tabs);
    await clock.tickAsync(540_000);
    await until(() => tabs.every((tab) => tab.el.controller.phase === 'warning'), 'every tab warning');
    await clock.tickAsync(60_000);
    await until(() => tabs.every((tab) => tab.navigations.length === 1), 'every tab navigating');
    await clock.tickAsync(20_000); // followers' patience runs out: no late duplicate
    return pings.idleFor.length;
  }

  it('one tab pings twice over a warn-then-expire cycle', async () => {
    expect(await pingsOverOneCycle(1)).to.equal(2);
  });

  it('five tabs ping exactly as often as one', async function () {
    this.timeout(20_000); // five realms in one page: WebKitGTK needs more than the default
    expect(await pingsOverOneCycle(5)).to.equal(2);
  });

  it('activity in one tab keeps every tab from warning', async () => {
    const pings = servePing(echo);
    const [a, b, c] = await open(3);
    await untilOneLeads(tabs);
    const warnings = [a, b, c].map((tab) => record(tab.el, 'session-security-warn'));
    await clock.tickAsync(300_000);
    activity(c);
    await until(() => a.el.controller.last === Date.now() && b.el.controller.last === Date.now(), 'activity shared');
    await clock.tickAsync(288_000); // reported before the server would end the session (load + 600 s - 12 s)
    await until(() => pings.idleFor.length === 1);
    expect(pings.idleFor).to.deep.equal([288]);
    await clock.tickAsync(251_000);
    expect(warnings.map((w) => w.length)).to.deep.equal([0, 0, 0]);
  });

  it('shares activity at most every few seconds per tab, and the last one always', async () => {
    const [a, b] = await open(2);
    await untilOneLeads(tabs);
    let received = 0;
    const spy = new BroadcastChannel(channelName());
    spy.onmessage = (event) => event.data.type === 'activity' && received++;
    for (let i = 0; i < 10; i++) {
      activity(a);
      await clock.tickAsync(1000);
    }
    await clock.tickAsync(5000);
    await until(() => b.el.controller.last === a.el.controller.last, 'the trailing share');
    spy.close();
    expect(received, '10 s of activity').to.be.within(2, 4);
  });

  it('shows the warning in every tab, and "stay signed in" in one closes it in all', async () => {
    const pings = servePing(echo);
    await open(3);
    await untilOneLeads(tabs);
    await clock.tickAsync(540_000);
    await until(() => tabs.every((tab) => tab.el.controller.phase === 'warning'));
    await Promise.all(tabs.map((tab) => tab.el.updateComplete));
    expect(tabs.map(dialogOpen)).to.deep.equal([true, true, true]);
    const extensions = tabs.map((tab) => record<{ cause: string }>(tab.el, 'session-security-extend'));
    tabs[2].el.shadowRoot!.querySelector('button')!.click();
    await until(() => tabs.every((tab) => tab.el.controller.phase === 'active'), 'every tab extended');
    await Promise.all(tabs.map((tab) => tab.el.updateComplete));
    expect(tabs.map(dialogOpen)).to.deep.equal([false, false, false]);
    expect(extensions.map((e) => e[0].detail.cause)).to.deep.equal(['tab', 'tab', 'local']);
    await until(() => pings.idleFor.length === 2, 'one extend ping');
    expect(pings.idleFor).to.deep.equal([540, 0]);
  });

  it('a "logout" answer hides and navigates every tab', async () => {
    servePing(() => 'logout');
    await open(3);
    await untilOneLeads(tabs);
    const expiries = tabs.map((tab) => record<{ cause: string; reason: string }>(tab.el, 'session-security-expire'));
    await clock.tickAsync(540_000);
    await until(() => tabs.every((tab) => tab.navigations.length === 1), 'every tab navigating');
    expect(tabs.map((tab) => tab.win.getComputedStyle(tab.win.document.body).visibility)).to.deep.equal(['hidden', 'hidden', 'hidden']);
    expect(expiries.map((e) => e[0].detail.reason)).to.deep.equal(['logout', 'logout', 'logout']);
    expect(expiries.flat().filter((e) => e.detail.cause === 'local')).to.have.length(1);
  });

  it('"Sign out now" in one tab signs every tab out at once', async () => {
    servePing(echo);
    const [a, b, c] = await open(3);
    await untilOneLeads(tabs);
    for (const tab of tabs) tab.el.logoutUrl = '/logout';
    await clock.tickAsync(540_000);
    await until(() => tabs.every((tab) => tab.el.controller.phase === 'warning'));
    await a.el.updateComplete;
    // A synthetic submit runs the element's handler without navigating the test page.
    a.el.shadowRoot!.querySelector('form')!.dispatchEvent(new a.win.Event('submit', { cancelable: true }));
    await until(() => b.navigations.length === 1 && c.navigations.length === 1, 'the others sign out');
    expect(b.el.controller.phase).to.equal('expired');
    expect(a.el.controller.phase, 'the tab that signed out leaves by its form').to.equal('warning');
  });

  it('after a sign-in in one tab, the other tabs waiting to sign in again resume too', async () => {
    let signedIn = true;
    servePing((idleFor) => (signedIn ? { idleFor, user: 'u1' } : 'logout'));
    const body = `<session-security user="u1" ping-url="${PING}" login-url="/login/" login-mode="frame"></session-security>`;
    const [a, b] = await open(2, { body });
    await untilOneLeads(tabs);
    await clock.tickAsync(540_000);
    await until(() => tabs.every((tab) => tab.el.controller.phase === 'warning'));
    signedIn = false;
    await clock.tickAsync(60_000);
    await until(() => tabs.every((tab) => tab.el.controller.phase === 'expired'), 'both expired, waiting to sign in');
    const resumes = tabs.map((tab) => record(tab.el, 'session-security-resume'));
    // The user signs in again from tab a, a while later; a notices when it next looks
    // (focus here), and tells the others.
    await clock.tickAsync(30_000);
    signedIn = true;
    a.win.dispatchEvent(new a.win.Event('focus'));
    await until(() => resumes.every((r) => r.length === 1), 'both resume');
    expect(tabs.map((tab) => tab.el.controller.phase)).to.deep.equal(['active', 'active']);
    expect(b.navigations, 'no reload: the same user').to.deep.equal([]);
  });

  it('another tab takes over when the leader closes mid-cycle, without a gap or a duplicate', async () => {
    const pings = servePing((idleFor) => (idleFor >= 600 ? 'logout' : idleFor));
    await open(3);
    await untilOneLeads(tabs);
    await clock.tickAsync(540_000);
    await until(() => tabs.every((tab) => tab.el.controller.phase === 'warning'));
    closeTab(tabs.find(leads)!);
    await untilOneLeads(tabs);
    await clock.tickAsync(60_000);
    await until(() => tabs.every((tab) => tab.navigations.length === 1), 'the others expire on time');
    await clock.tickAsync(20_000);
    expect(pings.idleFor).to.deep.equal([540, 600]);
  });

  it('a frozen leader lets go of the lock; it queues again when resumed, and asks the server before showing anything', async () => {
    const pings = servePing(echo);
    await open(2);
    await untilOneLeads(tabs);
    const leader = tabs.find(leads)!;
    const other = tabs.find((tab) => tab !== leader)!;
    leader.win.document.dispatchEvent(new leader.win.Event('freeze'));
    await until(() => leads(other), 'the other tab leads');
    leader.win.document.dispatchEvent(new leader.win.Event('resume'));
    expect(leader.el.controller.checking, 'hidden while asking').to.equal(true);
    closeTab(other);
    tabs = [leader];
    await until(() => leads(leader), 'the resumed tab leads again once alone');
    // Its own ping (answered here, not in the next test's handler) shows the page again.
    await until(() => pings.idleFor.length === 1 && !leader.el.controller.checking, 'the answer');
    expect(pings.idleFor).to.deep.equal([0]);
  });

  it('a visible tab warns within a second of its deadline when the leader is a throttled background tab', async () => {
    const pings = servePing(echo);
    await open(2);
    await untilOneLeads(tabs);
    const [leader] = tabs.filter(leads);
    const [visible] = tabs.filter((tab) => !leads(tab));
    // A background tab's timers: at most once a minute (Chromium's intensive throttling).
    const timers = leader.win as unknown as { setTimeout: (fn: () => void, ms: number) => number };
    const throttled = timers.setTimeout;
    timers.setTimeout = (fn, ms) => throttled(fn, Math.max(ms, 60_000));
    await clock.tickAsync(5_000); // past the share throttle (the page loads were shared)
    activity(visible); // the user works a moment in the visible tab, then leaves
    await until(() => leader.el.controller.last === Date.now(), 'activity shared');
    await clock.tickAsync(540_000);
    await clock.tickAsync(750); // the visible tab heard no "pinging" from the leader
    await until(() => visible.el.controller.phase === 'warning', 'the visible tab warns');
    expect(Date.now() - (visible.el.controller.last + 540_000), 'ms late').to.be.at.most(1000);
    expect(pings.idleFor, 'one ping for both tabs').to.deep.equal([540]);
    await until(() => leader.el.controller.phase === 'warning', 'the leader follows the shared answer');
  });

  it('a tab back from the back/forward cache hides and asks before showing anything', async () => {
    servePing(() => 'logout');
    const [a, b] = await open(2);
    await untilOneLeads(tabs);
    // b goes into the back/forward cache: it leaves the channel and misses what follows.
    const away = leads(b) ? a : b;
    const back = away === a ? b : a;
    away.win.dispatchEvent(new away.win.PageTransitionEvent('pagehide', { persisted: true }));
    await until(() => leads(back), 'the other tab leads');
    await clock.tickAsync(540_000);
    await until(() => back.navigations.length === 1, 'the session ends meanwhile');
    expect(away.el.controller.phase).to.equal('active');
    away.win.dispatchEvent(new away.win.PageTransitionEvent('pageshow', { persisted: true }));
    expect(away.win.getComputedStyle(away.win.document.body).visibility, 'hidden at once').to.equal('hidden');
    await until(() => away.el.controller.phase === 'expired', 'told by the server or the other tab');
    expect(away.navigations).to.have.length(1);
  });

  it('a tab left expired does not sign out a tab opened after a new sign-in', async () => {
    let gone = true;
    servePing((idleFor) => (gone ? 'logout' : idleFor));
    const [old] = await open(1);
    await untilOneLeads(tabs);
    await clock.tickAsync(540_000);
    await until(() => old.el.controller.phase === 'expired', 'the old tab expires');
    gone = false; // the user signs in again elsewhere, and a new tab opens
    await clock.tickAsync(30_000);
    const [, fresh] = await open(1);
    const expiries = record(fresh.el, 'session-security-expire');
    // The old tab answers the new one's hello with its last answer, "logout".
    for (let i = 0; i < 50; i++) await macrotask();
    expect(expiries).to.have.length(0);
    expect(fresh.el.controller.phase).to.equal('active');
  });

  it('ignores forged and garbage messages', async () => {
    const pings = servePing(echo);
    const [a] = await open(1);
    await untilOneLeads(tabs);
    const channel = new BroadcastChannel(channelName());
    const before = a.el.controller.last;
    await clock.tickAsync(10_000);
    for (const message of [
      { type: 'activity', at: Date.now() + 60_000 }, // from the future
      { type: 'activity', at: 'now' },
      { type: 'activity', at: NaN },
      { type: 'answer', answer: { kind: 'idle', idleFor: -5 }, sentAt: Date.now(), at: Date.now() },
      { type: 'answer', answer: { kind: 'logout', reason: '<img onerror>' }, sentAt: Date.now(), at: Date.now() },
      { type: 'answer', answer: { kind: 'idle', idleFor: 0 }, sentAt: Date.now() + 1, at: Date.now() + 1 },
      { type: 'answer', answer: { kind: 'idle', idleFor: 0, times: { warnAfter: 9e9, expireAfter: 1 } }, sentAt: Date.now(), at: Date.now() },
      'garbage',
      null,
      { type: 'hello', extra: true },
      // Wrong types are dropped whole, not half-applied.
      { type: 'answer', answer: { kind: 'idle', idleFor: 0, user: 5 }, sentAt: Date.now(), at: Date.now() },
      { type: 'answer', answer: { kind: 'idle', idleFor: 0, csrfToken: {} }, sentAt: Date.now(), at: Date.now() },
      { type: 'answer', answer: { kind: 'idle', idleFor: 0, times: 'long' }, sentAt: Date.now(), at: Date.now() },
      { type: 'pinging', at: 'now' },
    ])
      channel.postMessage(message);
    await until(() => pings.idleFor.length === 0 && a.el.controller.last !== 0);
    for (let i = 0; i < 20; i++) await macrotask();
    channel.close();
    expect(a.el.controller.last).to.equal(before);
    expect(a.el.controller.phase).to.equal('active');
    expect(a.el.controller.times).to.deep.equal({ warnAfter: 540, expireAfter: 600 });
  });

  it('works without BroadcastChannel, through storage events, leaving storage empty', async () => {
    const pings = servePing(echo);
    const [a, b] = await open(2, { without: ['BroadcastChannel'] });
    await untilOneLeads(tabs);
    await clock.tickAsync(300_000);
    activity(a);
    await until(() => b.el.controller.last === Date.now(), 'activity through storage');
    expect(localStorage.length).to.equal(0);
    await clock.tickAsync(288_000);
    await untilAnswered(pings, 1);
    await clock.tickAsync(252_000);
    await untilAnswered(pings, 2);
    expect(pings.idleFor).to.deep.equal([288, 540]);
    await until(() => b.el.controller.phase === 'warning' && a.el.controller.phase === 'warning');
  });

  it('works without Web Locks: still warns together, with at most one ping per deadline here', async () => {
    const pings = servePing(echo);
    await open(3, { without: ['locks'] });
    await clock.tickAsync(540_000);
    await clock.tickAsync(3_000);
    await until(() => tabs.every((tab) => tab.el.controller.phase === 'warning'), 'every tab warning');
    expect(pings.idleFor.length).to.be.within(1, 3);
  });

  it('keeps two apps with different ping-urls independent', async () => {
    const pings = servePing(echo);
    const pings2 = servePing(echo, OTHER);
    const [a] = await open(1);
    const [, b] = await open(1, { pingUrl: OTHER });
    await until(() => leads(a) && leads(b), 'both lead');
    await clock.tickAsync(300_000);
    activity(a);
    await clock.tickAsync(240_000); // the other app's deadline
    await until(() => b.el.controller.phase === 'warning', 'the other app warns');
    await clock.tickAsync(48_000); // this app's report (load + 600 s - 12 s)
    await until(() => pings.idleFor.length === 1, "this app's report");
    expect(a.el.controller.phase).to.equal('active');
    expect(pings.idleFor).to.deep.equal([288]);
    expect(pings2.idleFor).to.deep.equal([540]);
  });
});
