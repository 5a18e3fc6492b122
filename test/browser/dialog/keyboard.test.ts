/** The dialog with the keyboard alone: where focus starts, goes and returns, and what each key does. */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { SessionSecurity } from '../../../src/session-security.js';
import { PING, echo, servePing, until, warned, worker } from '../../helpers.js';
import { deepActive, dialogOf, expireNow, extendPingLanded, focusedInside, label, mount, referenced, shiftTab, squash, useDialogTest } from './helpers.js';

describe('<session-security> dialog accessibility: keyboard', () => {
  const test = useDialogTest();

  describe('a key that extends', () => {
    for (const key of ['Enter', 'Escape']) {
      it(`${key}, with focus two shadow roots deep: starts on "Stay signed in", extends, focus goes back there`, async () => {
        const pings = servePing(echo);
        const { el, inner, submits } = await mount();
        inner.focus();
        expect(label(deepActive())).to.equal(label(inner));
        await warned(test.clock, el);
        expect(label(document.activeElement), 'focus is in the element').to.equal(label(el));
        expect(focusedInside(el)?.textContent).to.equal('Stay signed in');
        await sendKeys({ press: key });
        await el.updateComplete;
        expect(el.controller.phase).to.equal('active');
        expect(dialogOf(el).open).to.equal(false);
        expect(label(deepActive()), 'focus back in the inner field').to.equal(label(inner));
        await extendPingLanded(pings, 2);
        expect(inner.value, 'no key reached the page').to.equal('');
        expect(submits).to.have.length(0);
      });
    }

    it('Enter does nothing else: no form submitted, focus back on the page input', async () => {
      const pings = servePing(echo);
      const { el, pageInput, submits } = await mount();
      pageInput.focus();
      await warned(test.clock, el);
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(el.controller.phase).to.equal('active');
      expect(label(deepActive())).to.equal(label(pageInput));
      expect(submits, 'Enter did not submit the page form').to.have.length(0);
      await extendPingLanded(pings, 2);
    });

    it('a letter does nothing else: it is not typed into the page', async () => {
      const pings = servePing(echo);
      const { el, pageInput } = await mount();
      pageInput.focus();
      await warned(test.clock, el);
      await sendKeys({ press: 'x' });
      await el.updateComplete;
      expect(el.controller.phase).to.equal('active');
      expect(pageInput.value, 'the key was not typed into the page').to.equal('');
      await extendPingLanded(pings, 2);
    });

    it('Space does nothing else: it does not press the page button that had focus', async () => {
      const pings = servePing(echo);
      const { el, pageButton } = await mount();
      let clicks = 0;
      pageButton.addEventListener('click', () => clicks++);
      pageButton.focus();
      await warned(test.clock, el);
      await sendKeys({ press: ' ' });
      await el.updateComplete;
      expect(el.controller.phase).to.equal('active');
      expect(label(deepActive())).to.equal(label(pageButton));
      expect(clicks, 'Space did not press the page button').to.equal(0);
      await extendPingLanded(pings, 2);
    });
  });

  describe('Tab while warning', () => {
    it("moves between the dialog's buttons without extending, never to the page behind", async () => {
      servePing(echo);
      const { el, pageInput, pageButton } = await mount();
      pageInput.focus();
      await warned(test.clock, el);
      await sendKeys({ press: 'Tab' });
      await el.updateComplete;
      // Tab moves between the dialog's buttons (to reach "Sign out now"): no reason to stay.
      expect(el.controller.phase, 'Tab does not extend').to.equal('warning');
      const active = deepActive();
      expect(active === pageInput || active === pageButton, 'Tab never reaches the page behind').to.equal(false);
    });

    it('then Escape extends and puts focus back where the user was', async () => {
      const pings = servePing(echo);
      const { el, pageInput } = await mount();
      pageInput.focus();
      await warned(test.clock, el);
      await sendKeys({ press: 'Tab' });
      await el.updateComplete;
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(el.controller.phase).to.equal('active');
      expect(label(deepActive()), 'focus back where the user was').to.equal(label(pageInput));
      await extendPingLanded(pings, 2);
    });
  });

  it('signed back in after the browser closed and reopened the dialog: focus goes back where it was', async () => {
    // Browsers restore focus themselves when a modal dialog closes, to where it was when
    // it opened: here the dialog opened twice, the second time with the page hidden and
    // nothing focused; the element remembers where the user really was.
    let server: unknown = 0;
    servePing(() => (server === 0 ? { idleFor: 0, user: 'u1' } : server));
    const { el, inner } = await mount({ login: true });
    await test.clock.tickAsync(60_000); // a first ping: the server saw activity, and names the user
    await until(() => el.controller.named, 'the server names the user');
    inner.focus();
    server = 'logout';
    await test.clock.tickAsync(60_000);
    await until(() => el.controller.phase === 'expired', 'expiry');
    await el.updateComplete;
    dialogOf(el).close();
    await until(() => dialogOf(el).open, 'the dialog to open again');
    expect(label(focusedInside(el))).to.equal('button[part="button sign-in"]');
    server = { idleFor: 0, user: 'u1' };
    window.dispatchEvent(new Event('focus')); // back from the sign-in window: the element probes
    await until(() => el.controller.phase === 'active', 'resumed');
    await el.updateComplete;
    expect(dialogOf(el).open).to.equal(false);
    expect(label(deepActive()), 'focus back in the inner field').to.equal(label(inner));
  });

  describe('after expiry, with a sign-in', () => {
    /** Expired, with the page shown again so that only the modal dialog keeps focus in. */
    async function expired() {
      const mounted = await mount({ login: true });
      await expireNow(test.clock, mounted.el);
      document.documentElement.style.removeProperty('visibility');
      return mounted;
    }

    it('Tab and Shift+Tab stay in the dialog, and focus is visible on its controls', async () => {
      const { el, pageControls } = await expired();
      // The controls focus landed on, and those of them the browser showed as focused.
      const seen = new Set<string>();
      const shown = new Set<string>();
      const check = (key: string) => {
        const active = document.activeElement;
        expect(pageControls.includes(active!), `after ${key}: focus went to the page behind (${label(active)})`).to.equal(false);
        // Past either end, focus leaves the document (body is the active element) and comes back.
        if (active !== el) return;
        const inside = el.shadowRoot!.activeElement!;
        const name = inside.textContent!.trim();
        expect(dialogOf(el).contains(inside), `after ${key}: focus inside the dialog`).to.equal(true);
        seen.add(name);
        // Firefox does not match :focus-visible on the control focus lands on when it comes
        // back from outside the document with Shift+Tab: there the browser shows no focus,
        // whatever the CSS; everywhere else :focus-visible must draw a 2 px+ outline.
        if (!inside.matches(':focus-visible')) return;
        shown.add(name);
        const style = getComputedStyle(inside);
        expect(style.outlineStyle, `after ${key}: outline on "${name}"`).to.not.equal('none');
        expect(parseFloat(style.outlineWidth), `after ${key}: outline width on "${name}"`).to.be.at.least(2);
      };
      expect(focusedInside(el)?.textContent, 'initial focus').to.equal('Sign in again');
      await sendKeys({ press: 'Tab' });
      expect(focusedInside(el)?.textContent).to.equal('Go to the sign-in page');
      await shiftTab();
      expect(focusedInside(el)?.textContent, 'Shift+Tab goes back').to.equal('Sign in again');
      for (let i = 0; i < 5; i++) {
        await sendKeys({ press: 'Tab' });
        check('Tab');
      }
      for (let i = 0; i < 5; i++) {
        await shiftTab();
        check('Shift+Tab');
      }
      expect([...seen].sort()).to.deep.equal(['Go to the sign-in page', 'Sign in again']);
      // Firefox does not always count a control reached by Tab from outside the document as
      // keyboard focus (see above): there, one outlined control is what can be required.
      if (navigator.userAgent.includes('Firefox')) expect(shown.size, 'keyboard focus shown').to.be.at.least(1);
      else expect([...shown].sort(), 'keyboard focus shown on every control').to.deep.equal(['Go to the sign-in page', 'Sign in again']);
    });

    it('Escape cannot dismiss the dialog', async () => {
      const { el } = await expired();
      for (let i = 0; i < 3; i++) {
        await sendKeys({ press: 'Escape' });
        await el.updateComplete;
        expect(dialogOf(el).open, `after Escape #${i + 1}`).to.equal(true);
      }
    });

    it('closed by the browser, the dialog comes back with focus on "Sign in again"', async () => {
      // However the browser closes it (Chromium does on a repeated close request, such as
      // Android's Back, whatever cancel says), the dialog comes back while there is no session.
      const { el } = await expired();
      dialogOf(el).close();
      await until(() => dialogOf(el).open, 'the dialog to open again');
      expect(focusedInside(el)?.textContent).to.equal('Sign in again');
    });
  });

  describe('when the warning runs out, focus moves to the new content', () => {
    /** Warned with focus on the page input, then the session ends on the server. */
    async function runOut(login: boolean): Promise<SessionSecurity> {
      const pingUrl = `${PING}/runs-out-${login}`;
      servePing(echo, pingUrl);
      const { el, pageInput } = await mount({ login, pingUrl, warnAfter: 60, expireAfter: 90 });
      pageInput.focus();
      await warned(test.clock, el);
      expect(focusedInside(el)?.textContent).to.equal('Stay signed in');
      worker.resetHandlers();
      servePing(() => 'logout', pingUrl);
      await test.clock.tickAsync(30_000);
      await until(() => el.controller.phase === 'expired', 'expiry');
      await el.updateComplete;
      expect(dialogOf(el).open).to.equal(true);
      return el;
    }

    it('the signed-out dialog, which says so once and then does not change', async () => {
      const el = await runOut(false);
      const dialog = dialogOf(el);
      expect(referenced(dialog, 'aria-labelledby')).to.equal('You have been signed out');
      expect(label(focusedInside(el)), 'focus on the dialog, which reads out its new name').to.equal(label(dialog));
      // "Signed out" is said once: one status, and nothing in the dialog changes after.
      const statuses = [...dialog.querySelectorAll('[role=status], [role=alert], [aria-live]')].map((node) => squash(node.textContent!));
      expect(statuses).to.deep.equal(['Your session has ended.']); // a plain "logout" answer
      let changes = 0;
      const observer = new MutationObserver((records) => (changes += records.length));
      observer.observe(dialog, { characterData: true, childList: true, subtree: true, attributes: true });
      await test.clock.tickAsync(10_000);
      await el.updateComplete;
      changes += observer.takeRecords().length;
      observer.disconnect();
      expect(changes, 'no change after expiry').to.equal(0);
    });

    it('"Sign in again", with a sign-in', async () => {
      const el = await runOut(true);
      expect(referenced(dialogOf(el), 'aria-labelledby')).to.equal('Sign in to continue');
      expect(focusedInside(el)?.textContent, 'focus on the new primary control').to.equal('Sign in again');
    });
  });

  it('when the element that had focus is gone, closing puts focus somewhere sensible, without error', async () => {
    const pings = servePing(echo);
    const { el, pageInput } = await mount();
    const errors: unknown[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.error);
    window.addEventListener('error', onError);
    try {
      pageInput.focus();
      await warned(test.clock, el);
      pageInput.remove();
      dialogOf(el).querySelector('button')!.click();
      await el.updateComplete;
      expect(dialogOf(el).open).to.equal(false);
      expect(errors).to.deep.equal([]);
      expect(label(document.activeElement), 'focus not left in the closed dialog').to.equal('body');
      await extendPingLanded(pings, 2);
    } finally {
      window.removeEventListener('error', onError);
    }
  });
});
