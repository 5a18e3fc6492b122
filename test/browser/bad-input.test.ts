/**
 * Bad attribute values and out-of-range answers, on the element itself: each one gives a
 * console error naming it and a safe setting, and never keeps the dialog from opening.
 */
import { expect, fixture } from '@open-wc/testing';
import { stub, type SinonFakeTimers, type SinonStub } from 'sinon';
import '../../src/define.js';
import type { SessionSecurity } from '../../src/session-security.js';
import { PING, dialogOf, echo, record, servePing, setUpElementTest, startWorker, tearDownElementTest, until, untilLeader, warned } from '../helpers.js';

describe('<session-security> with bad input', () => {
  let clock: SinonFakeTimers;
  let navigate: SinonStub;
  let error: SinonStub;

  before(startWorker);
  beforeEach(() => {
    ({ clock, navigate } = setUpElementTest());
    error = stub(console, 'error');
  });
  afterEach(() => {
    error.restore();
    tearDownElementTest({ clock, navigate });
    document.querySelectorAll('[data-test-token]').forEach((node) => node.remove());
  });

  const logged = () => error.args.map((args) => String(args[0])).join('\n');
  /** The element with these attributes (ping-url is the test file's unless given). */
  const mount = async (attributes: Record<string, string>, waitForLeader = true) => {
    const el = document.createElement('session-security') as SessionSecurity;
    // Rendered for a user: no ping at start, so none is under way while the clock is moved.
    for (const [name, value] of Object.entries({ 'ping-url': PING, user: 'u1', ...attributes })) el.setAttribute(name, value);
    await fixture(el);
    if (waitForLeader) await untilLeader();
    return el;
  };
  describe('ping-url missing', () => {
    it('logs "ping-url is required." once for a page that omits it, and every ping fails, so the user is still warned', async () => {
      const el = document.createElement('session-security') as SessionSecurity;
      el.setAttribute('user', 'u1');
      await fixture(el);
      const failures = record<{ reason: string }>(el, 'session-security-ping-error');
      await warned(clock, el);
      expect(error.args.filter((args) => String(args[0]).includes('ping-url is required.'))).to.have.length(1);
      expect(failures.map((event) => event.detail.reason)).to.deep.equal(['invalid ping-url']);
    });

    it("is not reported when a framework sets pingUrl as a property in the task that connected the element (Angular's [pingUrl]); it pings there", async () => {
      // No user: the element asks the server at start, so the first ping shows where it goes.
      const pings = servePing(echo);
      const el = document.createElement('session-security') as SessionSecurity;
      const failures = record(el, 'session-security-ping-error');
      document.body.append(el);
      el.pingUrl = PING;
      await el.updateComplete;
      await until(() => pings.requests.length === 1, 'the ping at start');
      expect(new URL(pings.requests[0].url).pathname).to.equal(PING);
      expect(logged()).to.equal('');
      expect(failures).to.have.length(0);
    });
  });

  describe('logout-url on another origin', () => {
    it('renders no sign-out form for logout-url="//evil.test/x"', async () => {
      servePing(echo);
      const el = await mount({ 'logout-url': '//evil.test/x' });
      await warned(clock, el);
      expect(dialogOf(el).querySelector('form')).to.equal(null);
    });

    it('logs a console error naming logout-url and the URL', async () => {
      await mount({ 'logout-url': '//evil.test/x' });
      expect(logged()).to.contain('logout-url="//evil.test/x"');
    });
  });

  describe('ping-url on another origin', () => {
    it('sends no ping there: every ping fails, so the user is still warned', async () => {
      const el = await mount({ 'ping-url': 'https://evil.test/ping' }, false);
      const failures = record<{ reason: string }>(el, 'session-security-ping-error');
      await warned(clock, el);
      expect(failures.map((event) => event.detail.reason)).to.deep.equal(['invalid ping-url']);
    });
  });

  describe('return-to-url on another origin', () => {
    it('reloads the page at expiry instead of going to return-to-url="/\\evil.test"', async () => {
      servePing(() => 'logout');
      const el = await mount({ 'return-to-url': '/\\evil.test' });
      const expiries = record(el, 'session-security-expire');
      await clock.tickAsync(540_000);
      await until(() => expiries.length === 1, 'expiry');
      expect(navigate.args).to.deep.equal([[undefined]]);
    });

    it('goes there with allow-cross-origin-login', async () => {
      servePing(() => 'logout');
      const el = await mount({ 'return-to-url': 'https://idp.test/login', 'allow-cross-origin-login': '' });
      const expiries = record(el, 'session-security-expire');
      await clock.tickAsync(540_000);
      await until(() => expiries.length === 1, 'expiry');
      expect(navigate.args).to.deep.equal([['https://idp.test/login']]);
    });
  });

  describe('csrf-selector that is not a selector', () => {
    const withToken = () => {
      const input = Object.assign(document.createElement('input'), { type: 'hidden', name: 'csrfmiddlewaretoken', value: 'page-token' });
      input.dataset.testToken = '';
      document.body.append(input);
    };

    it('still opens the warning', async () => {
      servePing(echo);
      withToken();
      const el = await mount({ 'logout-url': '/logout/', 'csrf-selector': '[' });
      await warned(clock, el);
      expect(dialogOf(el).open).to.equal(true);
    });

    it('signs out with the token the default selector finds', async () => {
      servePing(echo);
      withToken();
      const el = await mount({ 'logout-url': '/logout/', 'csrf-selector': '[' });
      await warned(clock, el);
      const field = dialogOf(el).querySelector<HTMLInputElement>('form input[type=hidden]');
      expect([field?.name, field?.value]).to.deep.equal(['csrfmiddlewaretoken', 'page-token']);
    });

    it('logs a console error naming csrf-selector', async () => {
      await mount({ 'csrf-selector': '[' });
      expect(logged()).to.contain('csrf-selector="["');
    });
  });

  describe('ping-timeout out of range', () => {
    it('gives up on a hanging ping 10 s after sending it (the default), not at once, for ping-timeout="2147484"', async () => {
      const entered: number[] = [];
      servePing(() => (entered.push(Date.now()), 'hang'));
      const el = await mount({ 'ping-timeout': '2147484' });
      const failedAt: number[] = [];
      el.addEventListener('session-security-ping-error', () => failedAt.push(Date.now()));
      await clock.tickAsync(540_000);
      // The warning's ping (a ping at start, if any, has failed by now and is left out).
      await until(() => entered.at(-1) === Date.now(), 'the warning ping to reach the server');
      const sentAt = Date.now();
      await clock.tickAsync(10_000);
      await until(() => failedAt.some((at) => at >= sentAt), 'ping-error');
      expect(failedAt.filter((at) => at >= sentAt)).to.deep.equal([sentAt + 10_000]);
    });
  });

  describe('an answer with times out of range', () => {
    it("keeps the attributes' times when the server sends warnAfter/expireAfter 31,710 years away", async () => {
      servePing((idleFor) => ({ idleFor, warnAfter: 1e12, expireAfter: 2e12 }));
      const el = await mount({});
      await warned(clock, el);
      expect(el.timeoutSeconds).to.equal(600);
    });
  });
});
