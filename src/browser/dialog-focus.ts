/**
 * Where focus goes as the modal dialog opens, changes and closes: a lit reactive
 * controller, as Shoelace keeps its modal's focus handling apart from the dialog.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The deepest focused element, through open shadow roots. */
export function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active as HTMLElement | null;
}

export class DialogFocus implements ReactiveController {
  #before?: HTMLElement | null;
  /** The view the last update showed, to tell when the dialog's content changed while open. */
  #shown = 'closed';

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    /** The dialog, once rendered. */
    private readonly dialog: () => HTMLDialogElement,
    /** What the dialog should show: 'closed', or the view's name. */
    private readonly view: () => string,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const dialog = this.dialog();
    const view = this.host.isConnected ? this.view() : 'closed';
    const open = view !== 'closed';
    if (open && !dialog.open) {
      // ??=: reopened after the browser closed it (onClose), focus still goes back to the start.
      this.#before ??= deepActiveElement();
      dialog.showModal(); // focuses the [autofocus] control, else the dialog (tabindex=-1)
    } else if (open && (view !== this.#shown || !dialog.contains((dialog.getRootNode() as ShadowRoot).activeElement))) {
      // New content under the user (the warning ran out into "signed out" or "sign in
      // again"; the sign-in frame replaced its button): the focused control may be gone
      // and the change must be heard, so focus moves as if the dialog had just opened.
      (dialog.querySelector<HTMLElement>('[autofocus]') ?? dialog).focus();
    }
    this.#shown = view;
    if (!open && dialog.open) {
      dialog.close();
      // Back where the user was, even inside another shadow root; if that element is
      // gone, the browser's default (the document) is the sensible place.
      if (this.#before?.isConnected) this.#before.focus();
      this.#before = undefined;
    }
  }

  /**
   * Removed, an open dialog would stay open but no longer modal; closed, it opens modal
   * again if the element is put back.
   */
  hostDisconnected(): void {
    this.dialog()?.close();
  }

  /**
   * The dialog's close listener. Browsers may close a modal dialog themselves: Chromium
   * does on a second Escape (or Android's Back) with no user activation in between,
   * whatever `cancel` said. While there is something to show, it opens again.
   */
  onClose = (): void => {
    if (this.view() !== 'closed') this.host.requestUpdate();
  };
}
