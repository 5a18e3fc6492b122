/** What screen readers are told: the live regions inside and outside the dialog. */
import { expect } from '@open-wc/testing';
import { echo, servePing, warned } from '../../helpers.js';
import { dialogOf, extendPingLanded, mount, squash, useDialogTest } from './helpers.js';

describe('<session-security> dialog accessibility: announcements', () => {
  const test = useDialogTest();

  it('the live region speaks once a minute, then at 60, 40 and 20 seconds; never each second', async () => {
    servePing(echo);
    const { el } = await mount({ warnAfter: 60, expireAfter: 660 });
    await warned(test.clock, el);
    const dialog = dialogOf(el);
    const live = dialog.querySelector('[role=status]')!;
    expect(dialog.contains(live)).to.equal(true);
    expect(live.getAttribute('aria-hidden')).to.equal(null);
    expect(squash(live.textContent!)).to.equal('You will be signed out in 10 minutes.');
    let mutated = false;
    const observer = new MutationObserver(() => (mutated = true));
    observer.observe(live, { characterData: true, childList: true, subtree: true });
    const spoken: string[] = [];
    let visibleChanges = 0;
    let lastVisible = dialog.querySelector('[part~=countdown]')!.textContent;
    // 598 seconds: down to 2 s left (at 0 the session ends and the dialog changes).
    // clock.tick, not tickAsync: the per-second tick only asks for a render, and 598
    // tickAsync calls would each yield to real timers (clamped to 4 ms).
    for (let s = 1; s <= 598; s++) {
      test.clock.tick(1000);
      await el.updateComplete;
      if (observer.takeRecords().length || mutated) spoken.push(squash(live.textContent!));
      mutated = false;
      const visible = dialog.querySelector('[part~=countdown]')!.textContent;
      if (visible !== lastVisible) visibleChanges++;
      lastVisible = visible;
    }
    observer.disconnect();
    expect(visibleChanges, 'the visible countdown ticks every second').to.equal(598);
    expect(lastVisible).to.equal('Time left: 0:02');
    const expected = [9, 8, 7, 6, 5, 4, 3, 2].map((m) => `You will be signed out in ${m} minutes.`);
    expected.push('You will be signed out in 1 minute.', 'You will be signed out in 40 seconds.', 'You will be signed out in 20 seconds.');
    expect(spoken).to.deep.equal(expected);
    expect(spoken.length).to.be.below(600 / 10);
    expect(el.controller.phase).to.equal('warning');
  });

  it('"extended" is announced once outside the dialog, and again at the next extension', async () => {
    const pings = servePing(echo);
    const { el } = await mount();
    const status = el.shadowRoot!.querySelector('dialog ~ [role=status]')!;
    expect(dialogOf(el).contains(status)).to.equal(false);
    const changes: string[] = [];
    const observer = new MutationObserver(() => changes.push(squash(status.textContent!)));
    observer.observe(status, { characterData: true, childList: true, subtree: true });
    try {
      await warned(test.clock, el);
      await test.clock.tickAsync(5000);
      await el.updateComplete;
      expect(changes, 'nothing while warning').to.deep.equal([]);
      el.extend();
      await el.updateComplete;
      await test.clock.tickAsync(5000);
      await el.updateComplete;
      expect(changes).to.deep.equal(['Your session has been extended.']);
      await extendPingLanded(pings, 2);
      await warned(test.clock, el);
      expect(squash(status.textContent!), 'cleared when the next warning opens').to.equal('');
      el.extend();
      await el.updateComplete;
      expect(changes.filter((text) => text)).to.deep.equal(['Your session has been extended.', 'Your session has been extended.']);
      await extendPingLanded(pings, 4);
    } finally {
      observer.disconnect();
    }
  });
});
