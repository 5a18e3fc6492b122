import { expect } from '@open-wc/testing';
import type { SinonFakeTimers } from 'sinon';
import { SessionController, type ControllerEvents, type Pinger } from '../../src/core/controller.js';
import type { PingAnswer } from '../../src/core/protocol.js';
import { fakeClock } from '../helpers.js';

/** A pinger whose answers the test gives, one pending ping at a time. */
class FakePinger implements Pinger {
  sent: number[] = [];
  aborted = 0;
  private pending?: (answer: PingAnswer) => void;
  send(idleFor: number): Promise<PingAnswer> {
    this.sent.push(idleFor);
    return new Promise((resolve) => (this.pending = resolve));
  }
  abort(): void {
    this.aborted++;
    this.answer({ kind: 'failed', reason: 'aborted' });
  }
  answer(answer: PingAnswer): void {
    const resolve = this.pending;
    this.pending = undefined;
    resolve?.(answer);
  }
  /** Answers like a server that knew of no other activity. */
  echo(): void {
    this.answer({ kind: 'idle', idleFor: this.sent[this.sent.length - 1] });
  }
}

describe('SessionController', () => {
  let clock: SinonFakeTimers;
  let pinger: FakePinger;
  let events: Array<[string, unknown]>;
  let controller: SessionController;
  const times = { warnAfter: 540, expireAfter: 600 };
  const types = () => events.map(([type]) => type).filter((type) => type !== 'change');

  beforeEach(() => {
    clock = fakeClock();
    pinger = new FakePinger();
    events = [];
    controller = new SessionController(
      () => times,
      pinger,
      (type: keyof ControllerEvents, detail) => events.push([type, detail]),
    );
    controller.start();
  });
  afterEach(() => {
    controller.stop();
    clock.restore();
  });

  it('sleeps until the warning deadline: no wake-up, no ping before it', async () => {
    expect(clock.countTimers()).to.equal(1);
    await clock.tickAsync(539_999);
    expect(pinger.sent).to.deep.equal([]);
    await clock.tickAsync(1);
    expect(pinger.sent).to.deep.equal([540]);
  });

  it('asks the server before warning, then warns and asks again before expiring', async () => {
    await clock.tickAsync(540_000);
    pinger.echo();
    await clock.tickAsync(0);
    expect(controller.phase).to.equal('warning');
    expect(types()).to.deep.equal(['warn']);
    await clock.tickAsync(60_000);
    expect(pinger.sent).to.deep.equal([540, 600]);
    expect(controller.checking, 'content hidden while asking past the deadline').to.equal(true);
    pinger.answer({ kind: 'logout', reason: 'logout' });
    await clock.tickAsync(0);
    expect(controller.phase).to.equal('expired');
    expect(events.at(-1)).to.deep.equal(['expire', { reason: 'logout', cause: 'local' }]);
    expect(clock.countTimers(), 'nothing left running after expiry').to.equal(0);
  });

  it('adopts more recent activity the server knows of, silently', async () => {
    await clock.tickAsync(540_000);
    pinger.answer({ kind: 'idle', idleFor: 40 });
    await clock.tickAsync(0);
    expect(controller.phase).to.equal('active');
    expect(types()).to.deep.equal([]);
    expect(controller.last).to.equal(Date.now() - 40_000);
    await clock.tickAsync(499_999);
    expect(pinger.sent.length).to.equal(1);
    await clock.tickAsync(1);
    expect(pinger.sent).to.deep.equal([540, 540]);
  });

  it('reports unreported activity before the server would end the session, with a ping timeout and 2 s to spare', async () => {
    await clock.tickAsync(500_000);
    controller.activity();
    await clock.tickAsync(87_999);
    expect(pinger.sent, 'nothing at synced + warn-after: the server ends sessions at expire-after').to.deep.equal([]);
    await clock.tickAsync(1);
    expect(pinger.sent).to.deep.equal([88]);
    pinger.echo();
    await clock.tickAsync(0);
    expect(controller.phase).to.equal('active');
    await clock.tickAsync(451_999);
    expect(pinger.sent.length, 'then at last + warn-after').to.equal(1);
    await clock.tickAsync(1);
    expect(pinger.sent).to.deep.equal([88, 540]);
  });

  it('costs two pings over an idle cycle after activity just past the page load, whatever the fraction of a second', async () => {
    await clock.tickAsync(1_370);
    controller.activity();
    await clock.tickAsync(540_000);
    expect(pinger.sent).to.deep.equal([540]);
    pinger.echo();
    await clock.tickAsync(0);
    expect(controller.phase).to.equal('warning');
    await clock.tickAsync(60_000);
    expect(pinger.sent).to.deep.equal([540, 600]);
    pinger.answer({ kind: 'logout', reason: 'expired' });
    await clock.tickAsync(0);
    expect(controller.phase).to.equal('expired');
    expect(pinger.sent.length).to.equal(2);
  });

  it('extends on activity during the warning: closes at once and pings with idleFor 0', async () => {
    await clock.tickAsync(540_000);
    pinger.echo();
    await clock.tickAsync(10_000);
    controller.activity();
    expect(controller.phase).to.equal('active');
    expect(types()).to.deep.equal(['warn', 'extend']);
    expect(pinger.sent).to.deep.equal([540, 0]);
    pinger.echo();
    await clock.tickAsync(0);
    expect(controller.phase).to.equal('active');
  });

  it('keeps activity that happened while a ping was under way', async () => {
    await clock.tickAsync(540_000);
    await clock.tickAsync(500);
    controller.activity();
    pinger.answer({ kind: 'idle', idleFor: 540 });
    await clock.tickAsync(0);
    expect(controller.phase).to.equal('active');
    expect(controller.last).to.equal(Date.now());
  });

  it('never extends on a failed ping: decides from local activity and retries at the next deadline', async () => {
    await clock.tickAsync(540_000);
    pinger.answer({ kind: 'failed', reason: 'HTTP 500' });
    await clock.tickAsync(0);
    expect(types()).to.deep.equal(['ping-error', 'warn']);
    expect(events[0][1]).to.deep.equal({ reason: 'HTTP 500', cause: 'local' });
    await clock.tickAsync(59_999);
    expect(pinger.sent.length).to.equal(1);
    await clock.tickAsync(1);
    expect(pinger.sent).to.deep.equal([540, 600]);
    pinger.answer({ kind: 'failed', reason: 'network' });
    await clock.tickAsync(0);
    expect(controller.phase).to.equal('expired');
    expect(events.at(-1)).to.deep.equal(['expire', { reason: 'expired', cause: 'local' }]);
  });

  it('expires at the next check after the clock jumps past expiry, hiding first', async () => {
    clock.setSystemTime(Date.now() + 3_600_000);
    controller.check();
    expect(controller.checking).to.equal(true);
    expect(pinger.sent).to.deep.equal([3600]);
    pinger.answer({ kind: 'idle', idleFor: 3600 });
    await clock.tickAsync(0);
    expect(controller.phase).to.equal('expired');
  });

  it('shows the page again when the server knows of activity past the local deadline', async () => {
    clock.setSystemTime(Date.now() + 3_600_000);
    controller.check();
    pinger.answer({ kind: 'idle', idleFor: 5 });
    await clock.tickAsync(0);
    expect(controller.checking).to.equal(false);
    expect(controller.phase).to.equal('active');
  });

  it("uses the server's per-user times over the attributes", async () => {
    await clock.tickAsync(540_000);
    pinger.answer({ kind: 'idle', idleFor: 540, times: { warnAfter: 780, expireAfter: 900 } });
    await clock.tickAsync(0);
    expect(controller.phase).to.equal('active');
    expect(controller.times).to.deep.equal({ warnAfter: 780, expireAfter: 900 });
    await clock.tickAsync(239_999);
    expect(pinger.sent.length).to.equal(1);
    await clock.tickAsync(1);
    expect(pinger.sent).to.deep.equal([540, 780]);
  });

  it('expires when the session now belongs to another user (someone signed in elsewhere)', async () => {
    await clock.tickAsync(540_000);
    pinger.answer({ kind: 'idle', idleFor: 0, user: 'alice' });
    await clock.tickAsync(540_000);
    pinger.answer({ kind: 'idle', idleFor: 0, user: 'bob' });
    await clock.tickAsync(0);
    expect(controller.phase).to.equal('expired');
    expect(events.at(-1)).to.deep.equal(['expire', { reason: 'replaced', cause: 'local' }]);
  });

  it('stops everything: no timer, the ping under way aborted and its answer ignored', async () => {
    await clock.tickAsync(540_000);
    controller.stop();
    expect(pinger.aborted).to.equal(1);
    expect(clock.countTimers()).to.equal(0);
    await clock.tickAsync(0);
    expect(types()).to.deep.equal([]);
  });

  it('restarts after stop without forgetting the activity it knew', async () => {
    await clock.tickAsync(100_000);
    controller.stop();
    await clock.tickAsync(500_000);
    controller.start();
    expect(pinger.sent, 'overdue at restart: asks at once').to.deep.equal([600]);
  });

  it('ignores activity reported in the past', () => {
    const last = controller.last;
    controller.activity(last - 1000);
    controller.merge(last - 1000);
    expect(controller.last).to.equal(last);
  });

  it('lets a follower wait for the leader, then ping itself when no answer comes', async () => {
    const shared: unknown[] = [];
    controller.peers = { patience: () => 15_000, activity: () => {}, answer: (a) => shared.push(a), pinging: () => {} };
    await clock.tickAsync(540_000);
    expect(pinger.sent).to.deep.equal([]);
    controller.receive({ kind: 'idle', idleFor: 540 }, Date.now(), 'tab');
    expect(controller.phase).to.equal('warning');
    expect(events.find(([type]) => type === 'warn')?.[1]).to.deep.equal({ cause: 'tab' });
    await clock.tickAsync(60_000 + 14_999);
    expect(pinger.sent).to.deep.equal([]);
    await clock.tickAsync(1);
    expect(pinger.sent).to.deep.equal([615]);
    pinger.answer({ kind: 'logout', reason: 'expired' });
    await clock.tickAsync(0);
    expect(shared, 'its own answer is shared with the others').to.deep.equal([{ kind: 'logout', reason: 'expired' }]);
  });

  it('ignores an answer older than the one it applied last', async () => {
    await clock.tickAsync(540_000);
    const sentAt = Date.now();
    pinger.answer({ kind: 'idle', idleFor: 0 });
    await clock.tickAsync(0);
    controller.receive({ kind: 'logout', reason: 'expired' }, sentAt - 1, 'tab');
    expect(controller.phase).to.equal('active');
  });

  describe('whose page it is', () => {
    it('asks the server at once when started to identify, with idleFor 0', () => {
      const other = new SessionController(
        () => times,
        pinger,
        () => {},
      );
      other.start(true);
      expect(pinger.sent).to.deep.equal([0]);
      other.stop();
    });

    it('adopts the user from its own first answer, then ends as replaced when an answer names another', async () => {
      await clock.tickAsync(540_000);
      pinger.answer({ kind: 'idle', idleFor: 0, user: 'alice' });
      await clock.tickAsync(0);
      expect(controller.user).to.equal('alice');
      controller.activity();
      controller.extend();
      pinger.answer({ kind: 'idle', idleFor: 0, user: 'bob' });
      await clock.tickAsync(0);
      expect(events.at(-1)).to.deep.equal(['expire', { reason: 'replaced', cause: 'local' }]);
    });

    it("never adopts a user or per-user times from another tab's answer", () => {
      controller.receive({ kind: 'idle', idleFor: 0, user: 'bob', times: { warnAfter: 5000, expireAfter: 6000 } }, Date.now(), 'tab');
      expect(controller.user).to.equal(undefined);
      expect(controller.times).to.deep.equal(times);
    });

    it("asks the server itself, applying nothing, when another tab's answer names another user", async () => {
      controller.user = 'alice';
      await clock.tickAsync(100_000);
      const last = controller.last;
      controller.receive({ kind: 'idle', idleFor: 0, user: 'bob' }, Date.now(), 'tab');
      expect(controller.last, "bob's activity does not keep alice's page").to.equal(last);
      expect(pinger.sent).to.deep.equal([100]);
      pinger.answer({ kind: 'idle', idleFor: 0, user: 'bob' });
      await clock.tickAsync(0);
      expect(events.at(-1)).to.deep.equal(['expire', { reason: 'replaced', cause: 'local' }]);
    });
  });

  describe('when the wall clock steps back', () => {
    let stepped: SessionController;
    /** The system clock set back by `ms`; monotonic time runs on regardless. */
    let stepBack: (ms: number) => void;
    beforeEach(() => {
      controller.stop();
      const start = Date.now();
      let steppedBack = 0;
      // Monotonic time follows the fake clock's ticks, not its steps.
      const monotonic = () => Date.now() - start + steppedBack;
      stepBack = (ms) => {
        steppedBack += ms;
        clock.setSystemTime(Date.now() - ms);
      };
      stepped = new SessionController(
        () => times,
        pinger,
        (type: keyof ControllerEvents, detail) => events.push([type, detail]),
        () => 10,
        monotonic,
      );
      stepped.start();
    });
    afterEach(() => stepped.stop());

    it('before the warning: activity still counts and is reported before the server would expire, not an hour late', async () => {
      await clock.tickAsync(100_000);
      stepBack(3_600_000);
      stepped.activity(Date.now()); // as the element's watcher reports it, with its own reading
      expect(stepped.last, 'activity counted').to.equal(Date.now());
      await clock.tickAsync(487_999);
      expect(pinger.sent).to.deep.equal([]);
      await clock.tickAsync(1);
      expect(pinger.sent, 'at load + 600 s - 12 s, real time').to.deep.equal([488]);
    });

    it('without activity: the warning ping comes at the same real moment', async () => {
      await clock.tickAsync(100_000);
      stepBack(3_600_000);
      stepped.check();
      await clock.tickAsync(440_000);
      expect(pinger.sent).to.deep.equal([540]);
    });

    it('during the warning: "stay signed in" sends idleFor 0, never a negative number', async () => {
      await clock.tickAsync(540_000);
      pinger.echo();
      await clock.tickAsync(10_000);
      expect(stepped.phase).to.equal('warning');
      stepBack(3_600_000);
      stepped.extend();
      expect(pinger.sent).to.deep.equal([540, 0]);
    });

    it('during the warning: expiry comes on time', async () => {
      await clock.tickAsync(540_000);
      pinger.echo();
      await clock.tickAsync(10_000);
      stepBack(3_600_000);
      stepped.check();
      await clock.tickAsync(50_000);
      expect(pinger.sent).to.deep.equal([540, 600]);
    });
  });
});
