/** The dialog's roles, names and descriptions, and axe, in each state it shows. */
import { expect } from '@open-wc/testing';
import { PING, echo, record, servePing, until, warned } from '../../helpers.js';
import { dialogOf, expectAccessible, expectTargets, expireNow, focusedInside, label, mount, referenced, useDialogTest } from './helpers.js';

describe('<session-security> dialog accessibility: roles, names and axe', () => {
  const test = useDialogTest();

  it('warning: an alert dialog named by its title, described by the static message, no axe violations', async () => {
    servePing(echo);
    const { el } = await mount({ logout: true });
    const warnings = record<{ timeout: number }>(el, 'session-security-warn');
    await warned(test.clock, el);
    const dialog = dialogOf(el);
    expect(dialog.open).to.equal(true);
    expect(dialog.matches(':modal'), 'opened with showModal()').to.equal(true);
    expect(dialog.getAttribute('role')).to.equal('alertdialog');
    expect(referenced(dialog, 'aria-labelledby')).to.equal('Your session is about to expire');
    const description = referenced(dialog, 'aria-describedby');
    expect(description).to.contain('stay signed in');
    const countdown = dialog.querySelector('[part~=countdown]')!.textContent!;
    expect(countdown).to.equal('Time left: 10:00');
    expect(description, 'the description does not tick').to.not.match(/\d/);
    // 2.2.6: the timeout is told up front.
    expect(el.timeoutSeconds).to.equal(660);
    expect(warnings[0].detail.timeout).to.equal(660);

    // Sign out now: a POST form to logout-url with the page's CSRF token, a real submit button.
    const form = dialog.querySelector('form')!;
    expect(form.method).to.equal('post');
    expect(form.action).to.equal(new URL('/logout/', location.href).href);
    expect([...new FormData(form)]).to.deep.equal([['csrfmiddlewaretoken', 'page-token']]);
    expect(form.querySelector('button')!.type).to.equal('submit');
    expect(form.querySelector('button')!.textContent!.trim()).to.equal('Sign out now');

    await expectAccessible(test.clock, el);
  });

  it('signed out: named, described, focus on the dialog, no axe violations', async () => {
    const { el } = await mount();
    await expireNow(test.clock, el);
    const dialog = dialogOf(el);
    expect(dialog.open).to.equal(true);
    expect(referenced(dialog, 'aria-labelledby')).to.equal('You have been signed out');
    expect(referenced(dialog, 'aria-describedby')).to.contain('Your session has ended'); // a plain "logout" answer
    // Nothing to press: focus on the dialog itself, which reads out its name and description.
    expect(label(focusedInside(el)), 'focus on the dialog').to.equal(label(dialog));
    await expectAccessible(test.clock, el);
  });

  it('signing in again: named, described, focus on "Sign in again", no axe violations', async () => {
    const { el } = await mount({ login: true, pingUrl: `${PING}/relogin` });
    servePing(() => 'logout', `${PING}/relogin`);
    await test.clock.tickAsync(60_000);
    await until(() => el.controller.phase === 'expired', 'expiry');
    await el.updateComplete;
    const relogin = dialogOf(el);
    expect(relogin.open).to.equal(true);
    expect(referenced(relogin, 'aria-labelledby')).to.equal('Sign in to continue');
    // Its server never named the user: the page will reload after sign-in, and says so.
    expect(referenced(relogin, 'aria-describedby')).to.contain('The page will then reload');
    expect(focusedInside(el)?.textContent).to.equal('Sign in again');
    expectTargets(relogin, 2);
    await expectAccessible(test.clock, el);
  });
});
