/**
 * Issue "Nothing lost": the unsaved-form confirm, and signing back in without losing the
 * page. The page under test is a tab (test/tab-harness.ts), where firing beforeunload is safe.
 */
import { expect } from '@open-wc/testing';
import { stub, type SinonFakeTimers } from 'sinon';
import { en } from '../../src/i18n/en.js';
import { PING, fakeClock, nextPing, record, servePing, startWorker, until, worker, type PingLog } from '../helpers.js';
import { askedToLeave, closeTab, openTab, untilOneLeads, type Tab } from '../tab-harness.js';

/** What the fake server says: alive as some user, or gone. */
let server: { user?: string; gone: boolean; token?: string };

function serveSession(): PingLog {
  return servePing((idleFor) => {
    if (server.gone) return 'logout';
    return { idleFor: Math.max(0, idleFor), user: server.user, csrfToken: server.token };
  });
}

describe('keeping users’ work', () => {
  let clock: SinonFakeTimers;
  let tab: Tab | undefined;

  before(startWorker);
  beforeEach(() => {
    nextPing(); // this test's own session: no late ping of the previous test lands here
    clock = fakeClock();
    server = { user: 'u1', gone: false, token: 't1' };
  });
  afterEach(() => {
    if (tab) closeTab(tab);
    tab = undefined;
    clock.restore();
    worker.resetHandlers();
    localStorage.clear();
    sessionStorage.clear();
  });

  /** A page with the form; `user`: the user it was rendered for ('' for none: it asks at start). */
  const page = async (attributes: Partial<Record<'login' | 'noConfirm' | 'popup', boolean>> = {}, user = 'u1') => {
    tab = await openTab({
      body: `<meta name="csrf-token" content="t1">
        <form id="work" action="/save" method="post">
          <input type="hidden" name="csrfmiddlewaretoken" value="t1">
          <textarea name="secret"></textarea>
        </form>
        <form data-session-security-ignore><input name="q"></form>
        <session-security ${user ? `user="${user}"` : ''} ping-url="${PING}" return-to-url="/login/"
          ${attributes.login ? 'login-url="/login/"' : ''}
          login-mode="${attributes.popup ? 'popup' : 'frame'}"
          ${attributes.noConfirm ? 'no-leave-confirm' : ''}></session-security>`,
    });
    await untilOneLeads([tab]);
    const { el, win } = tab;
    const doc = win.document;
    const textarea = doc.querySelector('textarea')!;
    const current = tab;
    return {
      tab: current,
      el,
      win,
      doc,
      textarea,
      type(text: string, field: HTMLInputElement | HTMLTextAreaElement = textarea) {
        field.value = text;
        field.dispatchEvent(new win.Event('input', { bubbles: true }));
      },
      shadow: (selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector),
      hidden: () => win.getComputedStyle(doc.body).visibility === 'hidden',
      focus: () => win.dispatchEvent(new win.Event('focus')),
      asked: () => askedToLeave(current),
    };
  };

  describe('unsaved-form confirm', () => {
    it('asks before leaving a page with a changed form, and reports unsaved changes', async () => {
      const { el, type, asked } = await page();
      expect(el.unsavedChanges).to.equal(false);
      expect(asked()).to.equal(false);
      type('half a report');
      expect(el.unsavedChanges).to.equal(true);
      expect(asked()).to.equal(true);
    });

    it('never counts forms marked data-session-security-ignore', async () => {
      const { el, doc, type, asked } = await page();
      type('x', doc.querySelector<HTMLInputElement>('input[name=q]')!);
      expect(el.unsavedChanges).to.equal(false);
      expect(asked()).to.equal(false);
    });

    it('does not ask when the element itself navigates at expiry; the expire event tells of unsaved changes', async () => {
      serveSession();
      const { el, type, asked, tab } = await page();
      const expiries = record<{ unsavedChanges: boolean }>(el, 'session-security-expire');
      type('draft');
      server.gone = true;
      await clock.tickAsync(540_000);
      await until(() => tab.navigations.length === 1, 'navigation at expiry');
      expect(expiries[0].detail.unsavedChanges).to.equal(true);
      expect(asked()).to.equal(false);
    });

    it('no-leave-confirm turns the confirm off but still reports unsaved changes', async () => {
      const { el, type, asked } = await page({ noConfirm: true });
      type('draft');
      expect(asked()).to.equal(false);
      expect(el.unsavedChanges).to.equal(true);
    });

    it('stops guarding when the element is removed', async () => {
      const { el, type, asked } = await page();
      el.remove();
      type('draft');
      expect(asked()).to.equal(false);
    });
  });

  describe('signing back in', () => {
    /** Warns as user u1, then the server forgets the session and the element expires. */
    async function expireInPlace(p: Awaited<ReturnType<typeof page>>) {
      const pings = serveSession();
      p.type('a long answer typed before the timeout');
      await clock.tickAsync(540_000);
      await until(() => p.el.controller.phase === 'warning', 'warning');
      server.gone = true;
      await clock.tickAsync(60_000);
      await until(() => p.shadow('[part~=sign-in]') !== null, 'the sign-in dialog');
      return { ...p, pings };
    }

    it('keeps the page hidden and in memory at expiry, and offers to sign in again', async () => {
      const { el, shadow, hidden, tab } = await expireInPlace(await page({ login: true }));
      expect(tab.navigations).to.deep.equal([]);
      expect(hidden()).to.equal(true);
      expect(el.shadowRoot!.querySelector('dialog')!.open).to.equal(true);
      expect(shadow('#title')!.textContent).to.contain('Sign in');
      expect(el.shadowRoot!.textContent, 'the server names the user: the work is kept').to.contain(en.reloginMessage);
      expect(shadow('a[part~=link]')!.getAttribute('href')).to.equal(new URL('/login/', location.href).href);
      expect(localStorage.length + sessionStorage.length, 'nothing written to storage').to.equal(0);
    });

    it('the same user resumes in place: the form keeps its values and gets the fresh CSRF token', async () => {
      const { el, shadow, textarea, pings, hidden, focus, doc, tab } = await expireInPlace(await page({ login: true }));
      const resumes = record<{ csrfToken: string; user: string }>(el, 'session-security-resume');
      shadow('[part~=sign-in]')!.click();
      await el.updateComplete;
      const frame = shadow('iframe') as HTMLIFrameElement;
      expect(frame.src).to.equal(new URL('/login/', location.href).href);
      // Still signed out when the login page loads: the page stays hidden.
      await until(() => pings.idleFor.length >= 3, 'a probe after the frame loads');
      expect(hidden()).to.equal(true);
      // The user signs in (in the frame); the next probe sees the session.
      Object.assign(server, { gone: false, token: 't2' });
      focus();
      await until(() => resumes.length === 1, 'resume');
      expect(resumes[0].detail).to.include({ csrfToken: 't2', user: 'u1' });
      expect(hidden()).to.equal(false);
      expect(textarea.value).to.equal('a long answer typed before the timeout');
      expect(doc.querySelector<HTMLInputElement>('input[name=csrfmiddlewaretoken]')!.value).to.equal('t2');
      expect(doc.querySelector('meta')!.content).to.equal('t2');
      expect(tab.navigations).to.deep.equal([]);
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('dialog')!.open).to.equal(false);
      expect(el.controller.phase).to.equal('active');
      expect(localStorage.length + sessionStorage.length).to.equal(0);
    });

    it('a different user gets a reloaded page, never the old one', async () => {
      const { shadow, el, focus, hidden, asked, tab } = await expireInPlace(await page({ login: true }));
      const resumes = record(el, 'session-security-resume');
      shadow('[part~=sign-in]')!.click();
      Object.assign(server, { gone: false, user: 'u2' });
      focus();
      await until(() => tab.navigations.length === 1, 'reload');
      expect(tab.navigations[0]).to.deep.equal([undefined]);
      expect(hidden()).to.equal(true);
      expect(resumes).to.have.length(0);
      expect(asked(), 'no confirm on the way out').to.equal(false);
    });

    it('a server that names no user gets a reloaded page', async () => {
      const { shadow, focus, hidden, tab } = await expireInPlace(await page({ login: true }));
      shadow('[part~=sign-in]')!.click();
      Object.assign(server, { gone: false, user: undefined });
      focus();
      await until(() => tab.navigations.length === 1, 'reload');
      expect(hidden()).to.equal(true);
    });

    it('against a server that names no user (django-session-security): the sign-in dialog says the page reloads, and promises no kept work', async () => {
      let gone = false;
      servePing((idleFor) => (gone ? 'logout' : Math.max(0, idleFor))); // integer answers, no user
      const p = await page({ login: true }, '');
      await clock.tickAsync(540_000);
      await until(() => p.el.controller.phase === 'warning', 'warning');
      gone = true;
      await clock.tickAsync(60_000);
      await until(() => p.shadow('[part~=sign-in]') !== null, 'the sign-in dialog');
      const text = p.el.shadowRoot!.textContent!;
      expect(text).to.contain(en.reloginReloadMessage);
      expect(text).not.to.contain(en.reloginMessage);
    });

    it('moved in the DOM while signed out (a framework re-rendering): still hidden, modal, and signing in works', async () => {
      const { el, shadow, hidden, focus, doc } = await expireInPlace(await page({ login: true }));
      const resumes = record(el, 'session-security-resume');
      const box = doc.createElement('div');
      doc.body.append(box);
      box.append(el); // disconnected, then connected again
      await el.updateComplete;
      expect(hidden(), 'the page stays hidden').to.equal(true);
      expect(el.shadowRoot!.querySelector('dialog')!.matches(':modal'), 'the dialog is modal again').to.equal(true);
      shadow('[part~=sign-in]')!.click();
      await el.updateComplete;
      expect(shadow('iframe'), '"Sign in again" works').not.to.equal(null);
      server.gone = false;
      focus();
      await until(() => resumes.length === 1, 'resume');
    });

    it('cancelling the sign-in keeps the page hidden, with the way to the login page', async () => {
      const { shadow, el, hidden } = await expireInPlace(await page({ login: true }));
      shadow('[part~=sign-in]')!.click();
      await el.updateComplete;
      shadow('[part~=cancel]')!.click();
      await el.updateComplete;
      expect(shadow('iframe')).to.equal(null);
      expect(shadow('[part~=sign-in]')).not.to.equal(null);
      expect(shadow('a[part~=link]')).not.to.equal(null);
      expect(hidden()).to.equal(true);
    });

    for (const [how, rendered] of [
      ['rendered for alice', 'alice'],
      ['asking whose it is at start', ''],
    ]) {
      describe(`only the user who left it: a page ${how}`, () => {
        /** Alice types a draft; bob signs in from another tab before her page's first deadline. */
        async function bobSignsInElsewhere() {
          server.user = 'alice';
          const pings = serveSession();
          const alice = await page({ login: true }, rendered);
          if (!rendered) await until(() => alice.el.controller.user === 'alice', 'the start ping names alice');
          alice.type("alice's draft");
          const expiries = record<{ reason: string }>(alice.el, 'session-security-expire');
          await clock.tickAsync(30_000);
          server.user = 'bob';
          // Bob's page asks at start; its answer, relayed, makes alice's page ask itself.
          const bob = await openTab({ body: `<session-security ping-url="${PING}" login-url="/login/" login-mode="frame"></session-security>` });
          await until(() => expiries.length === 1, "alice's page ends");
          return { alice, bob, pings, expiries };
        }

        it('ends as replaced at once, hidden', async () => {
          const { alice, bob, expiries } = await bobSignsInElsewhere();
          expect(expiries[0].detail.reason).to.equal('replaced');
          expect(alice.hidden()).to.equal(true);
          expect(bob.el.controller.phase, "bob's own page lives on").to.equal('active');
          closeTab(bob);
        });

        it('is never resumed for bob signing in at its prompt: it reloads', async () => {
          const { alice, bob } = await bobSignsInElsewhere();
          const resumes = record(alice.el, 'session-security-resume');
          await until(() => alice.shadow('[part~=sign-in]') !== null, 'the sign-in dialog');
          alice.shadow('[part~=sign-in]')!.click();
          alice.focus();
          await until(() => alice.tab.navigations.length === 1, 'reload');
          expect(resumes).to.have.length(0);
          expect(alice.hidden()).to.equal(true);
          closeTab(bob);
        });

        it('resumes with her draft when alice signs back in', async () => {
          const { alice, bob } = await bobSignsInElsewhere();
          closeTab(bob);
          const resumes = record(alice.el, 'session-security-resume');
          await until(() => alice.shadow('[part~=sign-in]') !== null, 'the sign-in dialog');
          alice.shadow('[part~=sign-in]')!.click();
          server.user = 'alice';
          alice.focus();
          await until(() => resumes.length === 1, 'resume');
          expect(alice.textarea.value).to.equal("alice's draft");
          expect(alice.hidden()).to.equal(false);
        });
      });
    }

    it('ignores messages from other windows: only the server says who signed in', async () => {
      const { el, win, hidden, pings } = await expireInPlace(await page({ login: true }));
      const probes = pings.idleFor.length;
      win.postMessage({ type: 'session-security-signed-in', user: 'u1' }, '*');
      win.postMessage('signed-in', '*');
      for (let i = 0; i < 10; i++) await new Promise((r) => requestAnimationFrame(r));
      expect(el.controller.phase).to.equal('expired');
      expect(hidden()).to.equal(true);
      expect(pings.idleFor.length, 'not even a probe').to.equal(probes);
    });

    it('opens the login page in a popup without an opener by default', async () => {
      const p = await page({ login: true, popup: true });
      const popup = { opener: window as unknown, closed: false, close() {}, location: { href: 'about:blank' } };
      const open = stub(p.win, 'open').returns(popup as unknown as Window);
      try {
        const { shadow } = await expireInPlace(p);
        shadow('[part~=sign-in]')!.click();
        expect(open.firstCall.args[0]).to.equal('about:blank');
        expect(popup.opener).to.equal(null);
        expect(popup.location.href).to.equal(new URL('/login/', location.href).href);
      } finally {
        open.restore();
      }
    });

    it('says so when the popup is blocked', async () => {
      const p = await page({ login: true, popup: true });
      const open = stub(p.win, 'open').returns(null);
      try {
        const { shadow, el } = await expireInPlace(p);
        shadow('[part~=sign-in]')!.click();
        await el.updateComplete;
        expect(shadow('[role=alert]')!.textContent).to.contain('blocked');
      } finally {
        open.restore();
      }
    });
  });
});
