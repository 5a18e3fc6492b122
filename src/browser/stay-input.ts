/**
 * Which input means "stay signed in" while the warning shows, and what a key pressed on
 * the dialog does. Pure: the event and the dialog's parts in, a verdict out.
 */
import type { View } from '../dialog-view.js';

/** The parts of the open dialog the verdict depends on. */
export interface DialogBox {
  /** The "Sign out now" form, if shown: anything on it means leaving, not staying. */
  signOut: Element | null;
  /** The dialog's box on screen; asked only for pointer moves (it costs a layout). */
  box: () => DOMRectReadOnly;
}

/**
 * While the warning shows, most activity means "stay signed in" (WCAG 2.2.1: one key or
 * click), but not what it takes to choose the other way: Tab and Shift moving between
 * the buttons, anything on "Sign out now", the pointer moving over the dialog on its way
 * to a button. The start of a tap does not count either; its click, which lands in the
 * dialog while the page behind is inert, does (extending at touchstart would close the
 * dialog under the finger and let the tap's click fall through to the page).
 */
export function reasonToStay(event: Event, dialog: DialogBox): boolean {
  if (dialog.signOut && event.composedPath().includes(dialog.signOut)) return false;
  if (event.type === 'keydown') return !['Tab', 'Shift'].includes((event as KeyboardEvent).key);
  if (event.type === 'pointerdown' || event.type === 'touchstart') return false;
  if (event.type !== 'pointermove') return true;
  const box = dialog.box();
  const { clientX: x, clientY: y } = event as PointerEvent;
  return x < box.left || x > box.right || y < box.top || y > box.bottom;
}

/**
 * A key pressed on the dialog (its keydown listener). While warning, a key only extends
 * (WCAG 2.2.1). The activity watcher has usually extended and closed the dialog before
 * the key gets here ('closed'), and focus is back on the page: the key must not act there
 * too (Enter submitting a form, Space pressing a button, Tab moving on, a letter typed
 * into a field); browser shortcuts (reload, find, zoom, full screen) still work. After
 * expiry, Escape has nothing to cancel; stopping it keeps browsers from closing the
 * dialog on a repeated Escape. A script's key is not a person's, and Tab between the
 * buttons, or "Sign out now", is not a reason to stay: those keys are left alone.
 */
export function keyVerdict(event: KeyboardEvent, view: View, dialog: DialogBox): { stay: boolean; block: boolean } {
  if (!event.isTrusted || !reasonToStay(event, dialog)) return { stay: false, block: false };
  if (view !== 'warning' && view !== 'closed') return { stay: false, block: event.key === 'Escape' };
  const shortcut = event.ctrlKey || event.metaKey || event.altKey || /^F\d+$/.test(event.key);
  return { stay: view === 'warning', block: !shortcut };
}

/** The parts of a rendered dialog that reasonToStay() reads. */
export function dialogBox(dialog: HTMLDialogElement): DialogBox {
  return { signOut: dialog.querySelector('form'), box: () => dialog.getBoundingClientRect() };
}
