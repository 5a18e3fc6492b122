import { expect } from '@open-wc/testing';
import { stub, type SinonStub } from 'sinon';
import { DEFAULT_TIMES, PING_TIMEOUT, checkSeconds, checkTimes, checkUrl } from '../../src/core/config.js';
import { MAX_SECONDS } from '../../src/core/protocol.js';

const ORIGIN = 'https://app.test';
const base = `${ORIGIN}/orders/42`;
const sameOrigin = { base, origin: ORIGIN };

describe('config', () => {
  let error: SinonStub;
  beforeEach(() => {
    error = stub(console, 'error');
  });
  afterEach(() => error.restore());
  const logged = () => error.args.map((args) => String(args[0])).join('\n');

  describe('checkUrl, same origin only', () => {
    it('resolves a relative path against the base', () => {
      expect(checkUrl('logout-url', '/logout/', sameOrigin)?.href).to.equal(`${ORIGIN}/logout/`);
    });

    it('accepts an absolute URL of the same origin', () => {
      expect(checkUrl('ping-url', `${ORIGIN}/ping`, sameOrigin)?.href).to.equal(`${ORIGIN}/ping`);
    });

    it('refuses a protocol-relative URL (//evil.test)', () => {
      expect(checkUrl('logout-url', '//evil.test/collect', sameOrigin)).to.equal(undefined);
    });

    it('refuses /\\evil.test, which browsers read as //evil.test', () => {
      expect(checkUrl('return-to-url', '/\\evil.test', sameOrigin)).to.equal(undefined);
    });

    it('refuses \\\\evil.test', () => {
      expect(checkUrl('logout-url', '\\\\evil.test', sameOrigin)).to.equal(undefined);
    });

    it('refuses an absolute URL of another host', () => {
      expect(checkUrl('ping-url', 'https://evil.test/ping', sameOrigin)).to.equal(undefined);
    });

    it('refuses the same host over another scheme (another origin)', () => {
      expect(checkUrl('ping-url', 'http://app.test/ping', sameOrigin)).to.equal(undefined);
    });

    it('refuses the same host on another port (another origin)', () => {
      expect(checkUrl('ping-url', 'https://app.test:8443/ping', sameOrigin)).to.equal(undefined);
    });

    it('names the attribute, the URL and the origin it leads to in the console error', () => {
      checkUrl('logout-url', '//evil.test/collect', sameOrigin);
      expect(logged()).to.contain('logout-url="//evil.test/collect"').and.contain('https://evil.test');
    });

    it('adds the hint to the error, to say how to allow another origin', () => {
      checkUrl('return-to-url', 'https://idp.test/', { ...sameOrigin, hint: ' Add allow-cross-origin-login.' });
      expect(logged()).to.contain('allow-cross-origin-login');
    });

    it('accepts another origin when no origin is imposed (the page opted in)', () => {
      expect(checkUrl('return-to-url', 'https://idp.test/login', { base })?.href).to.equal('https://idp.test/login');
    });

    it('still refuses javascript: URLs when another origin is allowed', () => {
      expect(checkUrl('return-to-url', 'javascript:alert(1)', { base })).to.equal(undefined);
    });

    it('logs nothing for a same-origin URL', () => {
      checkUrl('logout-url', '/logout/', sameOrigin);
      expect(error.called).to.equal(false);
    });
  });

  describe('checkTimes, capped at a year', () => {
    it('accepts times up to a year', () => {
      expect(checkTimes(MAX_SECONDS - 60, MAX_SECONDS)).to.deep.equal({ warnAfter: MAX_SECONDS - 60, expireAfter: MAX_SECONDS });
    });

    it('uses the defaults for an expire-after above a year', () => {
      expect(checkTimes(540, 1e12)).to.deep.equal(DEFAULT_TIMES);
    });

    it('uses the defaults for a warn-after above a year', () => {
      expect(checkTimes(MAX_SECONDS + 1, MAX_SECONDS + 100)).to.deep.equal(DEFAULT_TIMES);
    });

    it('names the attribute above the cap in the console error', () => {
      checkTimes(540, 1e12);
      expect(logged()).to.contain('expire-after="1000000000000"').and.not.contain('warn-after="540"');
    });
  });

  describe('checkSeconds for ping-timeout, 1 to 120 s', () => {
    it('accepts 120 s', () => {
      expect(checkSeconds('ping-timeout', 120, PING_TIMEOUT)).to.equal(120);
    });

    it('accepts 1 s', () => {
      expect(checkSeconds('ping-timeout', 1, PING_TIMEOUT)).to.equal(1);
    });

    it('uses 10 s for 2147484 s, which overflowed setTimeout into an instant failure', () => {
      expect(checkSeconds('ping-timeout', 2147484, PING_TIMEOUT)).to.equal(10);
    });

    it('uses 10 s for under a second', () => {
      expect(checkSeconds('ping-timeout', 0.5, PING_TIMEOUT)).to.equal(10);
    });

    it('names the attribute and the value used in the console error', () => {
      checkSeconds('ping-timeout', 2147484, PING_TIMEOUT);
      expect(logged()).to.contain('ping-timeout="2147484"').and.contain('using 10');
    });
  });
});
