import { expect, fixture, fixtureCleanup, html as fixtureHtml } from '@open-wc/testing';
import { LitElement, html } from 'lit';
import { localizedText } from '../../src/i18n/localized-text.js';
import { en } from '../../src/i18n/en.js';
import de from '../../src/i18n/de.js';
import fr from '../../src/i18n/fr.js';
import { until } from '../helpers.js';

/** A host that renders one string through the controller. */
class TextHost extends LitElement {
  readonly i18n = localizedText(this);
  protected override render() {
    return html`<p>${this.i18n.text('stay')}</p>`;
  }
}
customElements.define('text-host', TextHost);

describe('localized-text', () => {
  afterEach(() => fixtureCleanup());

  const rendered = (host: TextHost) => host.renderRoot.querySelector('p')!.textContent;

  it("loads the strings of the host's lang on connect and renders them", async () => {
    const host = await fixture<TextHost>(fixtureHtml`<text-host lang="de-AT"></text-host>`);
    await until(() => host.i18n.locale === 'de', 'German');
    await host.updateComplete;
    expect(host.i18n.text('signOut')).to.equal(de.signOut);
    expect(rendered(host)).to.equal(de.stay);
  });

  it("takes the closest ancestor's lang, and English for a language it does not have", async () => {
    const root = await fixture(fixtureHtml`<div lang="fr"><text-host></text-host></div><div lang="xx"><text-host></text-host></div>`);
    const [french, unknown] = [...root.parentElement!.querySelectorAll<TextHost>('text-host')];
    await until(() => french.i18n.locale === 'fr', 'French');
    expect(french.i18n.text('stay')).to.equal(fr.stay);
    expect([unknown.i18n.locale, unknown.i18n.text('stay')]).to.deep.equal(['en', en.stay]);
  });

  it('loads again when asked after lang changed (lang set after connecting)', async () => {
    const host = await fixture<TextHost>(fixtureHtml`<text-host lang="en"></text-host>`);
    host.lang = 'de';
    await host.i18n.load();
    await host.updateComplete;
    expect(rendered(host)).to.equal(de.stay);
  });

  it('a text-* attribute overrides its string, in any language, as the plain text given', async () => {
    const host = await fixture<TextHost>(fixtureHtml`<text-host lang="de" text-stay="<b>Keep</b> me" text-sign-out="Leave"></text-host>`);
    await until(() => host.i18n.locale === 'de', 'German');
    await host.updateComplete;
    expect([host.i18n.text('stay'), host.i18n.text('signOut'), host.i18n.text('cancel')]).to.deep.equal(['<b>Keep</b> me', 'Leave', de.cancel]);
    expect(rendered(host)).to.equal('<b>Keep</b> me');
    expect(host.renderRoot.querySelector('b')).to.equal(null);
  });
});
