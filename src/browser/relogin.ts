/**
 * Signing back in without leaving the page. The login page opens in a popup (default) or
 * in a frame inside the dialog; success is detected by pinging, so any login page that
 * redirects anywhere works and no message crosses windows (there is no postMessage to
 * trust, hence none to check for origin and source).
 *
 * Why a popup by default: identity providers and many frameworks refuse to be framed
 * (Django sends X-Frame-Options: DENY by default), a popup shows the login page's real
 * address (users can check where they type their password) and password managers work
 * in it. The popup gets no `opener`: the login page cannot reach back into this page.
 */
import { listen } from './listen.js';

/** While a sign-in is pending, how often the session is checked anyway. */
export const PROBE_EVERY = 5000;

export class ReloginWindow {
  #popup?: Window | null;
  #timer?: ReturnType<typeof setInterval>;
  #unlisten?: () => void;

  constructor(
    /** Asks the server whether a session exists now (the element pings). */
    private readonly probe: () => void,
  ) {}

  /** Opens the login page in a popup; false when the browser blocked it. */
  openPopup(url: URL): boolean {
    this.close();
    const popup = open('about:blank', 'session-security-login', 'popup,width=520,height=680');
    if (!popup) return false;
    popup.opener = null; // sever before it leaves about:blank and our origin
    popup.location.href = url.href;
    this.#popup = popup;
    this.watch();
    return true;
  }

  /** Starts checking for a frame shown by the element (each frame load also probes). */
  watch(): void {
    clearInterval(this.#timer);
    this.#timer = setInterval(this.probe, PROBE_EVERY);
    // Focus comes back when the popup closes or the user returns from it.
    this.#unlisten ??= listen(window, ['focus'], this.probe);
  }

  /** True while the popup is open. */
  get popupOpen(): boolean {
    return !!this.#popup && !this.#popup.closed;
  }

  close(): void {
    clearInterval(this.#timer);
    this.#unlisten?.();
    this.#unlisten = this.#timer = undefined;
    if (this.popupOpen) this.#popup!.close();
    this.#popup = undefined;
  }
}
