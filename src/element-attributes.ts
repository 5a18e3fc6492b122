/**
 * <session-security>'s attributes in one table: name, type and default (lit reads the
 * first two, the constructor the third), each one's typed property with its description,
 * and the settings they make once checked (core/config.ts's configure()). A base class
 * of the element, so that the element's file holds wiring and rendering only; the custom
 * elements manifest lists these as the element's own (custom-elements-manifest.config.mjs
 * folds them in).
 */
import { LitElement } from 'lit';
import { DEFAULT_TIMES, PING_TIMEOUT, configure, type Settings } from './core/config.js';
import { CSRF_SELECTOR, checkCsrfSelector } from './browser/csrf.js';

export class ElementAttributes extends LitElement {
  /** A literal, so that the custom elements manifest analyzer lists them. */
  static override properties = {
    pingUrl: { attribute: 'ping-url', reflect: true, default: '' },
    user: { reflect: true, default: '' },
    warnAfter: { attribute: 'warn-after', type: Number, reflect: true, default: DEFAULT_TIMES.warnAfter },
    expireAfter: { attribute: 'expire-after', type: Number, reflect: true, default: DEFAULT_TIMES.expireAfter },
    returnToUrl: { attribute: 'return-to-url', reflect: true, default: '' },
    pingTimeout: { attribute: 'ping-timeout', type: Number, reflect: true, default: PING_TIMEOUT.fallback },
    logoutUrl: { attribute: 'logout-url', reflect: true, default: '' },
    loginUrl: { attribute: 'login-url', reflect: true, default: '' },
    loginMode: { attribute: 'login-mode', reflect: true, default: 'popup' },
    csrfSelector: { attribute: 'csrf-selector', reflect: true, default: CSRF_SELECTOR },
    noLeaveConfirm: { attribute: 'no-leave-confirm', type: Boolean, reflect: true, default: false },
    allowCrossOriginLogin: { attribute: 'allow-cross-origin-login', type: Boolean, reflect: true, default: false },
    eventsUrl: { attribute: 'events-url', reflect: true, default: '' },
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

  /** The attributes as checked (configure()): what the element runs on. */
  protected settings: Settings = { times: DEFAULT_TIMES, timeout: PING_TIMEOUT.fallback, frame: false };
  #configured = '';

  constructor() {
    super();
    for (const [name, { default: value }] of Object.entries(ElementAttributes.properties)) Object.assign(this, { [name]: value });
  }

  /** Checks the attributes into `settings`, once per set of values; true when they changed. */
  protected configure(): boolean {
    const key = Object.keys(ElementAttributes.properties)
      .map((name) => this[name as keyof this])
      .join(' ');
    if (key === this.#configured) return false;
    this.#configured = key;
    // The document's origin (self.origin): location.origin says "null" in about:srcdoc frames.
    this.settings = configure(this, document.baseURI, self.origin);
    checkCsrfSelector(this.csrfSelector); // reports a bad one; the lookups fall back themselves
    return true;
  }
}
