/**
 * ElementAttributes, the element's attribute table, on a bare subclass (no controller,
 * no network): every property starts at its table default, the attributes reflect, and
 * configure() checks them into settings once per set of values, naming a bad one.
 */
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { stub, type SinonStub } from 'sinon';
import { ElementAttributes } from '../../src/element-attributes.js';
import { DEFAULT_TIMES, PING_TIMEOUT } from '../../src/core/config.js';
import { CSRF_SELECTOR } from '../../src/browser/csrf.js';

/** Exposes the protected parts to the test. */
class AttributesProbe extends ElementAttributes {
  check(): boolean {
    return this.configure();
  }
  get checked() {
    return this.settings;
  }
}
customElements.define('attributes-probe', AttributesProbe);

describe('ElementAttributes', () => {
  let error: SinonStub;
  beforeEach(() => (error = stub(console, 'error')));
  afterEach(() => {
    error.restore();
    fixtureCleanup();
  });
  const logged = () => error.args.map((args) => String(args[0])).join('\n');

  it('starts every property at its default from the table', () => {
    const probe = new AttributesProbe();
    expect({ ...Object.fromEntries(Object.keys(ElementAttributes.properties).map((name) => [name, probe[name as keyof AttributesProbe]])) }).to.deep.equal({
      pingUrl: '',
      user: '',
      warnAfter: DEFAULT_TIMES.warnAfter,
      expireAfter: DEFAULT_TIMES.expireAfter,
      returnToUrl: '',
      pingTimeout: PING_TIMEOUT.fallback,
      logoutUrl: '',
      loginUrl: '',
      loginMode: 'popup',
      csrfSelector: CSRF_SELECTOR,
      noLeaveConfirm: false,
      allowCrossOriginLogin: false,
      eventsUrl: '',
    });
  });

  it('reads its attributes as typed properties', async () => {
    const probe = await fixture<AttributesProbe>(html`<attributes-probe ping-url="/ping" warn-after="30" expire-after="60" no-leave-confirm></attributes-probe>`);
    expect([probe.pingUrl, probe.warnAfter, probe.expireAfter, probe.noLeaveConfirm]).to.deep.equal(['/ping', 30, 60, true]);
  });

  it('checks them into settings once per set of values', async () => {
    const probe = await fixture<AttributesProbe>(html`<attributes-probe ping-url="/ping" warn-after="30" expire-after="60"></attributes-probe>`);
    expect(probe.check(), 'first time').to.equal(true);
    expect(probe.checked.ping?.href).to.equal(new URL('/ping', document.baseURI).href);
    expect(probe.checked.times).to.deep.equal({ warnAfter: 30, expireAfter: 60 });
    expect(probe.check(), 'same values').to.equal(false);
    probe.warnAfter = 40;
    expect(probe.check(), 'a new value').to.equal(true);
    expect(probe.checked.times).to.deep.equal({ warnAfter: 40, expireAfter: 60 });
    expect(logged()).to.equal('');
  });

  it('names a bad value and keeps a safe setting', async () => {
    const probe = await fixture<AttributesProbe>(html`<attributes-probe ping-url="/ping" warn-after="soon"></attributes-probe>`);
    probe.check();
    expect(logged()).to.include('warn-after');
    expect(probe.checked.times).to.deep.equal(DEFAULT_TIMES);
  });
});
