/**
 * <session-security>: attributes become a validated configuration, the controller
 * (core/controller.ts) makes every decision, browser adapters feed it, and this class
 * turns its decisions into DOM events and renders the dialog (dialog-view.ts).
 */
import { html, type PropertyValues } from 'lit';
import { SessionController, type ControllerEvents } from './core/controller.js';
import type { LogoutReason } from './core/protocol.js';
import { PingClient } from './browser/ping-client.js';
import { countdown } from './browser/countdown.js';
import { onePerPage } from './browser/one-per-page.js';
import { watchActivity, watchWakeUps } from './browser/activity.js';
import { hidePage } from './browser/hide-page.js';
import { tabSyncFor, type TabSync } from './browser/tab-sync.js';
import { guardForms, type FormGuard } from './browser/form-guard.js';
import { ReloginFlow } from './browser/relogin-flow.js';
import { DialogFocus } from './browser/dialog-focus.js';
import { dialogBox, keyVerdict, reasonToStay, type DialogBox } from './browser/stay-input.js';
import { SessionEvents } from './browser/session-events.js';
import { csrfField, updateCsrfTokens } from './browser/csrf.js';
import { localizedText } from './i18n/localized-text.js';
import { renderDialog, viewOf, type View } from './dialog-view.js';
import { styles } from './styles.js';
import { ElementAttributes } from './element-attributes.js';
import type { SessionSecurityEventMap } from './events.js';

// The JSDoc below is the custom elements manifest's entry; event details are the types
// of events.ts. Its other entries sit beside the code they describe: the text-* attributes
// are i18n/strings.ts's keys, the slots and parts dialog-view.ts's, the custom properties
// styles.ts's (custom-elements-manifest.config.mjs gathers them).
/**
 * Warns inactive users and signs them out safely; the server has the last word (PROTOCOL.md).
 *
 * @summary Session timeout warning and logout, for any backend.
 *
 * @fires {CustomEvent<SessionSecurityWarnDetail>} session-security-warn - The warning opens.
 * @fires {CustomEvent<SessionSecurityExtendDetail>} session-security-extend - The warning closes: activity here, in another tab or on the server.
 * @fires {CustomEvent<SessionSecurityExpireDetail>} session-security-expire - The session ended. Cancelable: cancel it to handle expiry yourself.
 * @fires {CustomEvent<SessionSecurityPingErrorDetail>} session-security-ping-error - A ping failed; nothing was extended.
 * @fires {CustomEvent<SessionSecurityResumeDetail>} session-security-resume - The same user signed back in; the page is back.
 */
export class SessionSecurity extends ElementAttributes {
  static override styles = styles;
  /** The decisions; read its `phase`, `last` and `expiresAt` for the current state. */
  readonly controller: SessionController;
  readonly #pinger: PingClient;
  readonly #events: SessionEvents;
  #unwatch: Array<() => void> = [];
  #tabs?: TabSync;
  #forms?: FormGuard;
  readonly #relogin = new ReloginFlow({
    ping: () => this.#pinger.send(0),
    user: () => this.controller.user,
    update: () => this.requestUpdate(),
    done: (outcome, answer) => {
      if (outcome === 'leave') return this.#leave();
      this.controller.resume(answer); // its 'change' shows the page again
      if (answer.csrfToken) updateCsrfTokens(answer.csrfToken, this.csrfSelector);
      this.#emit('resume', { user: answer.user, csrfToken: answer.csrfToken, unsavedChanges: this.unsavedChanges });
    },
  });
  readonly #focus = new DialogFocus(
    this,
    () => this.#dialog,
    () => this.#view,
  );
  readonly #i18n = localizedText(this);
  /** Set on connect: the first update after it configures and starts (connectedCallback says why). */
  #starting = false;
  #release?: () => void;
  /** Why the session ended, for the signed-out dialog. */
  #reason?: LogoutReason;
  /** The polite announcement outside the dialog, for after it closed ("session extended"). */
  #status = '';

  constructor() {
    super();
    this.#pinger = new PingClient(
      () => this.settings.ping,
      () => this.settings.timeout,
    );
    this.controller = new SessionController(
      () => this.settings.times,
      this.#pinger,
      (type, detail) => this.#onDecision(type, detail),
      () => this.settings.timeout,
    );
    this.#events = new SessionEvents(
      () => this.settings.events,
      () => !!this.#tabs?.leading,
      this.controller,
    );
    countdown(this, () => this.controller.phase === 'warning');
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
    // Configured (and so validated) and started in the first update, a microtask away, not
    // here: Angular sets property bindings ([pingUrl]) just after connecting the element, in
    // the same task, and a check here would report them missing and ping nowhere. A page
    // that really omits ping-url is still told so, in that update.
    this.#starting = true;
    this.requestUpdate();
  }

  #start(): void {
    this.configure();
    this.#release = onePerPage(this.settings.ping?.href ?? '', this, `ping-url="${this.pingUrl}"`);
    this.#unwatch = [
      watchActivity((at, event) => {
        if (this.controller.phase === 'warning' && !reasonToStay(event, this.#box)) return false;
        this.controller.activity(at);
      }),
      watchWakeUps((event) => {
        // Back from the back/forward cache or a freeze: the session may have ended while
        // the page was away (signed out in this very tab, then Back), so ask first.
        if ((event as PageTransitionEvent).persisted || event.type === 'resume') this.controller.confirm();
        else this.controller.check();
        this.#relogin.probe();
      }),
    ];
    this.#guardForms();
    this.#syncTabs();
    this.#events.start();
    const c = this.controller;
    c.user ??= this.user || undefined;
    // The server's word from the start when the page does not say whose it is, or its
    // times were unusable (the server's per-user times then replace the defaults at once).
    c.start(!c.user || this.settings.times.warnAfter !== this.warnAfter || this.settings.times.expireAfter !== this.expireAfter);
    // Put back (frameworks move elements) while checking or signed out: the page stays
    // hidden, the dialog modal, and signing in again works as before.
    hidePage(this, c.checking || c.phase === 'expired');
    if (this.#relogin.expiredHere && this.settings.login) this.#expire();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#starting = false;
    for (const stop of this.#unwatch) stop();
    this.#unwatch = [];
    this.#tabs?.stop();
    this.#events.stop();
    this.#forms?.stop();
    this.#relogin.stop();
    this.#tabs = this.#forms = undefined;
    this.controller.stop();
    hidePage(this, false); // whoever removes the element takes over the page
    this.#release?.();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (this.#starting) {
      this.#starting = false;
      return this.#start();
    }
    // configure() compares the values themselves: an update without new ones costs a join.
    if (this.isConnected && this.configure()) {
      if (changed.has('pingUrl')) this.#syncTabs();
      if (changed.has('noLeaveConfirm')) this.#guardForms();
      this.controller.check(); // new values take effect at once
    }
  }

  /** One tab sync per ping URL (tab-sync.ts); a follower waits ping-timeout + 5 s for the leader. */
  #syncTabs(): void {
    this.#tabs = tabSyncFor(this.#tabs, this.isConnected ? this.settings.ping : undefined, this.controller, () => (this.settings.timeout + 5) * 1000);
  }

  #guardForms(): void {
    this.#forms?.stop();
    this.#forms = guardForms();
    if (this.noLeaveConfirm) this.#forms.release(); // still tracks unsavedChanges
  }

  #onDecision<K extends keyof ControllerEvents>(type: K, data: ControllerEvents[K]): void {
    const c = this.controller;
    const detail = data as never; // each case below knows its own type
    switch (type) {
      case 'change':
        hidePage(this, c.checking || c.phase === 'expired');
        return this.requestUpdate();
      case 'revive':
        return void this.#relogin.probe();
      case 'warn':
        this.#status = ''; // so that the next "extended" is a change, and is announced
        this.#i18n.load();
        this.#emit('warn', { ...(detail as ControllerEvents['warn']), expiresAt: c.expiresAt, timeout: this.timeoutSeconds });
        return;
      case 'expire':
        return this.#expiring(detail);
      case 'extend':
        this.#status = this.#i18n.text('extended');
    }
    this.#emit(type as 'extend' | 'ping-error', detail);
  }

  /** The expire event, cancelable: a page that cancels it handles expiry itself. */
  #expiring(detail: ControllerEvents['expire']): void {
    this.#reason = detail.reason;
    if (this.#emit('expire', { ...detail, unsavedChanges: this.unsavedChanges }, true)) return this.#expire();
    hidePage(this, false);
    this.requestUpdate();
  }

  /** Dispatches one of the element's events (typed in events.ts); false when cancelled. */
  #emit<K extends 'warn' | 'extend' | 'expire' | 'ping-error' | 'resume'>(type: K, detail: SessionSecurityEventMap[`session-security-${K}`]['detail'], cancelable = false): boolean {
    return this.dispatchEvent(new CustomEvent(`session-security-${type}`, { bubbles: true, composed: true, cancelable, detail }));
  }

  /** At expiry: the page is hidden already; sign in again in place, or leave. */
  #expire(): void {
    if (!this.#relogin.expire(!!this.settings.login)) this.#leave(this.settings.returnTo?.href);
  }

  #leave(url?: string): void {
    this.#forms?.release(); // our own navigation needs no confirmation
    this.navigate(url);
  }

  get #dialog(): HTMLDialogElement {
    return this.renderRoot.querySelector('dialog')!;
  }

  /** The dialog's parts that tell which input means "stay" (stay-input.ts). */
  get #box(): DialogBox {
    return dialogBox(this.#dialog);
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

  get #view(): View {
    return viewOf(this.controller, this.#relogin);
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
        @close=${this.#focus.onClose}
        @keydown=${this.#onKeydown}
      >
        ${
          view === 'closed'
            ? ''
            : renderDialog({
                view,
                reason: this.#reason,
                // Only a server that names users lets the same user resume in place.
                workKept: this.controller.named,
                left: Math.max(0, Math.ceil((this.controller.expiresAt - Date.now()) / 1000)),
                locale: this.#i18n.locale,
                text: this.#i18n.text,
                // The CSRF token is looked up only while the warning (and its sign-out form) shows.
                logout: view === 'warning' && this.settings.logout ? { action: this.settings.logout.href, field: csrfField(this.csrfSelector) } : undefined,
                frame: this.#relogin.frame ? this.settings.login?.href : undefined,
                // Leaving the sign-in: to return-to-url if set (a login page that may redirect back).
                loginHref: (this.settings.returnTo ?? this.settings.login)?.href,
                popupBlocked: this.#relogin.popupBlocked,
                stay: () => this.controller.extend(),
                signOut: () => this.signedOut(),
                signIn: () => this.settings.login && this.#relogin.signIn(this.settings.login, this.settings.frame),
                cancel: () => this.#relogin.cancel(),
                frameLoaded: () => this.#relogin.probe(),
              })
        }
      </dialog>
      <p role="status" class="visually-hidden">${this.#status}</p>`;
  }

  /** Escape means "stay signed in" while warning; after expiry there is nothing to cancel. */
  #onCancel = (event: Event): void => {
    event.preventDefault();
    if (this.controller.phase === 'warning') this.controller.extend();
  };

  /** A key on the dialog: "stay", nothing, or kept from the page (stay-input.ts). */
  #onKeydown = (event: KeyboardEvent): void => {
    const { stay, block } = keyVerdict(event, this.#view, this.#box);
    if (stay) this.controller.extend();
    if (block) event.preventDefault();
  };
}
