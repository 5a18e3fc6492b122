import { expect } from '@open-wc/testing';
import { stub, type SinonStub } from 'sinon';
import { DEFAULT_TIMES, PING_TIMEOUT, configure, type Attributes } from '../../src/core/config.js';
import { logError } from '../../src/core/log.js';

const ORIGIN = 'https://app.test';
const base = `${ORIGIN}/orders/42`;
const attributes = (changes: Partial<Attributes> = {}): Attributes => ({
  pingUrl: '/ping',
  warnAfter: 60,
  expireAfter: 120,
  returnToUrl: '',
  pingTimeout: 5,
  logoutUrl: '',
  loginUrl: '',
  loginMode: 'popup',
  allowCrossOriginLogin: false,
  ...changes,
});

describe('configure: every attribute checked in one place', () => {
  let error: SinonStub;
  beforeEach(() => {
    error = stub(console, 'error');
  });
  afterEach(() => error.restore());
  const logged = () => error.args.map((args) => String(args[0]));

  it('good attributes become settings, silently', () => {
    const settings = configure(attributes({ logoutUrl: '/logout', loginUrl: '/login', returnToUrl: '/bye' }), base, ORIGIN);
    expect(settings.times).to.deep.equal({ warnAfter: 60, expireAfter: 120 });
    expect(settings.timeout).to.equal(5);
    expect([settings.ping?.href, settings.logout?.href, settings.login?.href, settings.returnTo?.href]).to.deep.equal([`${ORIGIN}/ping`, `${ORIGIN}/logout`, `${ORIGIN}/login`, `${ORIGIN}/bye`]);
    expect(settings.frame).to.equal(false);
    expect(error.called).to.equal(false);
  });

  it('each bad one is reported by name, with the same prefix, and replaced by a safe default', () => {
    const settings = configure(attributes({ pingUrl: '', warnAfter: 200, pingTimeout: 0, loginMode: 'tab' }), base, ORIGIN);
    expect(settings.ping).to.equal(undefined);
    expect(settings.times).to.deep.equal(DEFAULT_TIMES);
    expect(settings.timeout).to.equal(PING_TIMEOUT.fallback);
    expect(settings.frame).to.equal(false);
    const messages = logged();
    for (const name of ['ping-url', 'warn-after', 'ping-timeout', 'login-mode'])
      expect(
        messages.some((m) => m.includes(name)),
        name,
      ).to.equal(true);
    expect(
      messages.every((m) => m.startsWith('<session-security>: ')),
      messages.join('\n'),
    ).to.equal(true);
  });

  it('leaving may go to another origin only when the page allows it; a login frame never', () => {
    const away = { returnToUrl: 'https://idp.test/bye', loginUrl: 'https://idp.test/login' };
    expect(configure(attributes(away), base, ORIGIN).returnTo).to.equal(undefined);
    const allowed = configure(attributes({ ...away, allowCrossOriginLogin: true }), base, ORIGIN);
    expect([allowed.returnTo?.origin, allowed.login?.origin]).to.deep.equal(['https://idp.test', 'https://idp.test']);
    const framed = configure(attributes({ ...away, allowCrossOriginLogin: true, loginMode: 'frame' }), base, ORIGIN);
    expect(framed.frame).to.equal(true);
    expect(framed.login).to.equal(undefined);
    expect(logged().some((m) => m.includes('login-mode="frame" needs this origin'))).to.equal(true);
  });

  it('logError passes details on after the message', () => {
    logError('x', { a: 1 });
    expect(error.args[0]).to.deep.equal(['<session-security>: x', { a: 1 }]);
  });
});
