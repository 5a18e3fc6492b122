import { expect } from '@open-wc/testing';
import { render } from 'lit';
import type { LogoutReason } from '../src/core/protocol.js';
import { renderDialog, viewOf, type ViewModel } from '../src/dialog-view.js';
import { en } from '../src/i18n/en.js';
import type { Strings } from '../src/i18n/strings.js';

const noop = () => {};

/** The dialog's description (what aria-describedby="message" reads out), rendered in English. */
function message(model: Partial<ViewModel>): string {
  const host = document.createElement('div');
  render(
    renderDialog({
      view: 'expired',
      left: 0,
      locale: 'en',
      text: (key) => en[key],
      stay: noop,
      signOut: noop,
      signIn: noop,
      cancel: noop,
      frameLoaded: noop,
      ...model,
    }),
    host,
  );
  return host.querySelector('#message')!.textContent!.replace(/\s+/g, ' ').trim();
}

// Why the session ended, as the user reads it: four reasons of their own, one neutral text for the rest.
const why: [LogoutReason, keyof Strings][] = [
  ['expired', 'expiredMessage'],
  ['revoked', 'revokedMessage'],
  ['replaced', 'replacedMessage'],
  ['unauthorized', 'unauthorizedMessage'],
  ['redirected', 'endedMessage'],
  ['unexpected-answer', 'endedMessage'],
  ['logout', 'endedMessage'],
];

describe('renderDialog', () => {
  describe("view 'expired': the message", () => {
    for (const [reason, key] of why) {
      it(`says ${key} for reason ${reason}`, () => {
        expect(message({ view: 'expired', reason })).to.equal(en[key]);
      });
    }

    it('says expiredMessage without a reason, as before reasons were passed', () => {
      expect(message({ view: 'expired' })).to.equal(en.expiredMessage);
    });

    it('is a text a text-* attribute overrides, keyed by the reason', () => {
      const text = (key: keyof Strings) => (key === 'replacedMessage' ? 'Signed in on another device.' : en[key]);
      expect(message({ view: 'expired', reason: 'replaced', text })).to.equal('Signed in on another device.');
    });
  });

  describe("view 'relogin': the message", () => {
    for (const [reason, key] of why) {
      it(`opens with ${key} for reason ${reason}`, () => {
        expect(message({ view: 'relogin', reason, workKept: true })).to.equal(`${en[key]} ${en.reloginMessage}`);
      });
    }

    it('opens with expiredMessage without a reason', () => {
      expect(message({ view: 'relogin', workKept: true })).to.equal(`${en.expiredMessage} ${en.reloginMessage}`);
    });

    it('promises that unsaved work is kept when the server names the user (workKept)', () => {
      expect(message({ view: 'relogin', reason: 'expired', workKept: true })).to.contain(en.reloginMessage);
    });

    it('says the page reloads when the server names no user (workKept false)', () => {
      expect(message({ view: 'relogin', reason: 'expired', workKept: false })).to.equal(`${en.expiredMessage} ${en.reloginReloadMessage}`);
    });

    it('promises nothing about unsaved work when workKept is not given', () => {
      expect(message({ view: 'relogin', reason: 'expired' })).not.to.contain(en.reloginMessage);
    });
  });
});

describe('viewOf: which view the dialog shows', () => {
  const none = { pending: false, expiredHere: false };
  it('closed while active, the warning while warning', () => {
    expect(viewOf({ phase: 'active', checking: false }, none)).to.equal('closed');
    expect(viewOf({ phase: 'warning', checking: false }, none)).to.equal('warning');
  });

  it('checking whenever the server is asked past the deadline, whatever the phase', () => {
    for (const phase of ['active', 'warning', 'expired'] as const) expect(viewOf({ phase, checking: true }, { pending: true, expiredHere: true }), phase).to.equal('checking');
  });

  it('after expiry: sign in again while a sign-in is on offer, else signed out', () => {
    expect(viewOf({ phase: 'expired', checking: false }, { pending: true, expiredHere: true })).to.equal('relogin');
    expect(viewOf({ phase: 'expired', checking: false }, { pending: false, expiredHere: true })).to.equal('expired');
  });

  it('nothing after an expiry the page handles itself (it cancelled the expire event)', () => {
    expect(viewOf({ phase: 'expired', checking: false }, none)).to.equal('closed');
  });
});
