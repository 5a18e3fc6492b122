/**
 * The element's public events: their names, their detail types, and the typed
 * `HTMLElementEventMap` entries, so that `element.addEventListener('session-security-warn',
 * (e) => e.detail.expiresAt)` type-checks. The framework typings (src/jsx/) build their
 * `on…` props from `SessionSecurityEventMap`.
 *
 * The details are the controller's decisions (core/controller.ts `ControllerEvents`)
 * plus what the element adds when it dispatches them (session-security.ts).
 */
import type { ControllerEvents } from './core/controller.js';

/** `session-security-warn`: the warning opens. */
export type SessionSecurityWarnDetail = ControllerEvents['warn'] & {
  /** When the session ends unless the user stays, ms since the epoch. */
  expiresAt: number;
  /** The timeout in force, in seconds (the server's per-user value if it sent one). */
  timeout: number;
};
/** `session-security-extend`: the warning closes because of activity here, in another tab or on the server. */
export type SessionSecurityExtendDetail = ControllerEvents['extend'];
/** `session-security-expire` (cancelable: cancel it to handle expiry yourself). */
export type SessionSecurityExpireDetail = ControllerEvents['expire'] & {
  /** Whether a form of the page has changes the user has not submitted. */
  unsavedChanges: boolean;
};
/** `session-security-ping-error`: a ping failed (`HTTP 500`, `timeout`, `network`...); nothing was extended. */
export type SessionSecurityPingErrorDetail = ControllerEvents['ping-error'];
/** `session-security-resume`: the same user signed back in; the page is back. */
export interface SessionSecurityResumeDetail {
  user?: string;
  csrfToken?: string;
  unsavedChanges: boolean;
}

/** Every event the element dispatches, by name. All bubble and are composed. */
export interface SessionSecurityEventMap {
  'session-security-warn': CustomEvent<SessionSecurityWarnDetail>;
  'session-security-extend': CustomEvent<SessionSecurityExtendDetail>;
  'session-security-expire': CustomEvent<SessionSecurityExpireDetail>;
  'session-security-ping-error': CustomEvent<SessionSecurityPingErrorDetail>;
  'session-security-resume': CustomEvent<SessionSecurityResumeDetail>;
}

/** The event names, for code that lists them (the manifest test checks the manifest against them). */
export const SESSION_SECURITY_EVENTS = [
  'session-security-warn',
  'session-security-extend',
  'session-security-expire',
  'session-security-ping-error',
  'session-security-resume',
] as const satisfies ReadonlyArray<keyof SessionSecurityEventMap>;

declare global {
  // The one declaration of the element's events: listeners on any element type-check.
  // An empty body is how a global interface is extended (the rule wants a type alias,
  // which cannot merge into HTMLElementEventMap).
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends SessionSecurityEventMap {}
}
