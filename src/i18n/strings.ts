/**
 * Every text the element shows or announces. Each locale module in this folder is one
 * `Strings`; `{time}` and `{duration}` are placeholders filled with `fill()` (plain text).
 */
export interface Strings {
  /** Dialog heading while warning. */
  title: string;
  /** Static description under the heading while warning. */
  message: string;
  /** Visible countdown label; `{time}` is replaced by `formatClock()` (m:ss). */
  timeLeft: string;
  /** Screen-reader announcement; `{duration}` is replaced by `formatDuration()`. */
  remaining: string;
  /** Primary button: extends the session. */
  stay: string;
  /** Secondary button: signs out at once. */
  signOut: string;
  /** Announced once after extending. */
  extended: string;
  /** Heading once signed out. */
  expiredTitle: string;
  /** Description once signed out after inactivity (reason `expired`). */
  expiredMessage: string;
  /** Instead, when the session was ended in another tab or by an administrator (`revoked`). */
  revokedMessage: string;
  /** Instead, when a newer sign-in took the session's place, elsewhere or by another user here (`replaced`). */
  replacedMessage: string;
  /** Instead, when the server refused the session (`unauthorized`: 401, 403, 419). */
  unauthorizedMessage: string;
  /** Instead, for every other reason (a redirect, an unexpected answer, a plain "logout"). */
  endedMessage: string;
  /** Shown while the server is asked past the deadline. */
  checking: string;
  /** Heading of the sign-in-again dialog. */
  reloginTitle: string;
  /**
   * Description of the sign-in-again dialog when the server names the user, so the page
   * resumes in place; after the reason's message.
   */
  reloginMessage: string;
  /** Instead, when the server names no user: the page reloads after signing in. */
  reloginReloadMessage: string;
  /** Button: opens the sign-in window. */
  signInAgain: string;
  /** Button: closes the sign-in-again dialog. */
  cancel: string;
  /** Link to the sign-in page. */
  goToLogin: string;
  /** Shown when the browser blocked the sign-in window. */
  popupBlocked: string;
}
