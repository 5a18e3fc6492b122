import { expect } from '@open-wc/testing';
import { dialogBox, keyVerdict, reasonToStay, type DialogBox } from '../../src/browser/stay-input.js';

/** The dialog's box on screen: 100,100 to 300,200. */
const box = new DOMRect(100, 100, 200, 100);
const signOut = document.createElement('form');
const outside = document.createElement('button');
const dialog: DialogBox = { signOut, box: () => box };

/** An input event as the watcher or the dialog sees it, with the path it travelled. */
function input(type: string, fields: Record<string, unknown> = {}, path: EventTarget[] = [outside]): Event {
  return { type, isTrusted: true, composedPath: () => path, ...fields } as unknown as Event;
}
const key = (k: string, fields: Record<string, unknown> = {}, path?: EventTarget[]) => input('keydown', { key: k, ...fields }, path) as KeyboardEvent;

describe('stay-input: which input means "stay signed in"', () => {
  it('a key means stay, but not Tab or Shift (moving between the buttons)', () => {
    expect(reasonToStay(key('a'), dialog)).to.equal(true);
    expect(reasonToStay(key('Enter'), dialog)).to.equal(true);
    expect(reasonToStay(key('Tab'), dialog)).to.equal(false);
    expect(reasonToStay(key('Shift'), dialog)).to.equal(false);
  });

  it('nothing on the "Sign out now" form means stay', () => {
    expect(reasonToStay(key('Enter', {}, [signOut, outside]), dialog)).to.equal(false);
    expect(reasonToStay(input('click', {}, [outside, signOut]), dialog)).to.equal(false);
    expect(reasonToStay(input('click'), { signOut: null, box: () => box })).to.equal(true);
  });

  it('the start of a tap does not mean stay; its click does', () => {
    expect(reasonToStay(input('pointerdown'), dialog)).to.equal(false);
    expect(reasonToStay(input('touchstart'), dialog)).to.equal(false);
    expect(reasonToStay(input('click'), dialog)).to.equal(true);
    expect(reasonToStay(input('wheel'), dialog)).to.equal(true);
  });

  it('the pointer moving over the dialog does not mean stay; outside it does', () => {
    const move = (x: number, y: number) => reasonToStay(input('pointermove', { clientX: x, clientY: y }), dialog);
    expect(move(150, 150)).to.equal(false);
    expect(move(100, 100), 'on the edge').to.equal(false);
    expect(move(99, 150)).to.equal(true);
    expect(move(150, 201)).to.equal(true);
  });

  it('asks for the box only on pointer moves (it costs a layout)', () => {
    let asked = 0;
    const counting: DialogBox = { signOut, box: () => (asked++, box) };
    reasonToStay(key('a'), counting);
    reasonToStay(input('click'), counting);
    expect(asked).to.equal(0);
    reasonToStay(input('pointermove', { clientX: 0, clientY: 0 }), counting);
    expect(asked).to.equal(1);
  });
});

describe('stay-input: what a key on the dialog does', () => {
  it('while warning, a key stays and is kept from the page', () => {
    expect(keyVerdict(key('Enter'), 'warning', dialog)).to.deep.equal({ stay: true, block: true });
  });

  it('browser shortcuts still work (the key stays, but is not blocked)', () => {
    for (const shortcut of [key('r', { ctrlKey: true }), key('f', { metaKey: true }), key('ArrowLeft', { altKey: true }), key('F5'), key('F11')]) {
      expect(keyVerdict(shortcut, 'warning', dialog), shortcut.key).to.deep.equal({ stay: true, block: false });
    }
  });

  it('once the warning closed under the key, it is still kept from the page, without staying again', () => {
    expect(keyVerdict(key(' '), 'closed', dialog)).to.deep.equal({ stay: false, block: true });
  });

  it('after expiry only Escape is stopped (nothing to cancel)', () => {
    for (const view of ['expired', 'relogin', 'checking'] as const) {
      expect(keyVerdict(key('Escape'), view, dialog), view).to.deep.equal({ stay: false, block: true });
      expect(keyVerdict(key('Enter'), view, dialog), view).to.deep.equal({ stay: false, block: false });
    }
  });

  it("a script's key, Tab, or a key on Sign out now is left alone", () => {
    const none = { stay: false, block: false };
    expect(keyVerdict(key('Enter', { isTrusted: false }), 'warning', dialog)).to.deep.equal(none);
    expect(keyVerdict(key('Tab'), 'warning', dialog)).to.deep.equal(none);
    expect(keyVerdict(key('Enter', {}, [signOut]), 'warning', dialog)).to.deep.equal(none);
  });
});

describe('dialogBox: the parts of a rendered dialog', () => {
  it("finds the sign-out form, and measures the dialog's box when asked", () => {
    const rendered = document.createElement('dialog');
    const form = rendered.appendChild(document.createElement('form'));
    document.body.append(rendered);
    try {
      rendered.show();
      const parts = dialogBox(rendered);
      expect(parts.signOut).to.equal(form);
      expect(parts.box()).to.deep.equal(rendered.getBoundingClientRect());
      expect(dialogBox(document.createElement('dialog')).signOut).to.equal(null);
    } finally {
      rendered.remove();
    }
  });
});
