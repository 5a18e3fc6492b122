import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { spy, type SinonSpy } from 'sinon';
import { guardForms, type FormGuard } from '../../src/browser/form-guard.js';

describe('guardForms', () => {
  let guard: FormGuard;
  const guards: FormGuard[] = [];
  const start = () => {
    const started = guardForms();
    guards.push(started);
    return started;
  };

  beforeEach(() => {
    guard = start();
  });
  afterEach(() => {
    for (const g of guards.splice(0)) g.stop();
    fixtureCleanup();
  });

  /** What a framework or a test does when it sets a value. */
  const type = (field: HTMLInputElement | HTMLTextAreaElement, value = 'x') => {
    field.value = value;
    field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  };
  const change = (field: Element) => field.dispatchEvent(new Event('change', { bubbles: true }));
  /** Whether leaving the page now would ask. */
  const asks = () => {
    const event = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(event);
    return event.defaultPrevented;
  };
  /** Submits like the user would, without leaving the page: single-page forms do the same. */
  const submit = (form: HTMLFormElement) => {
    form.addEventListener('submit', (event) => event.preventDefault(), { once: true });
    form.requestSubmit();
  };

  it('is clean by default and does not ask', async () => {
    await fixture(html`<form><input name="a" /></form>`);
    expect(guard.dirty).to.equal(false);
    expect(asks()).to.equal(false);
  });

  it('becomes dirty when the user types, with real keys', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><input name="a" /></form>`);
    const input = form.querySelector('input')!;
    input.focus();
    await sendKeys({ type: 'abc' });
    expect(input.value).to.equal('abc');
    expect(guard.dirty).to.equal(true);
    expect(asks()).to.equal(true);
  });

  it('becomes dirty on an input event from a script', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><textarea></textarea></form>`);
    type(form.querySelector('textarea')!);
    expect(guard.dirty).to.equal(true);
  });

  it('becomes dirty on change: a select and a checkbox', async () => {
    const form = await fixture<HTMLFormElement>(html`
      <form>
        <select><option>a</option><option>b</option></select>
      </form>
    `);
    const select = form.querySelector('select')!;
    select.value = 'b';
    change(select);
    expect(guard.dirty, 'select').to.equal(true);

    submit(form);
    expect(guard.dirty).to.equal(false);
    const box = await fixture<HTMLFormElement>(html`<form><input type="checkbox" /></form>`);
    // A real click: checkboxes fire input and change.
    box.querySelector('input')!.click();
    expect(guard.dirty, 'checkbox').to.equal(true);
  });

  it('is clean again after a submit whose default a script prevented (sent with fetch)', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><input /><button>Save</button></form>`);
    type(form.querySelector('input')!);
    let prevented = false;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      prevented = event.defaultPrevented;
    });
    form.querySelector('button')!.click();
    expect(prevented).to.equal(true);
    expect(guard.dirty).to.equal(false);
    expect(asks()).to.equal(false);
  });

  it('is clean again after a submit that goes through', async () => {
    // method="dialog" outside a dialog submits without navigating.
    const form = await fixture<HTMLFormElement>(html`<form method="dialog"><input /></form>`);
    type(form.querySelector('input')!);
    let submitted = false;
    form.addEventListener('submit', (event) => (submitted = !event.defaultPrevented));
    form.requestSubmit();
    expect(submitted).to.equal(true);
    expect(guard.dirty).to.equal(false);
  });

  it('stays dirty when native validation stops the submit', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><input /><input required /></form>`);
    type(form.querySelector('input')!);
    form.requestSubmit();
    expect(guard.dirty).to.equal(true);
  });

  it('is clean again after a reset, and dirty again at the next edit', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><input /></form>`);
    const input = form.querySelector('input')!;
    type(input);
    form.reset();
    expect(input.value).to.equal('');
    expect(guard.dirty).to.equal(false);
    expect(asks()).to.equal(false);
    type(input);
    expect(guard.dirty).to.equal(true);
  });

  it('only cleans the form that was submitted', async () => {
    const root = await fixture(html`<div><form id="one"><input /></form><form id="two"><input /></form></div>`);
    const [one, two] = root.querySelectorAll('form');
    type(one.querySelector('input')!);
    type(two.querySelector('input')!);
    submit(one);
    expect(guard.dirty).to.equal(true);
    expect(asks()).to.equal(true);
    two.reset();
    expect(guard.dirty).to.equal(false);
  });

  describe('data-session-security-ignore', () => {
    it('on the form', async () => {
      const form = await fixture<HTMLFormElement>(html`<form data-session-security-ignore><input /></form>`);
      type(form.querySelector('input')!);
      expect(guard.dirty).to.equal(false);
      expect(asks()).to.equal(false);
    });

    it('on the field, while its siblings still count', async () => {
      const form = await fixture<HTMLFormElement>(html`<form><input data-session-security-ignore /><input id="other" /></form>`);
      type(form.querySelector('input')!);
      expect(guard.dirty, 'ignored field').to.equal(false);
      type(form.querySelector<HTMLInputElement>('#other')!);
      expect(guard.dirty, 'other field').to.equal(true);
    });

    it('on an ancestor fieldset', async () => {
      const form = await fixture<HTMLFormElement>(html`
        <form>
          <fieldset data-session-security-ignore><legend>Filter</legend><input /></fieldset>
          <fieldset><input id="other" /></fieldset>
        </form>
      `);
      type(form.querySelector('input')!);
      expect(guard.dirty, 'ignored fieldset').to.equal(false);
      type(form.querySelector<HTMLInputElement>('#other')!);
      expect(guard.dirty, 'other fieldset').to.equal(true);
    });

    it('on a form whose field sits outside it, tied by the form attribute', async () => {
      const root = await fixture(html`<div><form id="search" data-session-security-ignore></form><input form="search" /></div>`);
      const input = root.querySelector('input')!;
      expect(input.form).to.equal(root.querySelector('form'));
      type(input);
      expect(guard.dirty).to.equal(false);
    });
  });

  it('ignores fields that belong to no form', async () => {
    const root = await fixture(html`<div><input /><textarea></textarea><div contenteditable="true"></div></div>`);
    type(root.querySelector('input')!);
    type(root.querySelector('textarea')!);
    root.querySelector('[contenteditable]')!.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    expect(guard.dirty).to.equal(false);
    expect(asks()).to.equal(false);
  });

  it('takes a control named "form" for no form: only real forms count', async () => {
    // form.form is the control named "form"; the event has no field behind it.
    const form = await fixture<HTMLFormElement>(html`<form><input name="form" /></form>`);
    expect((form as unknown as { form: unknown }).form).to.equal(form.querySelector('input'));
    change(form);
    expect(guard.dirty).to.equal(false);
  });

  it('counts a field tied to a form by the form attribute, and cleans on that form', async () => {
    const root = await fixture(html`<div><form id="profile"></form><input form="profile" /></div>`);
    type(root.querySelector('input')!);
    expect(guard.dirty).to.equal(true);
    submit(root.querySelector('form')!);
    expect(guard.dirty).to.equal(false);
  });

  it('counts a form inside a shadow root, and cleans it on submit', async () => {
    const host = await fixture(html`<div></div>`);
    host.attachShadow({ mode: 'open' }).innerHTML = '<form><input></form>';
    const form = host.shadowRoot!.querySelector('form')!;
    type(form.querySelector('input')!);
    expect(guard.dirty).to.equal(true);
    submit(form);
    expect(guard.dirty).to.equal(false);
  });

  it('counts a form-associated custom element through its host', async () => {
    const tag = 'form-guard-test-field';
    if (!customElements.get(tag)) {
      customElements.define(
        tag,
        class extends HTMLElement {
          static formAssociated = true;
          readonly internals = this.attachInternals();
          constructor() {
            super();
            this.attachShadow({ mode: 'open' }).innerHTML = '<input>';
          }
          get form() {
            return this.internals.form;
          }
        },
      );
    }
    const form = await fixture<HTMLFormElement>(html`<form><form-guard-test-field></form-guard-test-field></form>`);
    const inner = form.querySelector(tag)!.shadowRoot!.querySelector('input')!;
    expect(inner.form, 'the inner input has no form of its own').to.equal(null);
    type(inner);
    expect(guard.dirty).to.equal(true);
  });

  it('forgets a dirty form once it is removed from the document', async () => {
    const root = await fixture(html`<div><form><input /></form></div>`);
    const form = root.querySelector('form')!;
    type(form.querySelector('input')!);
    expect(guard.dirty).to.equal(true);
    form.remove();
    expect(guard.dirty).to.equal(false);
    expect(asks()).to.equal(false);
    root.append(form);
    expect(guard.dirty, 'a removed form was abandoned').to.equal(false);
  });

  it('does not ask after release(), though the form stays dirty', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><input /></form>`);
    const input = form.querySelector('input')!;
    type(input);
    expect(asks()).to.equal(true);
    guard.release();
    expect(asks()).to.equal(false);
    expect(guard.dirty).to.equal(true);
    form.reset();
    type(input);
    expect(asks(), 'released for good').to.equal(false);
  });

  it('asks again with a new guard after stop()', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><input /></form>`);
    guard.release();
    guard.stop();
    guard = start();
    type(form.querySelector('input')!);
    expect(asks()).to.equal(true);
  });

  it('asks through addEventListener, never through window.onbeforeunload', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><input /></form>`);
    type(form.querySelector('input')!);
    expect(window.onbeforeunload).to.equal(null);
    expect(asks()).to.equal(true);
  });

  describe('stop()', () => {
    let added: SinonSpy;
    let removed: SinonSpy;
    beforeEach(() => {
      added = spy(EventTarget.prototype, 'addEventListener');
      removed = spy(EventTarget.prototype, 'removeEventListener');
    });
    afterEach(() => {
      added.restore();
      removed.restore();
    });

    it('removes every listener it added', async () => {
      guard.stop();
      added.resetHistory();
      removed.resetHistory();
      guard = start();
      const root = await fixture(html`<div><form id="one"><input /></form><form id="two"><input /></form></div>`);
      for (const input of root.querySelectorAll('input')) type(input);
      const where = (target: unknown) => (target === document ? 'document' : target === window ? 'window' : `form#${(target as HTMLFormElement).id}`);
      const mine = (s: SinonSpy) =>
        s
          .getCalls()
          .filter((call) => call.thisValue === document || call.thisValue === window || call.thisValue instanceof HTMLFormElement)
          .map((call) => [where(call.thisValue), call.args[0], call.args[1], Boolean(call.args[2]?.capture ?? call.args[2])]);
      const before = mine(added);
      // document: input, change; window: beforeunload; each form: submit, reset.
      expect(before).to.have.length(7);
      guard.stop();
      expect(mine(removed)).to.have.deep.members(before);
    });

    it('no longer makes anything dirty, nor asks', async () => {
      const form = await fixture<HTMLFormElement>(html`<form><input /></form>`);
      const input = form.querySelector('input')!;
      type(input);
      guard.stop();
      expect(guard.dirty, 'forgets dirty forms').to.equal(false);
      expect(asks(), 'no listener left').to.equal(false);
      type(input);
      expect(guard.dirty, 'new input').to.equal(false);
      expect(asks()).to.equal(false);
    });
  });
});
