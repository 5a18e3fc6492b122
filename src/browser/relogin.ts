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

/** While a sign-in is pending, how often the session is checked anyway. */
export const PROBE_EVERY = 5000;

export class ReloginWindow {
  #popup?: Window | null;
  #timer?: ReturnType<typeof setInterval>;

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

  /**
   * Checks every few seconds while a sign-in is pending. The element also checks when a
   * frame loads and when focus comes back (the popup closed, or the user returned).
   */
  watch(): void {
    clearInterval(this.#timer);
    this.#timer = setInterval(this.probe, PROBE_EVERY);
  }

  close(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    if (this.#popup && !this.#popup.closed) this.#popup.close();
    this.#popup = undefined;
  }
}
