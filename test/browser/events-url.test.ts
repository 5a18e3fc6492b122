/** The element's events-url: a revocation pushed by the server ends the page at once, not at the next ping. */
import { expect, fixture, html } from '@open-wc/testing';
import { sse } from 'msw';
import { stub, type SinonFakeTimers, type SinonStub } from 'sinon';
import '../../src/define.js';
import type { SessionSecurity } from '../../src/session-security.js';
import { PING, record, servePing, startWorker, until, untilLeader, worker, setUpElementTest, tearDownElementTest } from '../helpers.js';

describe('<session-security events-url>', () => {
  let clock: SinonFakeTimers;
  let navigate: SinonStub;

  before(startWorker);
  beforeEach(() => ({ clock, navigate } = setUpElementTest()));
  afterEach(() => tearDownElementTest({ clock, navigate }));

  it('a pushed logout makes the leader ask at once; the ping decides, with its reason', async () => {
    const events = `${PING}/events`;
    let revoked = false;
    let send: (() => void) | undefined;
    // Then the stream ends, as the server ends it (WebKit delivers a service worker's stream only once it ends).
    worker.use(
      sse(events, ({ client }) => {
        send = () => {
          client.send({ event: 'logout', data: { status: 'logout', reason: 'revoked' } } as never);
          client.close();
        };
      }),
    );
    const pings = servePing((idleFor) => (revoked ? { status: 'logout', reason: 'revoked' } : idleFor));
    const el = await fixture<SessionSecurity>(html`<session-security user="u1" ping-url=${PING} events-url=${events} return-to-url="/login/"></session-security>`);
    const expired = record<{ reason: string }>(el, 'session-security-expire');
    await untilLeader();
    await clock.tickAsync(1000); // the leader opens its stream
    await until(() => send !== undefined, 'the stream');
    revoked = true;
    send!();
    await until(() => expired.length === 1, 'expiry');
    expect(expired[0].detail.reason).to.equal('revoked');
    expect(pings.idleFor.length).to.equal(1, 'one ping, long before warn-after');
    expect(el.controller.phase).to.equal('expired');
  });

  it('a cross-origin events-url is refused with an error naming the attribute', async () => {
    const error = stub(console, 'error');
    try {
      await fixture(html`<session-security user="u1" ping-url=${PING} events-url="https://elsewhere.example/events"></session-security>`);
      expect(error.args.some(([message]) => String(message).includes('events-url'))).to.equal(true);
    } finally {
      error.restore();
    }
  });
});
