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
  /** Description once signed out. */
  expiredMessage: string;
  /** Shown while the server is asked past the deadline. */
  checking: string;
  /** Heading of the sign-in-again dialog. */
  reloginTitle: string;
  /** Description of the sign-in-again dialog. */
  reloginMessage: string;
  /** Button: opens the sign-in window. */
  signInAgain: string;
  /** Button: closes the sign-in-again dialog. */
  cancel: string;
  /** Link to the sign-in page. */
  goToLogin: string;
  /** Shown when the browser blocked the sign-in window. */
  popupBlocked: string;
}
