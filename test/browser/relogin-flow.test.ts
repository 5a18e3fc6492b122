import { expect } from '@open-wc/testing';
import { stub, type SinonStub } from 'sinon';
import type { PingAnswer } from '../../src/core/protocol.js';
import { ReloginFlow, type ReloginHost } from '../../src/browser/relogin-flow.js';
import { fakeClock } from '../helpers.js';

/** A host whose pings are answered by hand, in order. */
function host(user?: string) {
  const answers: Array<(answer: PingAnswer) => void> = [];
  const h = {
    ping: stub<[], Promise<PingAnswer>>().callsFake(() => new Promise<PingAnswer>((resolve) => answers.push(resolve))),
    user: () => user,
    update: stub(),
    done: stub() as SinonStub<Parameters<ReloginHost['done']>, void>,
  };
  return { h, answers, settle: () => new Promise((r) => setTimeout(r)) };
}
const idle = (user?: string): PingAnswer => ({ kind: 'idle', idleFor: 0, user });
const login = new URL('/login', location.href);

describe('relogin-flow', () => {
  it('without a login page, expiry is not ours to handle: the element leaves', () => {
    const { h } = host('ann');
    const flow = new ReloginFlow(h);
    expect(flow.expire(false)).to.equal(false);
    expect(flow.expiredHere).to.equal(true);
    expect(flow.pending).to.equal(false);
  });

  it('the same user signing in again resumes; expiredHere is cleared', async () => {
    const { h, answers, settle } = host('ann');
    const flow = new ReloginFlow(h);
    expect(flow.expire(true)).to.equal(true);
    expect(flow.pending).to.equal(true);
    flow.probe();
    answers[0](idle('ann'));
    await settle();
    expect(h.done.args).to.deep.equal([['resume', idle('ann')]]);
    expect(flow.expiredHere).to.equal(false);
    expect(flow.pending).to.equal(false);
  });

  it('another user, or a server that names nobody, leaves', async () => {
    for (const [page, answer] of [
      ['ann', 'bob'],
      ['ann', undefined],
      [undefined, undefined],
    ] as const) {
      const { h, answers, settle } = host(page);
      const flow = new ReloginFlow(h);
      flow.expire(true);
      flow.probe();
      answers[0](idle(answer));
      await settle();
      expect(h.done.args, `${page} then ${answer}`).to.deep.equal([['leave', idle(answer)]]);
      expect(flow.expiredHere).to.equal(true);
    }
  });

  it('no session yet: keeps waiting, and decides nothing', async () => {
    const { h, answers, settle } = host('ann');
    const flow = new ReloginFlow(h);
    flow.expire(true);
    flow.probe();
    answers[0]({ kind: 'logout', reason: 'expired' });
    await settle();
    expect(h.done.called).to.equal(false);
    expect(flow.pending).to.equal(true);
  });

  it('a reason to look again while a probe is under way is not lost', async () => {
    const { h, answers, settle } = host('ann');
    const flow = new ReloginFlow(h);
    flow.expire(true);
    flow.probe();
    flow.probe(); // the user came back from the login page while the first ping was out
    expect(h.ping.callCount, 'one ping at a time').to.equal(1);
    answers[0]({ kind: 'failed', reason: 'HTTP 502' }); // sent before the sign-in
    await settle();
    expect(h.ping.callCount, 'asked again').to.equal(2);
    answers[1](idle('ann'));
    await settle();
    expect(h.done.args).to.deep.equal([['resume', idle('ann')]]);
  });

  it('does not probe when no sign-in is on offer, nor after it stopped', async () => {
    const { h } = host('ann');
    const flow = new ReloginFlow(h);
    flow.probe();
    flow.expire(true);
    flow.stop();
    flow.probe();
    expect(h.ping.called).to.equal(false);
    expect(flow.expiredHere, 'kept for when the element is put back').to.equal(true);
  });

  it('an answer arriving after the flow stopped decides nothing', async () => {
    const { h, answers, settle } = host('ann');
    const flow = new ReloginFlow(h);
    flow.expire(true);
    flow.probe();
    flow.stop();
    answers[0](idle('ann'));
    await settle();
    expect(h.done.called).to.equal(false);
  });

  it('in a frame: shows it and checks every few seconds; cancelled: back to the button', () => {
    const clock = fakeClock();
    try {
      const { h } = host('ann');
      const flow = new ReloginFlow(h);
      flow.expire(true);
      flow.signIn(login, true);
      expect([flow.frame, flow.popupBlocked]).to.deep.equal([true, false]);
      clock.tick(5000);
      expect(h.ping.callCount, 'probed on its timer').to.equal(1);
      flow.cancel();
      expect(flow.frame).to.equal(false);
      expect(h.update.callCount, 'each change is shown').to.equal(3);
      expect(flow.pending, 'still on offer').to.equal(true);
    } finally {
      clock.restore();
    }
  });

  it('a blocked popup is said so', () => {
    const open = stub(window, 'open').returns(null);
    try {
      const flow = new ReloginFlow(host('ann').h);
      flow.expire(true);
      flow.signIn(login, false);
      expect(open.calledOnce).to.equal(true);
      expect([flow.frame, flow.popupBlocked]).to.deep.equal([false, true]);
    } finally {
      open.restore();
    }
  });
});
