import { expect, fixture, html } from '@open-wc/testing';
import { HttpResponse, http } from 'msw';
import { stub, type SinonFakeTimers, type SinonStub } from 'sinon';
import { executeServerCommand, resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import '../../src/define.js';
import type { SessionSecurity } from '../../src/session-security.js';
import { PING, dialogOf, echo, macrotask, record, servePing, startWorker, until, untilLeader, warned, worker, setUpElementTest, tearDownElementTest } from '../helpers.js';

const PING2 = `${PING}/2`;

describe('<session-security>', () => {
  let clock: SinonFakeTimers;
  let navigate: SinonStub;

  before(startWorker);
  beforeEach(() => ({ clock, navigate } = setUpElementTest()));
  afterEach(async () => {
    await resetMouse(); // first: nothing may run between tear-down and fixture clean-up
    tearDownElementTest({ clock, navigate });
  });

  const mount = async (returnTo = '/login/') => {
    const el = await fixture<SessionSecurity>(html`<session-security user="u1" ping-url=${PING} return-to-url=${returnTo}></session-security>`);
    await untilLeader();
    return el;
  };
  const pageHidden = () => getComputedStyle(document.body).visibility === 'hidden';

  it('warns after warn-after when the server saw no other activity, with an accessible dialog', async () => {
    const pings = servePing(echo);
    const el = await mount();
    const warnings = record(el, 'session-security-warn');
    await clock.tickAsync(540_000);
    await until(() => warnings.length === 1, 'warn event');
    await el.updateComplete;
    expect(pings.idleFor).to.deep.equal([540]);
    const d = dialogOf(el);
    expect(d.open).to.equal(true);
    expect(d.getAttribute('role')).to.equal('alertdialog');
    expect(d.querySelector(`#${d.getAttribute('aria-labelledby')}`)!.textContent).to.contain('about to expire');
    expect(d.querySelector(`#${d.getAttribute('aria-describedby')}`)!.textContent).to.contain('stay signed in');
    expect(el.shadowRoot!.activeElement?.textContent).to.equal('Stay signed in');
    expect(warnings[0].detail).to.include({ cause: 'local', timeout: 600 });
    expect(d.querySelector('[part~=countdown]')!.textContent).to.equal('Time left: 1:00');
    await clock.tickAsync(15_000);
    await el.updateComplete;
    expect(d.querySelector('[part~=countdown]')!.textContent, 'countdown from the wall clock').to.equal('Time left: 0:45');
  });

  it('sends the protocol: GET ?idleFor, the CSRF header, no cache, same-origin credentials', async () => {
    const pings = servePing(echo);
    await mount();
    await clock.tickAsync(540_000);
    await until(() => pings.requests.length === 1);
    const request = pings.requests[0];
    expect(request.method).to.equal('GET');
    expect(request.headers.get('X-Requested-With')).to.equal('XMLHttpRequest');
    expect(request.cache).to.equal('no-store');
    expect(request.credentials).to.equal('same-origin');
  });

  it('adopts more recent activity the server knows of: no warning', async () => {
    const pings = servePing(() => 30);
    const el = await mount();
    const warnings = record(el, 'session-security-warn');
    await clock.tickAsync(540_000);
    await until(() => el.controller.last === Date.now() - 30_000, 'adoption');
    expect(warnings).to.have.length(0);
    expect(dialogOf(el).open).to.equal(false);
    expect(pings.idleFor).to.deep.equal([540]);
  });

  it('expires at once on "logout": cancelable event, page hidden, goes to return-to-url', async () => {
    servePing(() => 'logout');
    const el = await mount();
    const expiries = record<{ reason: string }>(el, 'session-security-expire');
    await clock.tickAsync(540_000);
    await until(() => expiries.length === 1, 'expire event');
    expect(expiries[0].cancelable).to.equal(true);
    expect(expiries[0].detail).to.deep.equal({ reason: 'logout', cause: 'local', unsavedChanges: false });
    expect(pageHidden()).to.equal(true);
    expect(navigate.calledOnceWithExactly(new URL('/login/', location.href).href)).to.equal(true);
    await el.updateComplete;
    expect(dialogOf(el).open, 'the signed-out message stays visible').to.equal(true);
    expect(getComputedStyle(dialogOf(el)).visibility).to.equal('visible');
  });

  it('reloads when no return-to-url is set, and does nothing when the expire event is cancelled', async () => {
    servePing(() => 'logout');
    const el = await mount('');
    await clock.tickAsync(540_000);
    await until(() => navigate.called, 'navigation');
    expect(navigate.firstCall.args).to.deep.equal([undefined]);

    navigate.resetHistory();
    el.remove(); // whoever removes the element takes over the page: it is shown again
    expect(pageHidden()).to.equal(false);
    const other = await fixture<SessionSecurity>(html`<session-security user="u1" ping-url=${PING2}></session-security>`);
    await untilLeader(PING2);
    worker.use(http.get(PING2, () => HttpResponse.json('logout')));
    other.addEventListener('session-security-expire', (event) => event.preventDefault());
    const expiries = record(other, 'session-security-expire');
    await clock.tickAsync(540_000);
    await until(() => expiries.length === 1);
    expect(navigate.called).to.equal(false);
    expect(pageHidden()).to.equal(false);
  });

  it('never reveals a page another element hid', async () => {
    servePing(() => 'logout');
    const otherPings = servePing(echo, PING2);
    const el = await mount();
    const other = await fixture<SessionSecurity>(html`<session-security user="u1" ping-url=${PING2}></session-security>`);
    await untilLeader(PING2);
    await clock.tickAsync(540_000);
    await until(() => el.controller.phase === 'expired' && other.controller.phase === 'warning', 'one expired, one warning');
    other.extend();
    await until(() => otherPings.idleFor.length === 2 && other.controller.latest?.answer.kind === 'idle', 'the other one extended');
    await other.updateComplete;
    expect(pageHidden()).to.equal(true);
  });

  for (const [what, response, reason] of [
    ['an HTML login page answered with 200', () => new HttpResponse('<!doctype html><form action=/login>', { headers: { 'Content-Type': 'text/html' } }), 'unexpected-answer'],
    ['401', () => new HttpResponse(null, { status: 401 }), 'unauthorized'],
    ['419 (Laravel)', () => new HttpResponse(null, { status: 419 }), 'unauthorized'],
    ['a redirect to the login page', () => new HttpResponse(null, { status: 302, headers: { Location: '/login/' } }), 'redirected'],
  ] as const) {
    it(`treats ${what} as the session gone`, async () => {
      servePing(response);
      const el = await mount();
      const expiries = record<{ reason: string }>(el, 'session-security-expire');
      await clock.tickAsync(540_000);
      await until(() => expiries.length === 1, 'expire event');
      expect(expiries[0].detail.reason).to.equal(reason);
      expect(pageHidden()).to.equal(true);
    });
  }

  it('on 500 fires ping-error, warns from local activity, and never extends', async () => {
    const pings = servePing(() => new HttpResponse('oops', { status: 500 }));
    const el = await mount();
    const errors = record<{ reason: string }>(el, 'session-security-ping-error');
    const warnings = record(el, 'session-security-warn');
    const expiries = record<{ reason: string }>(el, 'session-security-expire');
    await clock.tickAsync(540_000);
    await until(() => warnings.length === 1, 'warning');
    expect(errors.map((e) => e.detail.reason)).to.deep.equal(['HTTP 500']);
    await clock.tickAsync(60_000);
    await until(() => expiries.length === 1, 'expiry');
    expect(pings.idleFor).to.deep.equal([540, 600]);
    expect(expiries[0].detail.reason).to.equal('expired');
    expect(navigate.calledOnce).to.equal(true);
  });

  it('gives up on a hanging ping after ping-timeout seconds', async () => {
    let entered = 0;
    servePing(() => (entered++, 'hang'));
    const el = await mount();
    el.pingTimeout = 5;
    await el.updateComplete;
    const errors = record<{ reason: string }>(el, 'session-security-ping-error');
    await clock.tickAsync(540_000);
    await until(() => entered === 1, 'the handler to be entered');
    await clock.tickAsync(4_999);
    expect(errors).to.have.length(0);
    await clock.tickAsync(1);
    await until(() => errors.length === 1, 'ping-error');
    expect(errors[0].detail.reason).to.equal('timeout');
  });

  it('expires at once when the clock jumps past expiry and the page becomes visible', async () => {
    servePing(echo);
    const el = await mount();
    const expiries = record(el, 'session-security-expire');
    clock.setSystemTime(Date.now() + 2 * 3_600_000);
    document.dispatchEvent(new Event('visibilitychange'));
    expect(pageHidden(), 'hidden before the server answers').to.equal(true);
    await until(() => expiries.length === 1, 'expiry');
    expect(navigate.calledOnce).to.equal(true);
  });

  describe("the server's word from the start", () => {
    it('without a user attribute: one ping at start, which names the user', async () => {
      const url = `${PING}/start`; // its own: no other test's late ping lands here
      const pings = servePing(() => ({ idleFor: 0, user: 'alice' }), url);
      const el = await fixture<SessionSecurity>(html`<session-security ping-url=${url}></session-security>`);
      await until(() => el.controller.user === 'alice', 'the user from the start ping');
      expect(pings.idleFor).to.deep.equal([0]);
    });

    it('with a user attribute and usable times: no ping before the first deadline', async () => {
      const pings = servePing(echo);
      const el = await mount();
      await clock.tickAsync(539_000);
      expect(pings.idleFor).to.deep.equal([]);
      expect(el.controller.user).to.equal('u1');
    });

    it('a typo in expire-after: asks at start and obeys the per-user times at once', async () => {
      const error = stub(console, 'error');
      try {
        const pings = servePing(() => ({ idleFor: 0, user: 'u1', warnAfter: 30, expireAfter: 60 }));
        const el = await fixture<SessionSecurity>(html`<session-security user="u1" ping-url=${PING} warn-after="30" expire-after="6O"></session-security>`);
        await until(() => pings.idleFor.length === 1 && el.timeoutSeconds === 60, 'the server times');
        expect(String(error.args[0]?.[0])).to.contain('expire-after');
      } finally {
        error.restore();
      }
    });
  });

  describe('back from the back/forward cache', () => {
    const fromCache = () => window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));

    it('after signing out in this tab: hidden at once, asks the server, never shown again', async () => {
      let signedOut = false;
      const pings = servePing((idleFor) => (signedOut ? 'logout' : idleFor));
      const el = await mount();
      const expiries = record(el, 'session-security-expire');
      await clock.tickAsync(20_000);
      signedOut = true; // the header's "Sign out", then Back
      fromCache();
      expect(pageHidden(), 'hidden before any answer').to.equal(true);
      await until(() => expiries.length === 1, 'expiry');
      expect(pings.idleFor).to.deep.equal([20]);
      expect(pageHidden()).to.equal(true);
    });

    /** A framework re-rendering: the element leaves the DOM and comes back elsewhere, before any answer. */
    const move = async (el: SessionSecurity) => {
      const box = document.createElement('div');
      el.parentElement!.append(box);
      box.append(el);
      await el.updateComplete;
    };

    it('moved in the DOM while checking, the session ended meanwhile: still hidden, and never shown again', async () => {
      let signedOut = false;
      servePing((idleFor) => (signedOut ? 'logout' : idleFor));
      const el = await mount();
      const expiries = record(el, 'session-security-expire');
      await clock.tickAsync(20_000);
      signedOut = true;
      fromCache();
      await move(el);
      expect(pageHidden(), 'hidden after the move, before any answer').to.equal(true);
      await until(() => expiries.length === 1, 'expiry');
      expect(pageHidden()).to.equal(true);
    });

    it('moved in the DOM while checking, the session alive: shown again once the server answered', async () => {
      servePing(echo);
      const el = await mount();
      await clock.tickAsync(20_000);
      fromCache();
      await move(el);
      expect(pageHidden(), 'hidden after the move, before any answer').to.equal(true);
      await until(() => !pageHidden(), 'shown again');
      expect(el.controller.phase).to.equal('active');
    });

    it('with the session alive: shown again once the server answered', async () => {
      const pings = servePing(echo);
      await mount();
      await clock.tickAsync(20_000);
      fromCache();
      expect(pageHidden()).to.equal(true);
      await until(() => !pageHidden(), 'shown again');
      expect(pings.idleFor).to.deep.equal([20]);
    });
  });

  it('extends on activity during the warning: extend event, dialog closed, ping with idleFor 0', async () => {
    const pings = servePing(echo);
    const el = await mount();
    const extensions = record(el, 'session-security-extend');
    await clock.tickAsync(540_000);
    await until(() => el.controller.phase === 'warning');
    await clock.tickAsync(10_000); // only once answered: ticking on would time the ping out
    await sendMouse({ type: 'move', position: [3, 3] });
    expect(extensions).to.have.length(1);
    await until(() => pings.idleFor.length === 2, 'extend ping');
    await el.updateComplete;
    expect(dialogOf(el).open).to.equal(false);
    expect(pings.idleFor).to.deep.equal([540, 0]);
  });

  it('does not extend on what it takes to choose "Sign out now": Tab, the pointer over the dialog, a tap starting', async () => {
    const pings = servePing(echo);
    const el = await mount();
    el.logoutUrl = '/logout';
    await warned(clock, el);
    const d = dialogOf(el);
    const box = d.getBoundingClientRect();
    // A corner of the dialog's padding: inside the box, on no control.
    const inside: [number, number] = [Math.ceil(box.left) + 4, Math.ceil(box.top) + 4];
    // The test page must stay: "Sign out now" submits nowhere here.
    d.querySelector('form')!.addEventListener('submit', (event) => event.preventDefault());
    const steps: Array<[string, () => Promise<unknown>]> = [
      ['Tab to "Sign out now"', () => sendKeys({ press: 'Tab' })],
      ['Enter on "Sign out now"', () => sendKeys({ press: 'Enter' })],
      ['the pointer moving over the dialog', () => sendMouse({ type: 'move', position: inside })],
      ['a press starting', () => sendMouse({ type: 'down' })],
    ];
    for (const [what, step] of steps) {
      await step();
      await clock.tickAsync(1000);
      expect(el.controller.phase, what).to.equal('warning');
    }
    await sendMouse({ type: 'up' });
    expect(el.controller.phase, 'the click of a tap or a press').to.equal('active');
    await until(() => pings.idleFor.length === 2, 'extend ping');
  });

  it('extends on a pointer move outside the dialog box', async () => {
    const pings = servePing(echo);
    const el = await mount();
    await warned(clock, el);
    await sendMouse({ type: 'move', position: [2, 2] });
    expect(el.controller.phase).to.equal('active');
    await until(() => pings.idleFor.length === 2, 'extend ping');
  });

  it('extends from the button and from Escape', async () => {
    const pings = servePing(echo);
    const el = await mount();
    await warned(clock, el);
    dialogOf(el).querySelector('button')!.click();
    expect(el.controller.phase).to.equal('active');
    await until(() => pings.idleFor.length === 2, 'extend ping');
    await warned(clock, el);
    dialogOf(el).dispatchEvent(new Event('cancel', { cancelable: true }));
    expect(el.controller.phase).to.equal('active');
    // Let the extend ping land here, not in the next test's handler.
    await until(() => pings.idleFor.length === 4, 'second extend ping');
    expect(pings.idleFor).to.deep.equal([540, 0, 540, 0]);
  });

  describe('what counts as a person', () => {
    /** A panel that scrolls, and the element. */
    const mountWithPanel = async () => {
      const el = await mount();
      const panel = await fixture<HTMLElement>(html`<div tabindex="0" style="height:50px;overflow:auto"><div style="height:5000px"></div></div>`);
      return { el, panel };
    };

    it('a page scrolling itself with nobody at it warns and expires on time', async () => {
      const pings = servePing((idleFor) => (idleFor >= 600 ? 'logout' : idleFor));
      const { el, panel } = await mountWithPanel();
      const expiries = record(el, 'session-security-expire');
      // A live feed: the page scrolls itself every 10 s (real, trusted scroll events).
      for (let t = 0; t < 540; t += 10) {
        panel.scrollTop += 20;
        await macrotask(); // the scroll event fires at the next rendering step
        await clock.tickAsync(10_000);
      }
      await until(() => el.controller.phase === 'warning', 'warning on time');
      expect(pings.idleFor).to.deep.equal([540]);
      await clock.tickAsync(60_000);
      await until(() => expiries.length === 1, 'expiry on time');
      expect(pings.idleFor).to.deep.equal([540, 600]);
    });

    it("ignores a script's events: synthetic keys and pointer moves are not a person", async () => {
      const el = await mount();
      const last = el.controller.last;
      await clock.tickAsync(5_000);
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
      document.body.dispatchEvent(new PointerEvent('pointermove', { bubbles: true, composed: true }));
      expect(el.controller.last).to.equal(last);
    });

    it('counts a person scrolling with the keys', async () => {
      const { el, panel } = await mountWithPanel();
      panel.focus();
      await clock.tickAsync(100_000);
      await sendKeys({ press: 'PageDown' });
      expect(el.controller.last).to.equal(Date.now());
    });

    it('counts a person turning the wheel over a panel', async () => {
      const { el, panel } = await mountWithPanel();
      const box = panel.getBoundingClientRect();
      await clock.tickAsync(100_000);
      await executeServerCommand('wheel', { x: Math.round(box.left + 10), y: Math.round(box.top + 10), deltaY: 100 });
      await until(() => el.controller.last === Date.now(), 'the wheel counted');
    });

    it('counts the activity() method, reported before the server would end the session', async () => {
      const pings = servePing(echo);
      const el = await mount();
      await clock.tickAsync(200_000);
      el.activity();
      expect(el.controller.last).to.equal(Date.now());
      await clock.tickAsync(388_000); // load + expire-after - (ping-timeout + 2 s)
      await until(() => pings.idleFor.length === 1);
      expect(pings.idleFor).to.deep.equal([388]);
    });

    it('throttles the activity handler to about once a second', async () => {
      const el = await mount();
      await clock.tickAsync(5_000);
      await sendKeys({ press: 'Shift' });
      const first = el.controller.last;
      expect(first).to.equal(Date.now());
      await clock.tickAsync(500);
      await sendKeys({ press: 'Shift' });
      expect(el.controller.last).to.equal(first);
      await clock.tickAsync(500);
      await sendKeys({ press: 'Shift' });
      expect(el.controller.last).to.equal(first + 1000);
    });
  });

  describe('bad attributes', () => {
    let error: SinonStub;
    beforeEach(() => (error = stub(console, 'error')));
    afterEach(() => error.restore());
    const logged = () => error.args.map((a) => String(a[0])).join('\n');

    for (const [attribute, value] of [
      ['warn-after', 'soon'],
      ['warn-after', '-5'],
      ['warn-after', '0'],
      ['expire-after', 'Infinity'],
      ['expire-after', '500'], // not above warn-after
    ]) {
      it(`${attribute}="${value}": a console error naming it, and the defaults`, async () => {
        servePing(echo);
        const el = await fixture<SessionSecurity>(html`<session-security user="u1" ping-url=${PING} warn-after="540"></session-security>`);
        el.setAttribute(attribute, value);
        await el.updateComplete;
        expect(logged()).to.contain(attribute);
        expect(el.controller.times).to.deep.equal({ warnAfter: 540, expireAfter: 600 });
      });
    }

    for (const value of ['javascript:alert(1)', 'data:text/plain,0', 'http://[::1', '']) {
      it(`ping-url="${value}": a console error, pings fail locally and never extend`, async () => {
        const el = await fixture<SessionSecurity>(html`<session-security user="u1" ping-url=${value}></session-security>`);
        const errors = record(el, 'session-security-ping-error');
        expect(logged()).to.contain('ping-url');
        await clock.tickAsync(540_000);
        await until(() => errors.length === 1);
        expect(el.controller.phase).to.equal('warning');
      });
    }

    it('return-to-url="javascript:..." is refused: the page reloads instead', async () => {
      servePing(() => 'logout');
      const el = await mount('javascript:alert(1)');
      expect(logged()).to.contain('return-to-url');
      await clock.tickAsync(540_000);
      await until(() => navigate.called);
      expect(navigate.firstCall.args).to.deep.equal([undefined]);
      el.remove();
    });

    it('a warning window under 20 s is obeyed with a console warning', async () => {
      const warn = stub(console, 'warn');
      try {
        const el = await fixture<SessionSecurity>(html`<session-security user="u1" ping-url=${PING} warn-after="50" expire-after="60"></session-security>`);
        expect(warn.args.map((a) => String(a[0])).join()).to.contain('WCAG 2.2.1');
        expect(el.controller.times).to.deep.equal({ warnAfter: 50, expireAfter: 60 });
      } finally {
        warn.restore();
      }
    });
  });

  it('reflects attributes to properties and back, and applies changes at once', async () => {
    const pings = servePing(echo);
    const el = await mount();
    expect(el.pingUrl).to.equal(PING);
    expect(el.getAttribute('warn-after')).to.equal('540');
    el.warnAfter = 60;
    el.expireAfter = 120;
    await el.updateComplete;
    expect(el.getAttribute('expire-after')).to.equal('120');
    await clock.tickAsync(60_000);
    await until(() => pings.idleFor.length === 1);
    expect(pings.idleFor).to.deep.equal([60]);
    expect(el.timeoutSeconds).to.equal(120);
  });

  it('stops everything when removed and starts again when put back', async () => {
    const pings = servePing(echo);
    const el = await mount();
    const parent = el.parentNode!;
    el.remove();
    expect(clock.countTimers(), 'no timer left').to.equal(0);
    const last = el.controller.last;
    await clock.tickAsync(5_000);
    await sendKeys({ press: 'Shift' });
    expect(el.controller.last, 'no listener left').to.equal(last);
    await clock.tickAsync(600_000);
    expect(pings.idleFor).to.deep.equal([]);
    parent.appendChild(el);
    await until(() => pings.idleFor.length === 1, 'ping after re-insertion');
    expect(pings.idleFor).to.deep.equal([605]);
  });

  it('two elements with one ping-url: a console warning; they act as two tabs, one ping, both warn', async () => {
    const warn = stub(console, 'warn');
    try {
      const pings = servePing(echo);
      const first = await mount();
      const second = await mount();
      expect(warn.args.map((a) => String(a[0])).join()).to.contain('another element');
      await clock.tickAsync(540_000);
      await until(() => first.controller.phase === 'warning' && second.controller.phase === 'warning');
      expect(pings.idleFor).to.deep.equal([540]);
    } finally {
      warn.restore();
    }
  });
});
