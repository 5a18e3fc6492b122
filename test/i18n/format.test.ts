import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import { en } from '../../src/i18n/en.js';
import { fill, formatClock, formatDuration, LOCALES, loadStrings } from '../../src/i18n/locale.js';

/** Intl may put a no-break space between number and unit; the words are what matter here. */
const spaces = (text: string) => text.replace(/\s/g, ' ');
const duration = (seconds: number, locale: string) => spaces(formatDuration(seconds, locale));

// What a native speaker expects, written by hand: Intl must produce these words and plurals.
// Czech and Polish have several forms (pl 22 → "minuty" but 21 → "minut"; cs 22 → "minut").
const expected: Record<string, { minutes: Record<number, string>; seconds: Record<number, string> }> = {
  en: { minutes: { 1: '1 minute', 2: '2 minutes', 5: '5 minutes', 21: '21 minutes' }, seconds: { 1: '1 second', 2: '2 seconds', 5: '5 seconds' } },
  ca: { minutes: { 1: '1 minut', 2: '2 minuts', 5: '5 minuts', 21: '21 minuts' }, seconds: { 1: '1 segon', 2: '2 segons', 5: '5 segons' } },
  cs: {
    minutes: { 1: '1 minuta', 2: '2 minuty', 4: '4 minuty', 5: '5 minut', 21: '21 minut', 22: '22 minut' },
    seconds: { 1: '1 sekunda', 2: '2 sekundy', 5: '5 sekund' },
  },
  de: { minutes: { 1: '1 Minute', 2: '2 Minuten', 5: '5 Minuten', 21: '21 Minuten' }, seconds: { 1: '1 Sekunde', 2: '2 Sekunden', 5: '5 Sekunden' } },
  es: { minutes: { 1: '1 minuto', 2: '2 minutos', 5: '5 minutos', 21: '21 minutos' }, seconds: { 1: '1 segundo', 2: '2 segundos', 5: '5 segundos' } },
  fr: { minutes: { 1: '1 minute', 2: '2 minutes', 5: '5 minutes', 21: '21 minutes' }, seconds: { 1: '1 seconde', 2: '2 secondes', 5: '5 secondes' } },
  it: { minutes: { 1: '1 minuto', 2: '2 minuti', 5: '5 minuti', 21: '21 minuti' }, seconds: { 1: '1 secondo', 2: '2 secondi', 5: '5 secondi' } },
  nl: { minutes: { 1: '1 minuut', 2: '2 minuten', 5: '5 minuten', 21: '21 minuten' }, seconds: { 1: '1 seconde', 2: '2 seconden', 5: '5 seconden' } },
  pl: {
    minutes: { 1: '1 minuta', 2: '2 minuty', 4: '4 minuty', 5: '5 minut', 12: '12 minut', 21: '21 minut', 22: '22 minuty' },
    seconds: { 1: '1 sekunda', 2: '2 sekundy', 5: '5 sekund' },
  },
  'pt-BR': { minutes: { 1: '1 minuto', 2: '2 minutos', 5: '5 minutos', 21: '21 minutos' }, seconds: { 1: '1 segundo', 2: '2 segundos', 5: '5 segundos' } },
  'pt-PT': { minutes: { 1: '1 minuto', 2: '2 minutos', 5: '5 minutos', 21: '21 minutos' }, seconds: { 1: '1 segundo', 2: '2 segundos', 5: '5 segundos' } },
};

describe('formatDuration', () => {
  it('has an expectation for every built-in locale', () => {
    expect(Object.keys(expected)).to.have.members([...LOCALES]);
  });

  for (const [locale, { minutes, seconds }] of Object.entries(expected)) {
    it(`says minutes and seconds in ${locale}, with its plural forms`, () => {
      for (const [n, text] of Object.entries(minutes)) expect(duration(Number(n) * 60, locale), `${n} min`).to.equal(text);
      for (const [n, text] of Object.entries(seconds)) expect(duration(Number(n), locale), `${n} s`).to.equal(text);
    });
  }

  it('does not answer in English for another language', () => {
    const sample = (locale: string) => [1, 2, 5, 60, 120, 300, 1320].map((s) => duration(s, locale)).join('|');
    for (const locale of LOCALES.filter((l) => l !== 'en')) expect(sample(locale), locale).not.to.equal(sample('en'));
    expect(duration(300, 'pl')).to.contain('minut').and.not.contain('minutes');
    expect(duration(300, 'cs')).to.contain('minut').and.not.contain('minutes');
    expect(duration(2, 'fr')).to.contain('secondes');
  });

  it('rounds minutes up from 60 s on, and uses whole seconds below', () => {
    expect(duration(60, 'en')).to.equal('1 minute');
    expect(duration(61, 'en')).to.equal('2 minutes');
    expect(duration(119, 'en')).to.equal('2 minutes');
    expect(duration(120, 'en')).to.equal('2 minutes');
    expect(duration(121, 'en')).to.equal('3 minutes');
    expect(duration(59, 'en')).to.equal('59 seconds');
    expect(duration(59.2, 'en')).to.equal('1 minute');
    expect(duration(40, 'en')).to.equal('40 seconds');
    expect(duration(20, 'en')).to.equal('20 seconds');
    expect(duration(0.3, 'en')).to.equal('1 second');
  });

  it('never says a negative or non-numeric duration', () => {
    expect(duration(-5, 'en')).to.equal('0 seconds');
    expect(duration(Number.NaN, 'en')).to.equal('0 seconds');
  });

  it('falls back to English for a malformed locale tag instead of throwing', () => {
    expect(duration(120, '💥')).to.equal('2 minutes');
    expect(duration(120, 'pt-BR')).to.equal('2 minutos');
  });
});

describe('formatClock', () => {
  it('shows m:ss with the seconds padded and minutes unbounded', () => {
    const cases: [number, string][] = [
      [0, '0:00'],
      [5, '0:05'],
      [59, '0:59'],
      [60, '1:00'],
      [65, '1:05'],
      [600, '10:00'],
      [3599, '59:59'],
      [3600, '60:00'],
    ];
    for (const [seconds, text] of cases) expect(formatClock(seconds), String(seconds)).to.equal(text);
  });

  it('rounds a fraction up and never goes below 0:00', () => {
    expect(formatClock(0.2)).to.equal('0:01');
    expect(formatClock(59.5)).to.equal('1:00');
    expect(formatClock(-3)).to.equal('0:00');
    expect(formatClock(Number.NaN)).to.equal('0:00');
  });
});

describe('fill', () => {
  it('replaces every named placeholder', () => {
    expect(fill(en.timeLeft, { time: '1:05' })).to.equal('Time left: 1:05');
    expect(fill('{a} and {a}, {b}', { a: 'x', b: 'y' })).to.equal('x and x, y');
  });

  it('leaves unknown placeholders and other braces alone', () => {
    expect(fill('{time} {other} {} { time }', { time: '0:01' })).to.equal('0:01 {other} {} { time }');
    expect(fill('{toString}', {})).to.equal('{toString}');
  });

  it('inserts values literally: no replacement patterns, no HTML', async () => {
    expect(fill('In {duration}.', { duration: "$& $' $1" })).to.equal("In $& $' $1.");
    const text = fill(en.remaining, { duration: '<b>2 minutes</b>' });
    expect(text).to.equal('You will be signed out in <b>2 minutes</b>.');
    const el = await fixture<HTMLParagraphElement>(html`<p>${text}</p>`);
    expect(el.querySelector('b')).to.equal(null);
    expect(el.textContent).to.contain('<b>2 minutes</b>');
  });

  it('makes the announcement of every locale with its own words', async () => {
    const announcements: Record<string, string> = {
      en: 'You will be signed out in 2 minutes.',
      ca: 'La sessió es tancarà d’aquí a 2 minuts.',
      cs: 'Čas do odhlášení: 2 minuty.',
      de: 'Sie werden in 2 Minuten abgemeldet.',
      es: 'Su sesión se cerrará en 2 minutos.',
      fr: 'Votre session sera fermée dans 2 minutes.',
      it: 'La sessione verrà chiusa tra 2 minuti.',
      nl: 'U wordt over 2 minuten uitgelogd.',
      pl: 'Czas do wylogowania: 2 minuty.',
      'pt-BR': 'Sua sessão será encerrada em 2 minutos.',
      'pt-PT': 'A sua sessão será terminada dentro de 2 minutos.',
    };
    expect(Object.keys(announcements)).to.have.members([...LOCALES]);
    for (const [locale, text] of Object.entries(announcements)) {
      const strings = await loadStrings(locale);
      expect(spaces(fill(strings.remaining, { duration: formatDuration(120, locale) })), locale).to.equal(text);
    }
  });
});
