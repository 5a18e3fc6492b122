/**
 * Under a strict Content-Security-Policy sent as a header (web-test-runner.config.mjs,
 * strictCsp): scripts by nonce only, no inline style, and, where the browser enforces
 * them, Trusted Types with only lit's policy ("lit-html") allowed. The ping goes to the
 * test server's /csp/ping (msw's service worker cannot register under Trusted Types).
 */
import { expect } from '@open-wc/testing';
import type { SinonFakeTimers, SinonStub } from 'sinon';
import '../../src/define.js';
import type { SessionSecurity } from '../../src/session-security.js';
import { macrotask, setUpElementTest, tearDownElementTest, until, untilLeader, warned } from '../helpers.js';

const PING = '/csp/ping';

describe('<session-security> under a strict CSP', () => {
  let clock: SinonFakeTimers;
  let navigate: SinonStub;
  let el: SessionSecurity;
  beforeEach(async () => {
    ({ clock, navigate } = setUpElementTest());
    // Rendered for a user: no ping at start, so none is under way while the clock is moved.
    el = Object.assign(document.createElement('session-security'), { pingUrl: PING, user: 'u1' });
    document.body.append(el);
    await el.updateComplete;
    await untilLeader(PING); // as every element test: it pings for itself once the clock moves
  });
  afterEach(() => {
    el.remove();
    tearDownElementTest({ clock, navigate });
  });

  it('runs on a page under the policy: an inline style attribute is refused', () => {
    const p = document.createElement('p');
    p.setAttribute('style', 'display: none');
    document.body.append(p);
    try {
      expect(getComputedStyle(p).display).to.equal('block');
    } finally {
      p.remove();
    }
  });

  it('defines the element', () => {
    expect(customElements.get('session-security')).to.equal(el.constructor);
  });

  it('shows the warning after warn-after', async () => {
    await warned(clock, el);
    expect(el.shadowRoot!.querySelector('dialog')!.open).to.equal(true);
  });

  it('styles itself with adopted style sheets, which style-src does not govern', () => {
    expect(el.shadowRoot!.adoptedStyleSheets.length).to.be.above(0);
  });

  it('breaks no rule of the policy while warning', async () => {
    const violations: string[] = [];
    const onViolation = (v: SecurityPolicyViolationEvent) => violations.push(`${v.effectiveDirective}: ${v.blockedURI} ${v.sample}`);
    document.addEventListener('securitypolicyviolation', onViolation);
    try {
      await warned(clock, el);
      await macrotask(); // violation events come in a task of their own
      expect(violations).to.deep.equal([]);
    } finally {
      document.removeEventListener('securitypolicyviolation', onViolation);
    }
  });

  // Trusted Types: only where the browser has them (all three engines here do today;
  // an older Firefox or WebKit does not, and the claims would not hold there).
  if ('trustedTypes' in window) {
    describe('with Trusted Types enforced', () => {
      it('refuses a plain string in an HTML sink on this page', () => {
        expect(() => {
          document.createElement('div').innerHTML = '<b>x</b>';
        }).to.throw(TypeError);
      });

      it('logs a console error naming the element and lit-html when the policy omits lit-html', async () => {
        clock.restore(); // nothing here is timed; the frame's own clock is real
        const frame = document.createElement('iframe');
        frame.src = '/csp/frame.html';
        document.body.append(frame);
        try {
          const win = () => frame.contentWindow as (Window & { errors?: string[] }) | null;
          await until(() => !!win()?.errors?.some((e) => e.startsWith('<session-security>')), 'the console error in the frame');
          expect(win()!.errors!.find((e) => e.startsWith('<session-security>')))
            .to.contain('"lit-html"')
            .and.contain('trusted-types');
        } finally {
          frame.remove();
        }
      });

      it('leaves the element undefined when the policy omits lit-html', async () => {
        clock.restore();
        const frame = document.createElement('iframe');
        const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
        frame.src = '/csp/frame.html';
        document.body.append(frame);
        try {
          const win = () => frame.contentWindow as (Window & { errors?: string[] }) | null;
          // Module scripts run before the load event: by then lit has thrown, or defined the tag.
          await loaded;
          expect(win()!.customElements.get('session-security')).to.equal(undefined);
        } finally {
          frame.remove();
        }
      });
    });
  }
});
