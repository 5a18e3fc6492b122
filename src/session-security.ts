/**
 * <session-security>: attributes become a validated configuration, the controller
 * (core/controller.ts) makes every decision, browser adapters feed it, and this class
 * renders its state and turns its decisions into DOM events.
 */
import { LitElement, html, type PropertyValues } from 'lit';
import { SessionController, type ControllerEvents } from './core/controller.js';
import { DEFAULT_TIMES, checkSeconds, checkTimes, checkUrl } from './core/config.js';
import type { Times } from './core/timeline.js';
import { PingClient } from './browser/ping-client.js';
import { watchActivity, watchWakeUps } from './browser/activity.js';
import { hidePage } from './browser/hide-page.js';
import { TabSync } from './browser/tab-sync.js';
import { en } from './i18n/en.js';
import { styles } from './styles.js';

/** Running elements by ping URL, to warn about two elements for one session. */
const running = new Map<string, SessionSecurity>();

export class SessionSecurity extends LitElement {
  static override styles = styles;
  static override properties = {
    pingUrl: { attribute: 'ping-url', reflect: true },
    warnAfter: { attribute: 'warn-after', type: Number, reflect: true },
    expireAfter: { attribute: 'expire-after', type: Number, reflect: true },
    returnToUrl: { attribute: 'return-to-url', reflect: true },
    pingTimeout: { attribute: 'ping-timeout', type: Number, reflect: true },
  };

  /** The ping endpoint: http(s) or relative. Required. */
  declare pingUrl: string;
  /** Seconds of inactivity before the warning. */
  declare warnAfter: number;
  /** Seconds of inactivity before the session ends. */
  declare expireAfter: number;
  /** Where to go at expiry; the page reloads when empty. */
  declare returnToUrl: string;
  /** Seconds before a ping without an answer counts as failed. */
  declare pingTimeout: number;

  /** The decisions; read its `phase`, `last` and `expiresAt` for the current state. */
  readonly controller: SessionController;
  private times: Times = DEFAULT_TIMES;
  private ping?: URL;
  private returnTo?: URL;
  private timeout = 10;
  private configured = '';
  private unwatch: Array<() => void> = [];
  private tabs?: TabSync;
  private tick?: ReturnType<typeof setInterval>;

  constructor() {
    super();
    this.pingUrl = '';
    this.warnAfter = DEFAULT_TIMES.warnAfter;
    this.expireAfter = DEFAULT_TIMES.expireAfter;
    this.returnToUrl = '';
    this.pingTimeout = 10;
    this.controller = new SessionController(
      () => this.times,
      new PingClient(
        () => this.ping,
        () => this.timeout,
      ),
      (type, detail) => this.onDecision(type, detail),
    );
  }

  /** Seconds of inactivity before the session ends, as in force now (WCAG 2.2.6). */
  get timeoutSeconds(): number {
    return this.controller.times.expireAfter;
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
    this.configure();
    const key = this.ping?.href ?? '';
    if (running.has(key)) console.warn(`<session-security>: another element already watches ping-url="${this.pingUrl}"; they act as two tabs and both show the dialog. Use one per page.`);
    else running.set(key, this);
    this.unwatch = [watchActivity((at) => this.controller.activity(at)), watchWakeUps(this.controller.check)];
    this.syncTabs();
    this.controller.start();
  }

  /** One channel and one leader lock per ping URL: another app on the origin is another session. */
  private syncTabs(): void {
    this.tabs?.stop();
    this.tabs = undefined;
    if (!this.ping || !this.isConnected) return;
    this.tabs = new TabSync(this.controller, `session-security ${this.ping.href}`, () => (this.timeout + 5) * 1000);
    this.tabs.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const stop of this.unwatch) stop();
    this.unwatch = [];
    this.tabs?.stop();
    this.tabs = undefined;
    this.controller.stop();
    this.setTick(false);
    for (const [key, element] of running) if (element === this) running.delete(key);
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (this.isConnected && Object.keys(SessionSecurity.properties).some((key) => changed.has(key)) && this.configure()) {
      if (changed.has('pingUrl')) this.syncTabs();
      this.controller.check(); // new values take effect at once
    }
  }

  /** Validates the attributes (once per set of values); true when they changed. */
  private configure(): boolean {
    const key = [this.pingUrl, this.warnAfter, this.expireAfter, this.returnToUrl, this.pingTimeout].join(' ');
    if (key === this.configured) return false;
    this.configured = key;
    this.times = checkTimes(this.warnAfter, this.expireAfter);
    this.ping = checkUrl('ping-url', this.pingUrl, document.baseURI, true);
    this.returnTo = checkUrl('return-to-url', this.returnToUrl, document.baseURI, false);
    this.timeout = checkSeconds('ping-timeout', this.pingTimeout, 10);
    return true;
  }

  private onDecision<K extends keyof ControllerEvents>(type: K, detail: ControllerEvents[K]): void {
    if (type === 'change') {
      hidePage(this.controller.checking);
      this.requestUpdate();
      return;
    }
    const event = new CustomEvent(`session-security-${type}`, {
      bubbles: true,
      composed: true,
      cancelable: type === 'expire',
      detail: type === 'warn' ? { ...detail, expiresAt: this.controller.expiresAt, timeout: this.timeoutSeconds } : detail,
    });
    if (this.dispatchEvent(event) && type === 'expire') {
      hidePage(true);
      this.navigate(this.returnTo?.href);
    } else if (type === 'expire') {
      hidePage(false); // the page handles expiry itself
    }
  }

  /** Leaves the page at expiry; replace() keeps the expired page out of history. */
  protected navigate(url?: string): void {
    if (url) location.replace(url);
    else location.reload();
  }

  private setTick(on: boolean): void {
    if (on && !this.tick) this.tick = setInterval(() => this.requestUpdate(), 1000);
    if (!on && this.tick) {
      clearInterval(this.tick);
      this.tick = undefined;
    }
  }

  private get open(): boolean {
    return this.controller.phase !== 'active' || this.controller.checking;
  }

  protected override render() {
    const { phase, checking } = this.controller;
    const hidden = phase === 'expired' || checking;
    const left = Math.max(0, Math.ceil((this.controller.expiresAt - Date.now()) / 1000));
    const time = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
    return html`<dialog
      part="dialog"
      class=${hidden ? 'hidden-page' : ''}
      role="alertdialog"
      aria-labelledby="title"
      aria-describedby="message"
      @cancel=${this.onCancel}
    >
      ${hidden
        ? html`<h2 id="title" part="title">${checking ? en.title : en.expiredTitle}</h2>
            <p id="message" part="message">${checking ? en.checkingMessage : en.expiredMessage}</p>`
        : html`<h2 id="title" part="title">${en.title}</h2>
            <p id="message" part="message">${en.message}</p>
            <p part="countdown">${en.timeLeft} <time datetime="PT${left}S">${time}</time></p>
            <button part="button" autofocus @click=${() => this.controller.extend()}>${en.stay}</button>`}
    </dialog>`;
  }

  protected override updated(): void {
    const dialog = this.renderRoot.querySelector('dialog')!;
    const open = this.open && this.isConnected;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
    this.setTick(open && this.controller.phase === 'warning');
  }

  /** Escape means "stay signed in" while warning; after expiry there is nothing to cancel. */
  private onCancel = (event: Event): void => {
    event.preventDefault();
    if (this.controller.phase === 'warning') this.controller.extend();
  };
}

declare global {
  interface HTMLElementEventMap {
    'session-security-warn': CustomEvent<ControllerEvents['warn'] & { expiresAt: number; timeout: number }>;
    'session-security-extend': CustomEvent<ControllerEvents['extend']>;
    'session-security-expire': CustomEvent<ControllerEvents['expire']>;
    'session-security-ping-error': CustomEvent<ControllerEvents['ping-error']>;
  }
}
