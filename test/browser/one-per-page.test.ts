import { expect } from '@open-wc/testing';
import { stub, type SinonStub } from 'sinon';
import { onePerPage } from '../../src/browser/one-per-page.js';

describe('one-per-page', () => {
  let warn: SinonStub;
  let key: string;
  const elements: Element[] = [];
  beforeEach(() => {
    warn = stub(console, 'warn');
    key = `https://example.test/${Math.random()}`; // the map is the module's: a key per test
  });
  afterEach(() => {
    warn.restore();
    for (const element of elements.splice(0)) element.remove();
  });

  const connected = () => {
    const element = document.createElement('div');
    document.body.append(element);
    elements.push(element);
    return element;
  };
  /** Once the microtask that claims has run. */
  const settled = () => new Promise<void>((resolve) => queueMicrotask(resolve));
  const warnings = () => warn.args.map((args) => String(args[0]));

  it('warns, naming what the key is, when a second element claims a key a connected one holds', async () => {
    onePerPage(key, connected(), 'ping-url="/ping"');
    await settled();
    onePerPage(key, connected(), 'ping-url="/ping"');
    await settled();
    expect(warnings()).to.deep.equal(['<session-security>: another element already watches ping-url="/ping"; use one per page.']);
  });

  it('does not warn for two keys', async () => {
    onePerPage(key, connected(), 'a');
    onePerPage(`${key}/other`, connected(), 'b');
    await settled();
    expect(warnings()).to.deep.equal([]);
  });

  it('lets the next element claim a key once its holder released it', async () => {
    const release = onePerPage(key, connected(), 'a');
    await settled();
    release();
    onePerPage(key, connected(), 'a');
    await settled();
    expect(warnings()).to.deep.equal([]);
  });

  it('does not warn when a page swap inserts the new element before it removes the old one (hx-boost), and the new one holds the key', async () => {
    const old = connected();
    const releaseOld = onePerPage(key, old, 'a');
    await settled();
    onePerPage(key, connected(), 'a'); // the new page's element, in the same task as...
    old.remove(); // ...the old page's removal
    releaseOld();
    await settled();
    expect(warnings(), 'no warning for the swap').to.deep.equal([]);
    onePerPage(key, connected(), 'a');
    await settled();
    expect(warnings(), 'the new element holds the key').to.have.length(1);
  });

  it('gives no key to an element removed before its claim settled', async () => {
    const gone = connected();
    onePerPage(key, gone, 'a');
    gone.remove();
    await settled();
    onePerPage(key, connected(), 'a');
    await settled();
    expect(warnings()).to.deep.equal([]);
  });

  it('gives a released key back to a holder that claims it again (moved in one task)', async () => {
    const element = connected();
    const release = onePerPage(key, element, 'a');
    await settled();
    release();
    onePerPage(key, element, 'a');
    await settled();
    onePerPage(key, connected(), 'a');
    await settled();
    expect(warnings()).to.have.length(1);
  });
});
