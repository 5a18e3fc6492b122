/** The session events client (src/browser/session-events.ts): leader only, a hint that makes the tab ask, pings alone on failure. */
import { expect } from '@open-wc/testing';
import { http, HttpResponse, sse } from 'msw';
import { spy, type SinonFakeTimers, type SinonSpy } from 'sinon';
import { SessionEvents } from '../../src/browser/session-events.js';
import { fakeClock, macrotask, startWorker, until, worker } from '../helpers.js';

describe('SessionEvents', () => {
  let clock: SinonFakeTimers;
  let target: { phase: string; confirm: SinonSpy };
  let leading: boolean;
  let events: SessionEvents | undefined;
  let url: string;
  let connections: number;

  before(startWorker);
  beforeEach(() => {
    clock = fakeClock();
    target = { phase: 'active', confirm: spy() };
    leading = true;
    connections = 0;
    url = `/events/${Math.random().toString(36).slice(2)}`;
  });
  afterEach(async () => {
    events?.stop();
    events = undefined;
    await macrotask();
    clock.restore();
    worker.resetHandlers();
  });

  const start = () => {
    events = new SessionEvents(
      () => new URL(url, location.href),
      () => leading,
      target,
    );
    events.start();
    return events;
  };

  /**
   * A stream that sends the payloads the test passes to the returned function, then ends
   * as the server does after its logout event (WebKit delivers a stream from the service
   * worker only once it ends).
   */
  function serveStream(): (...payloads: { event: string; data: unknown }[]) => void {
    let send: (payloads: { event: string; data: unknown }[]) => void = () => {};
    worker.use(
      sse(url, ({ client }) => {
        connections++;
        send = (payloads) => {
          for (const payload of payloads) client.send(payload as never);
          client.close();
        };
      }),
    );
    return (...payloads) => send(payloads);
  }

  it('the leader opens the stream; a logout event makes it ask the server at once, and closes the stream', async () => {
    const send = serveStream();
    start();
    await until(() => connections === 1, 'the stream');
    send({ event: 'logout', data: { status: 'logout', reason: 'revoked' } });
    await until(() => target.confirm.called, 'confirm()');
    expect(target.confirm.callCount).to.equal(1);
    expect(events!.open).to.equal(false);
  });

  it('a follower opens nothing until it leads', async () => {
    serveStream();
    leading = false;
    start();
    clock.tick(3000);
    await macrotask();
    expect(events!.open).to.equal(false);
    leading = true;
    clock.tick(1000);
    await until(() => connections === 1, 'the stream once leading');
    leading = false;
    clock.tick(1000);
    expect(events!.open).to.equal(false, 'closed when leadership moved');
  });

  it('an event that is not a logout answer is ignored', async () => {
    const send = serveStream();
    start();
    await until(() => connections === 1, 'the stream');
    send({ event: 'logout', data: { idleFor: 0 } }, { event: 'logout', data: 'nonsense' }, { event: 'message', data: { status: 'logout' } });
    await until(() => !events!.open, 'the end of the stream');
    expect(target.confirm.called).to.equal(false);
  });

  it('an absent endpoint (404): pings alone, tried again later, less and less often', async () => {
    let requests = 0;
    worker.use(
      http.get(url, () => {
        requests++;
        return new HttpResponse('not here', { status: 404 });
      }),
    );
    start();
    await until(() => requests === 1 && !events!.open, 'the failure');
    clock.tick(4000);
    await macrotask();
    expect(requests).to.equal(1, 'no retry within 5 s');
    clock.tick(1000);
    await until(() => requests === 2 && !events!.open, 'the second try');
    clock.tick(9000);
    await macrotask();
    expect(requests).to.equal(2, 'then 10 s');
    clock.tick(1000);
    await until(() => requests === 3, 'the third try');
    expect(target.confirm.called).to.equal(false);
  });

  it('no stream once the session is over, nor without a URL', async () => {
    serveStream();
    target.phase = 'expired';
    start();
    clock.tick(2000);
    await macrotask();
    expect(events!.open).to.equal(false);
    events!.stop();
    const timers = clock.countTimers();
    events = new SessionEvents(
      () => undefined,
      () => true,
      { phase: 'active', confirm: spy() },
    );
    events.start();
    expect(events.open).to.equal(false);
    expect(clock.countTimers()).to.equal(timers, 'without a URL not even a timer');
  });
});
