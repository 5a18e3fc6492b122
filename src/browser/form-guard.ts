import { listen } from './listen.js';

/** On a form, a fieldset, a field or any container of them: typing there never counts. */
const IGNORE = '[data-session-security-ignore]';

export interface FormGuard {
  /** Whether a form still in the document has changes the user has not submitted or reset. */
  readonly dirty: boolean;
  /** Lets the page go without asking, for good: the element calls it before navigating at expiry. */
  release(): void;
  /** Removes every listener and forgets every form. */
  stop(): void;
}

/** Anything that belongs to a form: inputs, selects, textareas, buttons, form-associated elements. */
type Field = Element & { form?: unknown };

/**
 * The element whose `form` is a form, for an input or change event. A field inside an open
 * shadow root is seen as its host from `document`, so we start from the real field and go
 * out through the shadow hosts: a form-associated custom element exposes its `form` on the host.
 */
function fieldOf(event: Event): Field | null {
  let node = event.target as Node | null;
  if (node instanceof Element && node.shadowRoot) node = event.composedPath()[0] as Node;
  while (node) {
    // instanceof, not a truthiness check: `form.form` is the control named "form", if any.
    if ((node as Field).form instanceof HTMLFormElement) return node as Field;
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return null;
}

/**
 * Asks before the user leaves a page with a changed, unsubmitted form.
 *
 * A submit cleans the form even when a listener prevents its default action: that is how
 * single-page forms send with fetch, and a form that kept asking after it was saved would
 * teach people to click through the prompt. A form that fails native validation fires no
 * submit and stays dirty; one that a script refuses becomes dirty again at the next edit.
 */
export function guardForms(): FormGuard {
  // Dirty forms and the function that stops listening to their submit and reset. Listening
  // on each form rather than on `document` also hears forms inside shadow roots, whose
  // submit and reset events are not composed.
  const forms = new Map<HTMLFormElement, () => void>();
  let released = false;
  let asking = false;

  const clean = (form: HTMLFormElement) => {
    forms.get(form)?.();
    forms.delete(form);
  };

  /** Some dirty form is still in the document; removed forms are dropped for good. */
  const dirty = () => {
    for (const form of forms.keys()) {
      if (form.isConnected) return true;
      clean(form);
    }
    return false;
  };

  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (!dirty()) return ask(false);
    event.preventDefault();
    // Engines before preventDefault() was honoured here wanted a non-empty returnValue.
    event.returnValue = 'unsaved';
  };

  // Only listen while there is something to lose: some engines keep pages with a
  // beforeunload listener out of the back/forward cache.
  const ask = (on: boolean) => {
    on &&= !released;
    if (on === asking) return;
    asking = on;
    if (on) window.addEventListener('beforeunload', onBeforeUnload);
    else window.removeEventListener('beforeunload', onBeforeUnload);
  };

  const stopEdits = listen(
    document,
    ['input', 'change'],
    (event) => {
      const field = fieldOf(event);
      if (!field) return;
      const form = field.form as HTMLFormElement;
      // Every keystroke ends here once the form is dirty.
      if (forms.has(form)) return;
      // A field tied to the form by its form attribute may sit outside the form's subtree.
      if (field.closest(IGNORE) || form.closest(IGNORE)) return;
      dirty(); // a new dirty form is a good moment to drop the removed ones
      forms.set(
        form,
        listen(form, ['submit', 'reset'], () => {
          clean(form);
          ask(dirty());
        }),
      );
      ask(true);
    },
    { capture: true, passive: true },
  );

  return {
    get dirty() {
      return dirty();
    },
    release() {
      released = true;
      ask(false);
    },
    stop() {
      stopEdits();
      for (const form of [...forms.keys()]) clean(form);
      ask(false);
    },
  };
}
