/** The dialog's words: each locale's strings and plurals, and the page's own text in slots and text-* attributes. */
import { expect, fixture, html } from '@open-wc/testing';
import type { SessionSecurity } from '../../../src/session-security.js';
import { LOCALES, loadStrings } from '../../../src/i18n/locale.js';
import { PING, echo, servePing, until, untilLeader, warned } from '../../helpers.js';
import { dialogOf, label, referenced, squash, useDialogTest } from './helpers.js';

describe('<session-security> dialog accessibility: text', () => {
  const test = useDialogTest();

  it('each locale: its own title and a duration in its own plural, from the lang of an ancestor', async () => {
    const elements: Record<string, SessionSecurity> = {};
    const root = await fixture<HTMLDivElement>(html`<div>
      ${LOCALES.map((locale) => html`<section lang=${locale}><div><session-security user="u1" ping-url=${`${PING}/${locale}`} warn-after="60" expire-after="360"></session-security></div></section>`)}
    </div>`);
    for (const locale of LOCALES) {
      servePing(echo, `${PING}/${locale}`);
      elements[locale] = root.querySelector(`[lang="${locale}"] session-security`)!;
      await untilLeader(`${PING}/${locale}`);
    }
    await test.clock.tickAsync(60_000);
    await until(() => LOCALES.every((locale) => elements[locale].controller.phase === 'warning'), 'every warning');
    for (const locale of LOCALES) {
      const strings = await loadStrings(locale);
      const el = elements[locale];
      await until(() => squash(el.shadowRoot!.querySelector('#title')!.textContent!) === strings.title, `${locale} strings`);
      await el.updateComplete;
      const five = new Intl.NumberFormat(locale, { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(5);
      const live = squash(dialogOf(el).querySelector('[role=status]')!.textContent!);
      expect(live, locale).to.equal(strings.remaining.replace('{duration}', five));
      expect(dialogOf(el).querySelector('[part~=stay]')!.textContent, locale).to.equal(strings.stay);
    }
    // Plural forms, spelled out: Polish has three, and the two Portugueses differ.
    const live = (locale: string) => squash(dialogOf(elements[locale]).querySelector('[role=status]')!.textContent!);
    expect(elements.pl.shadowRoot!.querySelector('#title')!.textContent).to.equal('Sesja wkrótce wygaśnie');
    expect(live('pl')).to.equal('Czas do wylogowania: 5 minut.');
    expect(live('pt-BR')).to.equal('Sua sessão será encerrada em 5 minutos.');
    expect(live('pt-PT')).to.equal('A sua sessão será terminada dentro de 5 minutos.');
    expect(live('en')).to.equal('You will be signed out in 5 minutes.');
    const title = (locale: string) => squash(elements[locale].shadowRoot!.querySelector('#title')!.textContent!);
    expect(title('pt-BR')).to.equal('Sua sessão está prestes a expirar');
    expect(title('pt-PT')).to.equal('A sua sessão está prestes a expirar');
    // Synchronous ticks: eleven per-second intervals would make tickAsync yield 2000 times.
    test.clock.tick(180_000);
    for (const locale of LOCALES) await elements[locale].updateComplete;
    expect(live('pl')).to.equal('Czas do wylogowania: 2 minuty.');
    test.clock.tick(60_000);
    for (const locale of LOCALES) await elements[locale].updateComplete;
    expect(live('pl')).to.equal('Czas do wylogowania: 1 minuta.');
    expect(live('pt-BR')).to.equal('Sua sessão será encerrada em 1 minuto.');
  });

  it('slots and text-* attributes override the text; attributes are plain text, never HTML', async () => {
    const pings = servePing(echo);
    (window as unknown as { pwned?: boolean }).pwned = false;
    const el = await fixture<SessionSecurity>(html`<session-security
      user="u1"
      ping-url=${PING}
      warn-after="60"
      expire-after="660"
      logout-url="/logout/"
      text-stay="Keep me in"
      text-sign-out="Leave"
      text-remaining="Signing out in {duration}"
      text-message="<img src=x onerror=window.pwned=true>"
      ><span slot="title">Custom <b>rich</b> title</span></session-security
    >`);
    await untilLeader();
    await warned(test.clock, el);
    const dialog = dialogOf(el);
    expect(dialog.querySelector('[part~=stay]')!.textContent).to.equal('Keep me in');
    expect(dialog.querySelector('[part~=sign-out]')!.textContent).to.equal('Leave');
    expect(squash(dialog.querySelector('[role=status]')!.textContent!)).to.equal('Signing out in 10 minutes');
    expect(referenced(dialog, 'aria-labelledby'), 'the slotted title names the dialog').to.equal('Custom rich title');
    expect(label(el.querySelector('span')!.assignedSlot)).to.equal('slot');
    expect(dialog.querySelector('#message')!.textContent).to.equal('<img src=x onerror=window.pwned=true>');
    expect(el.shadowRoot!.querySelectorAll('img').length + el.querySelectorAll('img').length, 'no element made from an attribute').to.equal(0);
    await test.clock.tickAsync(1000);
    expect((window as unknown as { pwned?: boolean }).pwned).to.equal(false);
    el.extend();
    await until(() => pings.idleFor.length === 2, 'extend ping');
  });
});
