/**
 * custom-elements.json (built by `npm run build`) against the element itself, so that the
 * manifest cannot drift from the code: the built class's observedAttributes and its
 * text-* attributes, its reactive properties, the events it really dispatches while
 * going through warn, extend, ping-error and expire, and the parts, slots and custom
 * properties its dialog and styles use.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { HttpResponse } from 'msw';
import type { SinonFakeTimers, SinonStub } from 'sinon';
// The built class, as the package ships it (this page defines nothing else).
import '../../dist/define.js';
import type { SessionSecurity } from '../../src/session-security.js';
import { SESSION_SECURITY_EVENTS } from '../../src/events.js';
import { en } from '../../src/i18n/en.js';
import { PING, echo, servePing, setUpElementTest, startWorker, tearDownElementTest, until, untilLeader } from '../helpers.js';

interface Named {
  name: string;
  fieldName?: string;
  kind?: string;
  attribute?: string;
  type?: { text: string };
}
interface Declaration {
  tagName?: string;
  attributes: Named[];
  members: Named[];
  events: Named[];
  slots: Named[];
  cssParts: Named[];
  cssProperties: Named[];
}

const names = (list: Named[] = []) => list.map((item) => item.name).sort();
const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

describe('custom-elements.json', () => {
  let element: Declaration;
  let clock: SinonFakeTimers;
  let navigate: SinonStub;

  before(async () => {
    // Before msw starts: the manifest is a plain file of the dev server.
    const response = await fetch('/custom-elements.json');
    if (!response.ok) throw new Error(`/custom-elements.json: HTTP ${response.status}; run \`npm run build\` first`);
    const manifest = (await response.json()) as { modules: Array<{ declarations?: Declaration[] }> };
    const found = manifest.modules.flatMap((mod) => mod.declarations ?? []).filter((d) => d.tagName === 'session-security');
    expect(found, 'one declaration of <session-security>').to.have.length(1);
    element = found[0];
    await startWorker();
  });
  beforeEach(() => ({ clock, navigate } = setUpElementTest()));
  afterEach(() => tearDownElementTest({ clock, navigate }));

  const built = () => customElements.get('session-security') as unknown as typeof SessionSecurity;

  it('lists exactly the observed attributes and the text-* attributes of every string', () => {
    const textAttributes = Object.keys(en).map((key) => `text-${kebab(key)}`);
    expect(names(element.attributes)).to.deep.equal([...built().observedAttributes, ...textAttributes].sort());
  });

  it('lists every reactive property with its attribute and type', () => {
    const properties = built().properties as Record<string, { attribute?: string; type?: unknown }>;
    for (const [property, options] of Object.entries(properties)) {
      const member = element.members.find((m) => m.name === property);
      expect(member, property).to.not.equal(undefined);
      const attribute = element.attributes.find((a) => a.fieldName === property);
      expect(attribute?.name, `${property}'s attribute`).to.equal(options.attribute ?? property.toLowerCase());
      const type = options.type === Number ? 'number' : options.type === Boolean ? 'boolean' : 'string';
      expect(member!.type?.text, `${property}'s type`).to.equal(type);
    }
    for (const api of ['controller', 'timeoutSeconds', 'unsavedChanges', 'activity', 'extend', 'signedOut']) expect(names(element.members), api).to.include(api);
    expect(
      names(element.members).filter((name) => name.startsWith('#')),
      'no private members',
    ).to.deep.equal([]);
  });

  it('lists the typed events, and every event the element dispatches', async () => {
    expect(names(element.events)).to.deep.equal([...SESSION_SECURITY_EVENTS].sort());
    for (const event of element.events) expect(event.type?.text, event.name).to.match(/^CustomEvent<SessionSecurity\w+Detail>$/);

    let fail = false;
    servePing((idleFor) => (fail ? new HttpResponse('oops', { status: 500 }) : echo(idleFor)));
    const el = await fixture<SessionSecurity>(html`<session-security user="u1" ping-url=${PING} logout-url="/logout"></session-security>`);
    await untilLeader();
    const dispatched: string[] = [];
    const dispatch = el.dispatchEvent.bind(el);
    el.dispatchEvent = (event: Event) => {
      if (event.type.startsWith('session-security')) dispatched.push(event.type);
      return dispatch(event);
    };
    el.addEventListener('session-security-expire', (event) => event.preventDefault()); // stay on the test page

    await clock.tickAsync(540_000);
    await until(() => dispatched.includes('session-security-warn'), 'warn');
    await el.updateComplete;
    // While the warning shows: the parts and slots it renders are listed.
    const root = el.shadowRoot!;
    const parts = [...root.querySelectorAll('[part]')].flatMap((node) => node.getAttribute('part')!.split(/\s+/));
    expect(parts.length).to.be.greaterThan(5);
    for (const part of parts) expect(names(element.cssParts), `part ${part}`).to.include(part);
    const slots = [...root.querySelectorAll('slot')].map((slot) => slot.name);
    expect(slots).to.include.members(['title', 'message']);
    for (const slot of slots) expect(names(element.slots), `slot ${slot}`).to.include(slot);

    el.extend();
    await until(() => dispatched.includes('session-security-extend'), 'extend');
    fail = true;
    await clock.tickAsync(540_000);
    await until(() => dispatched.includes('session-security-ping-error'), 'ping-error');
    await clock.tickAsync(60_000);
    await until(() => dispatched.includes('session-security-expire'), 'expire');
    for (const type of dispatched) expect(names(element.events), type).to.include(type);
  });

  it('lists exactly the custom properties the styles use', () => {
    const styles = [built().styles].flat(Infinity as 1) as unknown as Array<{ cssText: string }>;
    const used = new Set(styles.flatMap((sheet) => [...sheet.cssText.matchAll(/var\((--session-security-[a-z-]+)/g)].map((m) => m[1])));
    expect(names(element.cssProperties)).to.deep.equal([...used].sort());
  });
});
