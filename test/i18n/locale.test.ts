import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import { stub } from 'sinon';
import { en } from '../../src/i18n/en.js';
import { langOf, loaders, LOCALES, loadStrings, matchLocale } from '../../src/i18n/locale.js';

describe('matchLocale', () => {
  it('matches every built-in locale to itself', () => {
    for (const locale of LOCALES) expect(matchLocale(locale)).to.equal(locale);
  });

  it('ignores case and accepts _ as well as -', () => {
    expect(matchLocale('PT_br')).to.equal('pt-BR');
    expect(matchLocale('pt_PT')).to.equal('pt-PT');
    expect(matchLocale('DE')).to.equal('de');
    expect(matchLocale('Fr_ca')).to.equal('fr');
    expect(matchLocale(' nl-BE ')).to.equal('nl');
  });

  it('tells Brazilian from European Portuguese by region, Brazilian without one', () => {
    expect(matchLocale('pt')).to.equal('pt-BR');
    expect(matchLocale('pt-BR')).to.equal('pt-BR');
    expect(matchLocale('pt-PT')).to.equal('pt-PT');
    for (const tag of ['pt-AO', 'pt-MZ', 'pt-CV', 'pt-Latn-PT', 'pt-PT-u-nu-latn']) expect(matchLocale(tag), tag).to.equal('pt-PT');
  });

  it('falls back from a regional or scripted variant to the base language', () => {
    const cases: [string, string][] = [
      ['de-AT', 'de'],
      ['de-CH', 'de'],
      ['fr-CA', 'fr'],
      ['es-419', 'es'],
      ['es-MX', 'es'],
      ['ca-ES-valencia', 'ca'],
      ['cs-CZ', 'cs'],
      ['pl-PL', 'pl'],
      ['it-CH', 'it'],
      ['nl-BE', 'nl'],
      ['en-GB', 'en'],
    ];
    for (const [tag, locale] of cases) expect(matchLocale(tag), tag).to.equal(locale);
  });

  it('answers en for unknown languages and garbage, never throwing', () => {
    for (const tag of ['', ' ', 'xx', 'sk', 'ru-RU', 'zh-Hant-TW', '💥', 'de_', '-', 'en-US,en;q=0.9', 'de AT', 'toString', '__proto__']) expect(matchLocale(tag), JSON.stringify(tag)).to.equal('en');
    expect(matchLocale(undefined)).to.equal('en');
    expect(matchLocale(null)).to.equal('en');
    expect(matchLocale(42 as unknown as string)).to.equal('en');
  });
});

describe('langOf', () => {
  let documentLang: string;
  beforeEach(() => (documentLang = document.documentElement.lang));
  afterEach(() => (document.documentElement.lang = documentLang));

  it("reads the element's own lang first", async () => {
    const el = await fixture(html`<div lang="de"><span lang="pl-PL"></span></div>`);
    expect(langOf(el.querySelector('span')!)).to.equal('pl-PL');
  });

  it('reads the closest ancestor with a non-empty lang', async () => {
    const el = await fixture(html`<div lang="fr"><section lang="nl"><p lang=""><span></span></p></section></div>`);
    expect(langOf(el.querySelector('span')!)).to.equal('nl');
    expect(langOf(el.querySelector('p')!)).to.equal('nl');
    expect(langOf(el)).to.equal('fr');
  });

  it('walks out of shadow roots, nested ones included, through their hosts', async () => {
    const outer = await fixture(html`<div lang="cs"><div id="host"></div></div>`);
    const host = outer.querySelector('#host')!;
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<section><div id="inner-host"></div></section>';
    const innerRoot = root.getElementById('inner-host')!.attachShadow({ mode: 'closed' });
    innerRoot.innerHTML = '<p><b></b></p>';
    expect(langOf(innerRoot.querySelector('b')!)).to.equal('cs');
    root.querySelector('section')!.setAttribute('lang', 'pt-PT');
    expect(langOf(innerRoot.querySelector('b')!)).to.equal('pt-PT');
    expect(langOf(host)).to.equal('cs');
  });

  it("falls back to the document's lang, then to the browser's", async () => {
    const el = await fixture(html`<div><span></span></div>`);
    document.documentElement.lang = 'it';
    expect(langOf(el.querySelector('span')!)).to.equal('it');
    document.documentElement.lang = '';
    expect(langOf(el.querySelector('span')!)).to.equal(navigator.language);
    const detached = document.createElement('span');
    document.documentElement.lang = 'es';
    expect(langOf(detached)).to.equal('es');
  });
});

describe('loadStrings', () => {
  it('resolves en to the bundled English without loading anything', async () => {
    const load = Object.keys(loaders).map((locale) => stub(loaders, locale as keyof typeof loaders).rejects(new Error('loaded')));
    try {
      expect(await loadStrings('en')).to.equal(en);
      expect(await loadStrings('en-GB')).to.equal(en);
      for (const s of load) expect(s.called).to.equal(false);
    } finally {
      for (const s of load) s.restore();
    }
  });

  it("resolves each locale to its own module's strings", async () => {
    const modules = {
      ca: await import('../../src/i18n/ca.js'),
      cs: await import('../../src/i18n/cs.js'),
      de: await import('../../src/i18n/de.js'),
      es: await import('../../src/i18n/es.js'),
      fr: await import('../../src/i18n/fr.js'),
      it: await import('../../src/i18n/it.js'),
      nl: await import('../../src/i18n/nl.js'),
      pl: await import('../../src/i18n/pl.js'),
      'pt-BR': await import('../../src/i18n/pt-BR.js'),
      'pt-PT': await import('../../src/i18n/pt-PT.js'),
    };
    expect(Object.keys(modules)).to.have.members(LOCALES.filter((l) => l !== 'en'));
    for (const [locale, module] of Object.entries(modules)) {
      const strings = await loadStrings(locale);
      expect(strings, locale).to.equal(module.default);
      expect(strings, locale).not.to.equal(en);
    }
    expect((await loadStrings('pt-BR')).signOut).not.to.equal((await loadStrings('pt-PT')).signOut);
  });

  it('matches the tag it is given first', async () => {
    expect(await loadStrings('de-AT')).to.equal(await loadStrings('de'));
    expect(await loadStrings('PT_ao')).to.equal(await loadStrings('pt-PT'));
  });

  it('resolves an unknown locale to en', async () => {
    for (const tag of ['xx', 'sk', '', '💥']) expect(await loadStrings(tag), tag).to.equal(en);
  });

  it('resolves to en with a console error naming the locale when loading fails', async () => {
    const load = stub(loaders, 'cs').rejects(new TypeError('Failed to fetch dynamically imported module'));
    const error = stub(console, 'error');
    try {
      expect(await loadStrings('cs')).to.equal(en);
      expect(load.calledOnce).to.equal(true);
      expect(error.calledOnce).to.equal(true);
      expect(String(error.firstCall.args[0])).to.contain('"cs"');
    } finally {
      error.restore();
      load.restore();
    }
    expect(await loadStrings('cs')).not.to.equal(en);
  });
});
