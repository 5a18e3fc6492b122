/** How the dialog looks: no motion, right to left, target sizes, and a 320 px wide screen. */
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import { PING, echo, servePing, until, untilLeader, warned } from '../../helpers.js';
import { closeTab, openTab, type Tab } from '../../tab-harness.js';
import { ENGINE, dialogOf, expectTargets, extendPingLanded, mount, useDialogTest } from './helpers.js';

/** Long words, as translations have: they wrap inside the dialog too. */
const LONG = [
  ['text-title', 'Sitzungsverlängerungsbestätigungsaufforderung'],
  ['text-stay', 'Sitzungsverlängerungsbestätigung'],
];

/** The open dialog fits `win` without scrolling sideways, its buttons inside it. */
function expectFits(dialog: HTMLDialogElement, win: Window) {
  expect(dialog.open).to.equal(true);
  expect(dialog.scrollWidth, 'no horizontal overflow').to.be.at.most(dialog.clientWidth);
  const rect = dialog.getBoundingClientRect();
  expect(rect.left).to.be.at.least(0);
  expect(rect.right).to.be.at.most(win.innerWidth);
  for (const target of dialog.querySelectorAll('button')) {
    const box = target.getBoundingClientRect();
    expect(box.left).to.be.at.least(rect.left);
    expect(box.right).to.be.at.most(rect.right);
  }
}

describe('<session-security> dialog accessibility: presentation', () => {
  const test = useDialogTest();

  it('no transition or animation, with reduced motion asked for', async () => {
    // @web/test-runner-commands emulates media for puppeteer over CDP only: Chromium.
    // Firefox (puppeteer over WebDriver BiDi: "CDP support is required") and WebKit
    // (WebDriver classic) cannot emulate prefers-reduced-motion here; there the same
    // assertions run without it, which holds as the dialog has no motion at all.
    const emulated = ENGINE === 'chromium';
    if (emulated) await emulateMedia({ reducedMotion: 'reduce' });
    try {
      if (emulated) expect(matchMedia('(prefers-reduced-motion: reduce)').matches, 'emulated').to.equal(true);
      const pings = servePing(echo);
      const { el } = await mount({ logout: true });
      await warned(test.clock, el);
      const dialog = dialogOf(el);
      for (const [what, style] of [
        ['dialog', getComputedStyle(dialog)],
        ['::backdrop', getComputedStyle(dialog, '::backdrop')],
        ['button', getComputedStyle(dialog.querySelector('button')!)],
      ] as const) {
        expect(
          style.transitionDuration.split(',').every((d) => parseFloat(d) === 0),
          `${what} transition-duration ${style.transitionDuration}`,
        ).to.equal(true);
        expect(style.animationName, `${what} animation`).to.equal('none');
      }
      el.extend();
      await extendPingLanded(pings, 2);
    } finally {
      if (emulated) await emulateMedia({ reducedMotion: 'no-preference' });
    }
  });

  it('right to left: the dialog follows dir', async () => {
    const pings = servePing(echo);
    const root = await fixture<HTMLDivElement>(html`<div dir="rtl" lang="en">
      <session-security user="u1" ping-url=${PING} warn-after="60" expire-after="660" logout-url="/logout/"></session-security>
    </div>`);
    const el = root.querySelector('session-security')!;
    await untilLeader();
    await warned(test.clock, el);
    const dialog = dialogOf(el);
    expect(getComputedStyle(dialog).direction).to.equal('rtl');
    const stay = dialog.querySelector('[part~=stay]')!.getBoundingClientRect();
    const signOut = dialog.querySelector('[part~=sign-out]')!.getBoundingClientRect();
    expect(stay.right, 'the first action is on the right').to.be.greaterThan(signOut.right);
    el.extend();
    await extendPingLanded(pings, 2);
  });

  it('targets of at least 24 by 24 px', async () => {
    const pings = servePing(echo);
    const { el } = await mount({ logout: true });
    await warned(test.clock, el);
    expectTargets(dialogOf(el), 2);
    el.extend();
    await extendPingLanded(pings, 2);
  });

  it('at 320 px wide, with long words, the dialog fits without scrolling sideways', async () => {
    if (ENGINE !== 'webkit') {
      const pings = servePing(echo);
      const { el } = await mount({ logout: true });
      const before = { width: innerWidth, height: innerHeight };
      await setViewport({ width: 320, height: 640 });
      try {
        expect(innerWidth).to.equal(320);
        for (const [name, value] of LONG) el.setAttribute(name, value);
        await warned(test.clock, el);
        expectFits(dialogOf(el), window);
        el.extend();
        await extendPingLanded(pings, 2);
      } finally {
        await setViewport(before);
      }
    } else {
      // WebDriver has no viewport command in @web/test-runner-commands: a 320 px wide
      // frame is a 320 px wide viewport for the element inside it.
      let tab: Tab | undefined;
      try {
        servePing(echo, `${PING}/narrow`);
        tab = await openTab({
          body: `<session-security user="u1" ping-url="${PING}/narrow" warn-after="60" expire-after="660" logout-url="/logout/" ${LONG.map(([name, value]) => `${name}="${value}"`).join(' ')}></session-security>`,
        });
        tab.frame.style.cssText = 'width:320px;height:640px;border:0';
        await until(() => tab!.win.innerWidth === 320, 'a 320 px frame');
        await untilLeader(`${PING}/narrow`);
        await warned(test.clock, tab.el);
        expectFits(dialogOf(tab.el), tab.win);
      } finally {
        if (tab) closeTab(tab);
      }
    }
  });
});
