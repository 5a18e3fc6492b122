/**
 * The dialog's markup for each state, as a pure function of what the element passes in.
 * Every configurable text goes through lit's text bindings: nothing is rendered as HTML.
 *
 * The slots and parts it renders, for the custom elements manifest (custom-elements-
 * manifest.config.mjs adds them to <session-security>'s entry):
 * @slot title - The warning's heading (and the checking view's).
 * @slot message - The warning's description.
 * @slot expired-title - The heading once signed out.
 * @slot relogin-title - The sign-in-again heading.
 * @slot relogin-message - The sign-in-again description.
 * @csspart dialog - The <dialog>.
 * @csspart title - The heading.
 * @csspart message - The description (and the popup-blocked notice).
 * @csspart countdown - The visible countdown while warning.
 * @csspart actions - The row of buttons.
 * @csspart button - Every button.
 * @csspart stay - The "Stay signed in" button.
 * @csspart sign-out - The "Sign out now" button.
 * @csspart sign-in - The "Sign in again" button.
 * @csspart cancel - The "Cancel" button of the sign-in-again dialog.
 * @csspart link - The link to the sign-in page.
 * @csspart login-frame - The sign-in <iframe> (login-mode="frame").
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { LogoutReason } from './core/protocol.js';
import type { Phase } from './core/timeline.js';
import type { Strings } from './i18n/strings.js';
import { fill, formatClock, formatDuration } from './i18n/locale.js';

export type View = 'closed' | 'warning' | 'checking' | 'expired' | 'relogin';

/**
 * Which view the dialog shows: the server being asked past the deadline, the warning,
 * or after expiry the sign-in-again dialog while one is on offer, else the signed-out
 * one. Nothing when the page cancelled the expire event (`expiredHere` false): it
 * handles expiry itself.
 */
export function viewOf({ phase, checking }: { phase: Phase; checking: boolean }, relogin: { pending: boolean; expiredHere: boolean }): View {
  if (checking) return 'checking';
  if (phase === 'expired') return relogin.pending ? 'relogin' : relogin.expiredHere ? 'expired' : 'closed';
  return phase === 'warning' ? 'warning' : 'closed';
}

export interface ViewModel {
  view: View;
  /** Whole seconds until expiry, from the wall clock. */
  left: number;
  locale: string;
  text: (key: keyof Strings) => string;
  /** "Sign out now": where to POST, and the CSRF field to send along. */
  logout?: { action: string; field?: [string, string] };
  /** The login page in a frame, when login-mode="frame". */
  frame?: string;
  loginHref?: string;
  popupBlocked?: boolean;
  /** Why the session ended, for 'expired' and 'relogin'; undefined reads as 'expired'. */
  reason?: LogoutReason;
  /**
   * The server names the user, so signing in again as that user resumes this page in
   * place. Otherwise the page reloads after signing in, and the dialog promises nothing.
   */
  workKept?: boolean;
  stay: () => void;
  /** "Sign out now" was submitted (the browser then posts the form). */
  signOut: () => void;
  signIn: () => void;
  cancel: () => void;
  frameLoaded: () => void;
}

/**
 * What the live region says: once a minute above a minute, then at 60, 40 and 20
 * seconds, silent below. The text, and so the announcement, changes only at those steps.
 */
export function spokenSeconds(left: number): number {
  if (left > 60) return Math.ceil(left / 60) * 60;
  return left > 40 ? 60 : left > 20 ? 40 : 20;
}

/**
 * The sentence saying why the session ended: the reasons a user can tell apart have their
 * own (`expiredMessage`, `revokedMessage`, ...), the rest (a redirect, an unexpected
 * answer, a plain "logout") share a neutral one.
 */
const why = (reason: LogoutReason = 'expired') => (/^(expired|revoked|replaced|unauthorized)$/.test(reason) ? `${reason}Message` : 'endedMessage') as keyof Strings;

export function renderDialog(m: ViewModel): TemplateResult {
  const { text } = m;
  const heading = (key: keyof Strings, slot: string) => html`<h2 id="title" part="title"><slot name=${slot}>${text(key)}</slot></h2>`;
  // `before`: the text ahead of the slot, which a slotted message does not replace.
  const message = (key: keyof Strings, slot: string, before = '') => html`<p id="message" part="message">${before}<slot name=${slot}>${text(key)}</slot></p>`;
  switch (m.view) {
    case 'warning':
      return html`${heading('title', 'title')}${message('message', 'message')}
        <p part="countdown" aria-hidden="true">${fill(text('timeLeft'), { time: formatClock(m.left) })}</p>
        <p role="status" class="visually-hidden">
          ${fill(text('remaining'), { duration: formatDuration(spokenSeconds(m.left), m.locale) })}
        </p>
        <div part="actions">
          <button part="button stay" autofocus @click=${m.stay}>${text('stay')}</button>
          ${
            m.logout
              ? html`<form method="post" action=${m.logout.action} @submit=${m.signOut}>
                ${m.logout.field ? html`<input type="hidden" name=${m.logout.field[0]} .value=${m.logout.field[1]} />` : nothing}
                <button part="button sign-out">${text('signOut')}</button>
              </form>`
              : nothing
          }
        </div>`;
    case 'relogin':
      return html`${heading('reloginTitle', 'relogin-title')}${message(
        m.workKept ? 'reloginMessage' : 'reloginReloadMessage',
        'relogin-message',
        // Why first, in the one description the alertdialog reads out.
        text(why(m.reason)) + ' ',
      )}
        ${m.popupBlocked ? html`<p role="alert" part="message">${text('popupBlocked')}</p>` : nothing}
        ${m.frame ? html`<iframe part="login-frame" src=${m.frame} title=${text('reloginTitle')} @load=${m.frameLoaded}></iframe>` : nothing}
        <div part="actions">
          ${
            m.frame
              ? html`<button part="button cancel" @click=${m.cancel}>${text('cancel')}</button>`
              : html`<button part="button sign-in" autofocus @click=${m.signIn}>${text('signInAgain')}</button>`
          }
          <a part="link" href=${m.loginHref ?? ''}>${text('goToLogin')}</a>
        </div>`;
    default: // checking, expired
      return html`${heading(m.view === 'checking' ? 'title' : 'expiredTitle', m.view === 'checking' ? 'title' : 'expired-title')}
        <p id="message" part="message" role="status">${text(m.view === 'checking' ? 'checking' : why(m.reason))}</p>`;
  }
}
