import { expect, fixture, fixtureCleanup, html as fixtureHtml } from '@open-wc/testing';
import { LitElement, html } from 'lit';
import { DialogFocus, deepActiveElement } from '../../src/browser/dialog-focus.js';

/** A host with the controller and a dialog whose content follows `view`. */
class FocusHost extends LitElement {
  static override properties = { view: {} };
  declare view: string;
  readonly focus = new DialogFocus(
    this,
    () => this.renderRoot.querySelector('dialog')!,
    () => this.view,
  );
  constructor() {
    super();
    this.view = 'closed';
  }
  protected override render() {
    return html`<dialog tabindex="-1" @close=${this.focus.onClose}>
      ${this.view === 'a' ? html`<button autofocus>a</button>` : this.view === 'b' ? html`<button>other</button><button autofocus>b</button>` : ''}
    </dialog>`;
  }
}
customElements.define('focus-host', FocusHost);

/** A button inside another shadow root, where focus starts. */
class ShadowButton extends HTMLElement {
  constructor() {
    super();
    this.attachShadow({ mode: 'open' }).innerHTML = '<button>inside</button>';
  }
}
customElements.define('shadow-button', ShadowButton);

describe('dialog-focus', () => {
  afterEach(() => fixtureCleanup());

  async function setUp() {
    const root = await fixture(fixtureHtml`<div><shadow-button></shadow-button><focus-host></focus-host></div>`);
    const inside = root.querySelector('shadow-button')!.shadowRoot!.querySelector('button')!;
    const host = root.querySelector<FocusHost>('focus-host')!;
    inside.focus();
    return { host, inside, dialog: host.renderRoot.querySelector('dialog')! };
  }
  const show = async (host: FocusHost, view: string) => {
    host.view = view;
    await host.updateComplete;
  };
  const focused = () => deepActiveElement()?.textContent;

  it('finds the focused element through open shadow roots', async () => {
    const { inside } = await setUp();
    expect(deepActiveElement()).to.equal(inside);
  });

  it('opens the dialog modal on its [autofocus] control, and gives focus back where it was on close', async () => {
    const { host, inside, dialog } = await setUp();
    await show(host, 'a');
    expect(dialog.open && dialog.matches(':modal')).to.equal(true);
    expect(focused()).to.equal('a');
    await show(host, 'closed');
    expect(dialog.open).to.equal(false);
    expect(deepActiveElement()).to.equal(inside);
  });

  it('new content while open moves focus as if the dialog had just opened', async () => {
    const { host } = await setUp();
    await show(host, 'a');
    await show(host, 'b');
    expect(focused()).to.equal('b');
  });

  it('focus lost from the dialog (its control removed) comes back to it on the next update', async () => {
    const { host, dialog } = await setUp();
    await show(host, 'b');
    dialog.querySelector('button')!.focus(); // "other"
    host.requestUpdate();
    await host.updateComplete;
    expect(focused(), 'kept while inside').to.equal('other');
    deepActiveElement()!.blur(); // the focused control gone from under the user
    host.requestUpdate();
    await host.updateComplete;
    expect(focused()).to.equal('b');
  });

  it('a dialog the browser closed while there is something to show opens again, focus still going back to the start', async () => {
    const { host, inside, dialog } = await setUp();
    await show(host, 'a');
    dialog.close(); // as Chromium does on a second Escape
    await new Promise((resolve) => dialog.addEventListener('close', resolve, { once: true }));
    await host.updateComplete;
    expect(dialog.open, 'open again').to.equal(true);
    await show(host, 'closed');
    expect(deepActiveElement()).to.equal(inside);
  });

  it('does not restore focus to an element that is gone', async () => {
    const { host, inside } = await setUp();
    await show(host, 'a');
    (inside.getRootNode() as ShadowRoot).host.remove();
    await show(host, 'closed');
    expect(deepActiveElement()).to.equal(document.body);
  });

  it('closes the dialog when the host is removed', async () => {
    const { host, dialog } = await setUp();
    await show(host, 'a');
    host.remove();
    expect(dialog.open).to.equal(false);
  });
});
