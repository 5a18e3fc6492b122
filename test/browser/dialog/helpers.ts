/**
 * Shared by the dialog accessibility tests (issue "Accessible dialog": WCAG 2.2 AA, plus
 * 2.2.5/2.2.6 where the element can help, and the APG alert dialog pattern), checked in
 * every engine with real keys (sendKeys), axe, and the fake clock for time: a page with
 * controls of its own around the element, and the queries and checks the tests share.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import { sendKeys } from '@web/test-runner-commands';
import type { SinonFakeTimers, SinonStub } from 'sinon';
import '../../../src/define.js';
import type { SessionSecurity } from '../../../src/session-security.js';
import { PING, dialogOf, macrotask, servePing, setUpElementTest, startWorker, tearDownElementTest, until, untilLeader, worker, type PingLog } from '../../helpers.js';

export const ENGINE = /Firefox\//.test(navigator.userAgent) ? 'firefox' : /Chrom(e|ium)\//.test(navigator.userAgent) ? 'chromium' : 'webkit';

/** An input two shadow roots deep, to check that focus finds its way back there. */
class A11yField extends HTMLElement {
  constructor() {
    super();
    this.attachShadow({ mode: 'open' }).innerHTML = '<input aria-label="Inner field">';
  }
}
class A11yCard extends HTMLElement {
  constructor() {
    super();
    this.attachShadow({ mode: 'open' }).innerHTML = '<a11y-field></a11y-field>';
  }
}
if (!customElements.get('a11y-field')) customElements.define('a11y-field', A11yField);
if (!customElements.get('a11y-card')) customElements.define('a11y-card', A11yCard);

/** The fake clock and the stubbed navigate() of the running test, set up around each test. */
export interface DialogTest {
  clock: SinonFakeTimers;
  navigate: SinonStub;
}

/** Installs the element-test hooks in the calling describe; read the clock from the result inside tests. */
export function useDialogTest(): DialogTest {
  const test = {} as DialogTest;
  before(startWorker);
  beforeEach(() => Object.assign(test, setUpElementTest()));
  afterEach(() => tearDownElementTest(test));
  return test;
}

/** Shift+Tab: WebDriver (WebKit) presses the keys given in one string together. */
export async function shiftTab(): Promise<void> {
  if (ENGINE === 'webkit') return sendKeys({ press: '\uE008\uE004' });
  await sendKeys({ down: 'Shift' });
  await sendKeys({ press: 'Tab' });
  await sendKeys({ up: 'Shift' });
}

/** Text as rendered in the flat tree: slotted content instead of fallback, aria-hidden left out. */
function flatText(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  if (!(node instanceof Element) || node.getAttribute('aria-hidden') === 'true') return '';
  const children = node instanceof HTMLSlotElement ? node.assignedNodes({ flatten: true }) : [...node.childNodes];
  return children.map(flatText).join('');
}
export const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * A short name for an element, for assertions: a failed assertion on elements themselves
 * makes the runner serialise them, which hangs the page.
 */
export function label(node: Element | null | undefined): string {
  if (!node) return String(node);
  const part = node.getAttribute('part');
  const name = node.getAttribute('aria-label');
  return `${node.localName}${node.id ? `#${node.id}` : ''}${part ? `[part="${part}"]` : ''}${name ? `[aria-label="${name}"]` : ''}`;
}

/** The text an ARIA IDREF list attribute of the dialog points at, in its shadow root. */
export function referenced(dialog: HTMLDialogElement, attribute: string): string {
  const root = dialog.getRootNode() as ShadowRoot;
  const ids = (dialog.getAttribute(attribute) ?? '').split(/\s+/).filter(Boolean);
  expect(ids, attribute).to.not.be.empty;
  return squash(ids.map((id) => flatText(root.getElementById(id) ?? expect.fail(`${attribute} points at a missing #${id}`))).join(' '));
}

export interface MountOptions {
  logout?: boolean;
  login?: boolean;
  pingUrl?: string;
  warnAfter?: number;
  expireAfter?: number;
}

/** A page with controls of its own (a form, a button, an input two shadow roots deep) and the element. */
export async function mount(options: MountOptions = {}) {
  const submits: Event[] = [];
  const root = await fixture<HTMLDivElement>(html`<div>
    <form id="page-form" @submit=${(event: Event) => (submits.push(event), event.preventDefault())}>
      <input type="hidden" name="csrfmiddlewaretoken" value="page-token" />
      <input id="page-input" aria-label="Page input" />
      <button id="page-button" type="button">Page button</button>
    </form>
    <a11y-card></a11y-card>
    <session-security
      user="u1"
      ping-url=${options.pingUrl ?? PING}
      warn-after=${options.warnAfter ?? 60}
      expire-after=${options.expireAfter ?? 660}
      return-to-url="/login/"
      logout-url=${ifDefined(options.logout ? '/logout/' : undefined)}
      login-url=${ifDefined(options.login ? '/login/' : undefined)}
    ></session-security>
  </div>`);
  const el = root.querySelector('session-security')!;
  await untilLeader(options.pingUrl ?? PING);
  const pageInput = root.querySelector<HTMLInputElement>('#page-input')!;
  const pageButton = root.querySelector<HTMLButtonElement>('#page-button')!;
  const inner = root.querySelector('a11y-card')!.shadowRoot!.querySelector('a11y-field')!.shadowRoot!.querySelector('input')!;
  return { root, el, pageInput, pageButton, inner, submits, pageControls: [pageInput, pageButton, root.querySelector('a11y-card')!] as Element[] };
}

/** The focused element inside the element's shadow root (the host is document.activeElement then). */
export const focusedInside = (el: SessionSecurity) => (document.activeElement === el ? el.shadowRoot!.activeElement : null);

/** The deepest focused element, through shadow roots: the walk the element's focus return uses. */
export { deepActiveElement as deepActive } from '../../../src/browser/dialog-focus.js';

/** The warning runs out against a server that says "logout": the element has expired. Returns that server's ping log. */
export async function expireNow(clock: SinonFakeTimers, el: SessionSecurity): Promise<PingLog> {
  worker.resetHandlers();
  const pings = servePing(() => 'logout');
  await clock.tickAsync(el.warnAfter * 1000);
  await until(() => el.controller.phase === 'expired', 'expiry');
  await el.updateComplete;
  return pings;
}

/**
 * axe on the element, with its dialog open: axe settles each rule with setTimeout(0),
 * which the fake clock holds (a 0 ms timer set during a tick is due 1 ms later), so the
 * clock moves 1 ms at a time meanwhile.
 */
export async function expectAccessible(clock: SinonFakeTimers, el: Element) {
  let settled = false;
  const check = Promise.resolve(expect(el).to.be.accessible()).finally(() => (settled = true));
  while (!settled) {
    await clock.tickAsync(1);
    await macrotask();
  }
  await check;
}

/** WCAG 2.5.8: every control at least 24 by 24 CSS px. */
export function expectTargets(dialog: HTMLDialogElement, count: number) {
  const targets = dialog.querySelectorAll('button, a[href]');
  expect(targets).to.have.length(count);
  for (const target of targets) {
    const { width, height } = target.getBoundingClientRect();
    expect(width, `${target.textContent} width`).to.be.at.least(24);
    expect(height, `${target.textContent} height`).to.be.at.least(24);
  }
}

/** Waits for the extend ping the element sends, so that it lands in this test. */
export const extendPingLanded = (pings: PingLog, n: number) => until(() => pings.idleFor.length === n, `ping #${n}`);

export { dialogOf };
