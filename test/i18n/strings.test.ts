import { expect } from '@open-wc/testing';
import { en } from '../../src/i18n/en.js';
import ca from '../../src/i18n/ca.js';
import cs from '../../src/i18n/cs.js';
import de from '../../src/i18n/de.js';
import es from '../../src/i18n/es.js';
import fr from '../../src/i18n/fr.js';
import it_ from '../../src/i18n/it.js';
import nl from '../../src/i18n/nl.js';
import pl from '../../src/i18n/pl.js';
import ptBR from '../../src/i18n/pt-BR.js';
import ptPT from '../../src/i18n/pt-PT.js';
import type { Strings } from '../../src/i18n/strings.js';

const translations: Record<string, Strings> = { ca, cs, de, es, fr, it: it_, nl, pl, 'pt-BR': ptBR, 'pt-PT': ptPT };
const keys = Object.keys(en) as (keyof Strings)[];
const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();

describe('en strings', () => {
  it('has every key as a non-empty string, with the placeholders the element fills', () => {
    expect(keys).to.have.members([
      'title',
      'message',
      'timeLeft',
      'remaining',
      'stay',
      'signOut',
      'extended',
      'expiredTitle',
      'expiredMessage',
      'revokedMessage',
      'replacedMessage',
      'unauthorizedMessage',
      'endedMessage',
      'checking',
      'reloginTitle',
      'reloginMessage',
      'reloginReloadMessage',
      'signInAgain',
      'cancel',
      'goToLogin',
      'popupBlocked',
    ]);
    for (const key of keys) expect(en[key], key).to.be.a('string').and.not.be.empty;
    expect(placeholders(en.timeLeft)).to.deep.equal(['{time}']);
    expect(placeholders(en.remaining)).to.deep.equal(['{duration}']);
  });
});

for (const [locale, strings] of Object.entries(translations)) {
  describe(`${locale} strings`, () => {
    it('has exactly the keys of en, each a non-empty trimmed string', () => {
      expect(Object.keys(strings)).to.have.members(keys);
      for (const key of keys) {
        expect(strings[key], key).to.be.a('string').and.not.be.empty;
        expect(strings[key], key).to.equal(strings[key].trim());
        expect(strings[key], key).not.to.match(/ {2}/);
      }
    });

    it('keeps the placeholders of en, and no others', () => {
      for (const key of keys) expect(placeholders(strings[key]), key).to.deep.equal(placeholders(en[key]));
    });

    it('is translated, not English', () => {
      const same = keys.filter((key) => strings[key] === en[key]);
      expect(same, 'strings identical to English').to.be.empty;
    });

    it('ends sentences where English does', () => {
      for (const key of keys) expect(/[.…]$/.test(strings[key]), key).to.equal(/[.…]$/.test(en[key]));
    });
  });
}
