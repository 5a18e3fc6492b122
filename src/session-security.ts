/**
 * <session-security>: attributes become a validated configuration, the controller
 * (core/controller.ts) makes every decision, browser adapters feed it, and this class
 * turns its decisions into DOM events and renders the dialog (dialog-view.ts).
 */
import { LitElement, html, type PropertyValues } from 'lit';
import { SessionController, type ControllerEvents } from './core/controller.js';
import { DEFAULT_TIMES, PING_TIMEOUT, checkSeconds, checkTimes, checkUrl } from './core/config.js';
import type { LogoutReason, PingAnswer } from './core/protocol.js';
import type { Times } from './core/timeline.js';
import { PingClient } from './browser/ping-client.js';
import { watchActivity, watchWakeUps } from './browser/activity.js';
import { hidePage } from './browser/hide-page.js';
import { TabSync } from './browser/tab-sync.js';
import { guardForms, type FormGuard } from './browser/form-guard.js';
import { ReloginWindow } from './browser/relogin.js';
import { SessionEvents } from './browser/session-events.js';
import { CSRF_SELECTOR, checkCsrfSelector, csrfField, updateCsrfTokens } from './browser/csrf.js';
import { en } from './i18n/en.js';
import type { Strings } from './i18n/strings.js';
import { langOf, loadStrings, matchLocale } from './i18n/locale.js';
import { renderDialog, type View } from './dialog-view.js';
import { styles } from './styles.js';

/** Running elements by ping URL, to warn about two elements for one session. */
const running = new Map<string, SessionSecurity>();

/** The deepest focused element, through open shadow roots. */
function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active as HTMLElement | null;
}

export class SessionSecurity extends LitElement {
  static override styles = styles;
  static override properties = {
    pingUrl: { attribute: 'ping-url', reflect: true },
    user: { reflect: true },
    warnAfter: { attribute: 'warn-after', type: Number, reflect: true },
    expireAfter: { attribute: 'expire-after', type: Number, reflect: true },
    returnToUrl: { attribute: 'return-to-url', reflect: true },
    pingTimeout: { attribute: 'ping-timeout', type: Number, reflect: true },
    logoutUrl: { attribute: 'logout-url', reflect: true },
    loginUrl: { attribute: 'login-url', reflect: true },
    loginMode: { attribute: 'login-mode', reflect: true },
    csrfSelector: { attribute: 'csrf-selector', reflect: true },
    noLeaveConfirm: { attribute: 'no-leave-confirm', type: Boolean, reflect: true },
    allowCrossOriginLogin: { attribute: 'allow-cross-origin-login', type: Boolean, reflect: true },
    eventsUrl: { attribute: 'events-url', reflect: true },
  };

  /** The ping endpoint: http(s) or relative. Required. */
  declare pingUrl: string;
  /**
   * The opaque user the server rendered this page for (the `user` of its ping answers).
   * Without it the element asks the server once at start: a page must know whose it is
   * before it trusts any answer. Read when the element starts.
   */
  declare user: string;
  /** Seconds of inactivity before the warning. */
  declare warnAfter: number;
  /** Seconds of inactivity before the session ends. */
  declare expireAfter: number;
  /** Where to go at expiry; the page reloads when empty. */
  declare returnToUrl: string;
  /** Seconds before a ping without an answer counts as failed. */
  declare pingTimeout: number;
  /** Offers "Sign out now" in the warning: a POST form to this URL. */
  declare logoutUrl: string;
  /** Turns on signing back in without leaving the page, with this login page. */
  declare loginUrl: string;
  /** "popup" (default) or "frame": where the login page opens. */
  declare loginMode: string;
  /** Which inputs and meta tags hold the CSRF token a resumed page needs refreshed. */
  declare csrfSelector: string;
  /** No "leave page?" confirmation for unsaved forms. */
  declare noLeaveConfirm: boolean;
  /** Lets return-to-url and a popup login-url lead to another origin (an identity provider). */
  declare allowCrossOriginLogin: boolean;
  /** Optional session events stream (PROTOCOL.md, "Session events"): sign-outs elsewhere reach the page at once. */
  declare eventsUrl: string;

  /** The decisions; read its `phase`, `last` and `expiresAt` for the current state. */
  readonly controller: SessionController;
  readonly #pinger: PingClient;
  #times: Times = DEFAULT_TIMES;
  #ping?: URL;
  #returnTo?: URL;
  #logout?: URL;
  #login?: URL;
  #eventsUrl?: URL;
  readonly #events: SessionEvents;
  #timeout = PING_TIMEOUT.fallback;
  #configured = '';
  #unwatch: Array<() => void> = [];
  #tabs?: TabSync;
  #forms?: FormGuard;
  #relogin?: ReloginWindow;
  #reloginView?: { frame?: boolean; popupBlocked?: boolean };
  #strings: Strings = en;
  #locale = 'en';
  #tick?: ReturnType<typeof setInterval>;
  #focusBefore?: HTMLElement | null;
  /** The view the last update showed, to tell when the dialog's content changed while open. */
  #shown: View = 'closed';
  #probing = false;
  #probeAgain = false;
  #expiredHere = false;
  /** Why the session ended, for the signed-out dialog. */
  #reason?: LogoutReason;
  /** The polite announcement outside the dialog, for after it closed ("session extended"). */
  #status = '';

  constructor() {
    super();
    this.pingUrl = this.user = this.returnToUrl = this.logoutUrl = this.loginUrl = this.eventsUrl = '';
    this.loginMode = 'popup';
    this.csrfSelector = CSRF_SELECTOR;
    this.warnAfter = DEFAULT_TIMES.warnAfter;
    this.expireAfter = DEFAULT_TIMES.expireAfter;
    this.pingTimeout = PING_TIMEOUT.fallback;
    this.noLeaveConfirm = this.allowCrossOriginLogin = false;
    this.#pinger = new PingClient(
      () => this.#ping,
      () => this.#timeout,
    );
    this.controller = new SessionController(
      () => this.#times,
      this.#pinger,
      (type, detail) => this.#onDecision(type, detail),
      () => this.#timeout,
    );
    this.#events = new SessionEvents(() => this.#eventsUrl, () => !!this.#tabs?.leading, this.controller);
  }

  /** Seconds of inactivity before the session ends, as in force now (WCAG 2.2.6: tell users up front). */
  get timeoutSeconds(): number {
    return this.controller.times.expireAfter;
  }

  /** Whether a form of the page has changes the user has not submitted. */
  get unsavedChanges(): boolean {
    return !!this.#forms?.dirty;
  }

  /** Reports activity the DOM does not show (a video playing, a long upload...). */
  activity(): void {
    this.controller.activity();
  }

  /** Keeps the session: closes the warning and pings the server. */
  extend(): void {
    this.controller.extend();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#configure();
    const key = this.#ping?.href ?? '';
    if (running.has(key)) console.warn(`<session-security>: another element already watches ping-url="${this.pingUrl}"; they act as two tabs and both show the dialog. Use one per page.`);
    else running.set(key, this);
    this.#unwatch = [
      watchActivity((at, event) => {
        if (this.controller.phase === 'warning' && !this.#reasonToStay(event)) return false;
        this.controller.activity(at);
      }),
      watchWakeUps((event) => {
        // Back from the back/forward cache or a freeze: the session may have ended while
        // the page was away (signed out in this very tab, then Back), so ask first.
        if ((event as PageTransitionEvent).persisted || event.type === 'resume') this.controller.confirm();
        else this.controller.check();
        if (this.#relogin) this.#probe();
      }),
    ];
    this.#guardForms();
    this.#syncTabs();
    this.#events.start();
    const c = this.controller;
    c.user ??= this.user || undefined;
    // The server's word from the start when the page does not say whose it is, or its
    // times were unusable (the server's per-user times then replace the defaults at once).
    c.start(!c.user || this.#times.warnAfter !== this.warnAfter || this.#times.expireAfter !== this.expireAfter);
    // Put back (frameworks move elements) while checking or signed out: the page stays
    // hidden, the dialog modal, and signing in again works as before.
    hidePage(this, c.checking || c.phase === 'expired');
    if (this.#expiredHere && this.#login) this.#expire();
    this.requestUpdate();
    this.#localize();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const stop of this.#unwatch) stop();
    this.#unwatch = [];
    this.#tabs?.stop();
    this.#events.stop();
    this.#forms?.stop();
    this.#relogin?.close();
    this.#tabs = this.#forms = this.#relogin = undefined;
    this.controller.stop();
    this.#setTick(false);
    // Removed, an open dialog would stay open but no longer modal; closed, it opens modal
    // again if the element is put back.
    this.renderRoot.querySelector('dialog')?.close();
    hidePage(this, false); // whoever removes the element takes over the page
    for (const [key, element] of running) if (element === this) running.delete(key);
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (this.isConnected && Object.keys(SessionSecurity.properties).some((key) => changed.has(key)) && this.#configure()) {
      if (changed.has('pingUrl')) this.#syncTabs();
      if (changed.has('noLeaveConfirm')) this.#guardForms();
      this.controller.check(); // new values take effect at once
    }
  }

  /** Validates the attributes (once per set of values); true when they changed. */
  #configure(): boolean {
    const key = Object.keys(SessionSecurity.properties)
      .map((name) => this[name as keyof this])
      .join(' ');
    if (key === this.#configured) return false;
    this.#configured = key;
    const base = document.baseURI;
    // The document's origin (self.origin): location.origin says "null" in about:srcdoc frames.
    const origin = self.origin;
    // The ping and the sign-out form carry the session's cookies and the CSRF token, and
    // a login frame sits inside this page: never another origin. Leaving the page (at
    // expiry, or to sign in in a popup) may go to an identity provider, but only when
    // the page says so; otherwise return-to-url="/\evil.test" would be an open redirect.
    const away = this.allowCrossOriginLogin ? undefined : origin;
    const hint = ' Add allow-cross-origin-login to allow another origin.';
    this.#times = checkTimes(this.warnAfter, this.expireAfter);
    this.#ping = checkUrl('ping-url', this.pingUrl, { base, required: true, origin });
    this.#returnTo = checkUrl('return-to-url', this.returnToUrl, { base, origin: away, hint });
    this.#logout = checkUrl('logout-url', this.logoutUrl, { base, origin });
    this.#eventsUrl = checkUrl('events-url', this.eventsUrl, { base, origin });
    const frame = this.loginMode === 'frame';
    this.#login = checkUrl('login-url', this.loginUrl, frame ? { base, origin, hint: ' login-mode="frame" needs a login page on this origin.' } : { base, origin: away, hint });
    this.#timeout = checkSeconds('ping-timeout', this.pingTimeout, PING_TIMEOUT);
    if (this.loginMode !== 'popup' && !frame) console.error(`<session-security>: login-mode="${this.loginMode}" is not "popup" or "frame"; using "popup".`);
    checkCsrfSelector(this.csrfSelector); // reports a bad one; the lookups fall back themselves
    return true;
  }

  /** One channel and one leader lock per ping URL: another app on the origin is another session. */
  #syncTabs(): void {
    this.#tabs?.stop();
    this.#tabs = undefined;
    if (!this.#ping || !this.isConnected) return;
    this.#tabs = new TabSync(this.controller, `session-security ${this.#ping.href}`, () => (this.#timeout + 5) * 1000);
    this.#tabs.start();
  }

  #guardForms(): void {
    this.#forms?.stop();
    this.#forms = guardForms();
    if (this.noLeaveConfirm) this.#forms.release(); // still tracks unsavedChanges
  }

  /** Loads the strings of the element's language (its lang, or the closest ancestor's). */
  async #localize(): Promise<void> {
    const locale = matchLocale(langOf(this));
    if (locale === this.#locale) return;
    const strings = await loadStrings(locale);
    this.#locale = locale;
    this.#strings = strings;
    this.requestUpdate();
  }

  #onDecision<K extends keyof ControllerEvents>(type: K, detail: ControllerEvents[K]): void {
    if (type === 'change') {
      hidePage(this, this.controller.checking || this.controller.phase === 'expired');
      this.requestUpdate();
      return;
    }
    if (type === 'revive') {
      this.#probe();
      return;
    }
    if (type === 'warn') {
      this.#status = ''; // so that the next "extended" is a change, and is announced
      this.#localize();
    }
    const expire = type === 'expire';
    if (expire) this.#reason = (detail as ControllerEvents['expire']).reason;
    const event = new CustomEvent(`session-security-${type}`, {
      bubbles: true,
      composed: true,
      cancelable: expire,
      detail:
        type === 'warn'
          ? { ...detail, expiresAt: this.controller.expiresAt, timeout: this.timeoutSeconds }
          : expire
            ? { ...detail, unsavedChanges: this.unsavedChanges }
            : detail,
    });
    if (this.dispatchEvent(event) || !expire) {
      if (expire) this.#expire();
      if (type === 'extend') this.#status = this.#text('extended');
      return;
    }
    hidePage(this, false); // the page handles expiry itself
    this.requestUpdate();
  }

  /** At expiry: the page is hidden already; sign in again in place, or leave. */
  #expire(): void {
    this.#expiredHere = true;
    if (this.#login) {
      this.#relogin = new ReloginWindow(() => this.#probe());
      this.#reloginView = {};
      this.requestUpdate();
      return;
    }
    this.#leave(this.#returnTo?.href);
  }

  #leave(url?: string): void {
    this.#forms?.release(); // our own navigation needs no confirmation
    this.navigate(url);
  }

  /**
   * While the warning shows, most activity means "stay signed in" (WCAG 2.2.1: one key or
   * click), but not what it takes to choose the other way: Tab and Shift moving between
   * the buttons, anything on "Sign out now", the pointer moving over the dialog on its way
   * to a button. The start of a tap does not count either; its click, which lands in the
   * dialog while the page behind is inert, does (extending at touchstart would close the
   * dialog under the finger and let the tap's click fall through to the page).
   */
  #reasonToStay(event: Event): boolean {
    const dialog = this.renderRoot.querySelector('dialog')!;
    const form = dialog.querySelector('form');
    if (form && event.composedPath().includes(form)) return false;
    if (event.type === 'keydown') return !['Tab', 'Shift'].includes((event as KeyboardEvent).key);
    if (event.type === 'pointerdown' || event.type === 'touchstart') return false;
    if (event.type !== 'pointermove') return true;
    const box = dialog.getBoundingClientRect();
    const { clientX: x, clientY: y } = event as PointerEvent;
    return x < box.left || x > box.right || y < box.top || y > box.bottom;
  }

  /**
   * Tells the other tabs that the session ended here: call it when your own sign-out
   * link is used ("Sign out now" in the dialog does), so that they sign out at once
   * rather than at their next ping.
   */
  signedOut(): void {
    this.controller.signedOut();
  }

  /** Leaves the page at expiry; replace() keeps the expired page out of history. */
  protected navigate(url?: string): void {
    if (url) location.replace(url);
    else location.reload();
  }

  #signIn(): void {
    if (!this.#login || !this.#relogin) return;
    if (this.loginMode === 'frame') {
      this.#reloginView = { frame: true };
      this.#relogin.watch();
    } else {
      this.#reloginView = { popupBlocked: !this.#relogin.openPopup(this.#login) };
    }
    this.requestUpdate();
  }

  #cancelSignIn(): void {
    this.#relogin?.close();
    this.#reloginView = {};
    this.requestUpdate();
  }

  /**
   * While a sign-in is pending: has someone signed in? The same user resumes in place
   * with a fresh CSRF token; anyone else, or a server that does not name users, gets a
   * reloaded page, so nobody ever sees another user's page.
   */
  async #probe(): Promise<void> {
    if (!this.#relogin) return;
    // A reason to look again while a probe is under way (the user just came back from
    // the login page) must not be lost: the answer under way may predate the sign-in.
    if (this.#probing) {
      this.#probeAgain = true;
      return;
    }
    this.#probing = true;
    const answer: PingAnswer = await this.#pinger.send(0);
    this.#probing = false;
    const again = this.#probeAgain;
    this.#probeAgain = false;
    if (answer.kind !== 'idle' || !this.#relogin) {
      if (again) this.#probe();
      return;
    }
    this.#relogin.close();
    this.#relogin = this.#reloginView = undefined;
    const before = this.controller.user;
    if (!before || answer.user !== before) return this.#leave();
    this.#expiredHere = false;
    this.controller.resume(answer); // its 'change' shows the page again
    if (answer.csrfToken) updateCsrfTokens(answer.csrfToken, this.csrfSelector);
    this.dispatchEvent(
      new CustomEvent('session-security-resume', {
        bubbles: true,
        composed: true,
        detail: { user: answer.user, csrfToken: answer.csrfToken, unsavedChanges: this.unsavedChanges },
      }),
    );
  }

  /** A string, unless overridden by a text-* attribute (e.g. text-stay for "stay"). Plain text only. */
  #text = (key: keyof Strings): string =>
    this.getAttribute(`text-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`) ?? this.#strings[key];

  get #view(): View {
    const { phase, checking } = this.controller;
    if (checking) return 'checking';
    // Not ours to show when the page cancelled the expire event: it handles expiry itself.
    if (phase === 'expired') return this.#relogin ? 'relogin' : this.#expiredHere ? 'expired' : 'closed';
    return phase === 'warning' ? 'warning' : 'closed';
  }

  protected override render() {
    const view = this.#view;
    return html`<dialog
        part="dialog"
        class=${view === 'warning' ? '' : 'hidden-page'}
        role="alertdialog"
        aria-labelledby="title"
        aria-describedby="message"
        tabindex="-1"
        @cancel=${this.#onCancel}
        @close=${this.#onClose}
        @keydown=${this.#onKeydown}
      >
        ${view === 'closed'
          ? ''
          : renderDialog({
              view,
              reason: this.#reason,
              // Only a server that names users lets the same user resume in place.
              workKept: this.controller.named,
              left: Math.max(0, Math.ceil((this.controller.expiresAt - Date.now()) / 1000)),
              locale: this.#locale,
              text: this.#text,
              // The CSRF token is looked up only while the warning (and its sign-out form) shows.
              logout: view === 'warning' && this.#logout ? { action: this.#logout.href, field: csrfField(this.csrfSelector) } : undefined,
              frame: this.#reloginView?.frame ? this.#login?.href : undefined,
              // Leaving the sign-in: to return-to-url if set (a login page that may redirect back).
              loginHref: (this.#returnTo ?? this.#login)?.href,
              popupBlocked: this.#reloginView?.popupBlocked,
              stay: () => this.controller.extend(),
              signOut: () => this.signedOut(),
              signIn: () => this.#signIn(),
              cancel: () => this.#cancelSignIn(),
              frameLoaded: () => this.#probe(),
            })}
      </dialog>
      <p role="status" class="visually-hidden">${this.#status}</p>`;
  }

  protected override updated(): void {
    const dialog = this.renderRoot.querySelector('dialog')!;
    const view = this.isConnected ? this.#view : 'closed';
    const open = view !== 'closed';
    if (open && !dialog.open) {
      // ??=: reopened after the browser closed it (onClose), focus still goes back to the start.
      this.#focusBefore ??= deepActiveElement();
      dialog.showModal(); // focuses the [autofocus] control, else the dialog (tabindex=-1)
    } else if (open && (view !== this.#shown || !dialog.contains((this.renderRoot as ShadowRoot).activeElement))) {
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
      if (this.#focusBefore?.isConnected) this.#focusBefore.focus();
      this.#focusBefore = undefined;
    }
    this.#setTick(open && this.controller.phase === 'warning');
  }

  #setTick(on: boolean): void {
    if (on && !this.#tick) this.#tick = setInterval(() => this.requestUpdate(), 1000);
    if (!on && this.#tick) {
      clearInterval(this.#tick);
      this.#tick = undefined;
    }
  }

  /** Escape means "stay signed in" while warning; after expiry there is nothing to cancel. */
  #onCancel = (event: Event): void => {
    event.preventDefault();
    if (this.controller.phase === 'warning') this.controller.extend();
  };

  /**
   * Browsers may close a modal dialog themselves: Chromium does on a second Escape (or
   * Android's Back) with no user activation in between, whatever `cancel` said. While
   * there is something to show, it opens again.
   */
  #onClose = (): void => {
    if (this.#view !== 'closed') this.requestUpdate();
  };

  /**
   * While warning, a key only extends (WCAG 2.2.1). The activity watcher has usually
   * extended and closed the dialog before the key gets here ('closed'), and focus is back
   * on the page: the key must not act there too (Enter submitting a form, Space pressing a
   * button, Tab moving on, a letter typed into a field); browser shortcuts (reload, find,
   * zoom, full screen) still work. After expiry, Escape has nothing to cancel; stopping it
   * here keeps browsers from closing the dialog on a repeated Escape.
   */
  #onKeydown = (event: KeyboardEvent): void => {
    // A script's key is not a person's; Tab between the buttons, or "Sign out now", is not a reason to stay.
    if (!event.isTrusted || !this.#reasonToStay(event)) return;
    const view = this.#view;
    if (view === 'warning' || view === 'closed') {
      if (view === 'warning') this.controller.extend();
      if (!event.ctrlKey && !event.metaKey && !event.altKey && !/^F\d+$/.test(event.key)) event.preventDefault();
    } else if (event.key === 'Escape') event.preventDefault();
  };
}

declare global {
  interface HTMLElementEventMap {
    'session-security-warn': CustomEvent<ControllerEvents['warn'] & { expiresAt: number; timeout: number }>;
    'session-security-extend': CustomEvent<ControllerEvents['extend']>;
    'session-security-expire': CustomEvent<ControllerEvents['expire'] & { unsavedChanges: boolean }>;
    'session-security-ping-error': CustomEvent<ControllerEvents['ping-error']>;
    'session-security-resume': CustomEvent<{ user?: string; csrfToken?: string; unsavedChanges: boolean }>;
  }
}
