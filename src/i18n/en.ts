import type { Strings } from './strings.js';

export type { Strings } from './strings.js';

/** The built-in English text, always bundled. Every string can be overridden (see the README). */
export const en: Strings = {
  title: 'Your session is about to expire',
  message: 'For your security you will be signed out soon. Press a key, click or move the mouse to stay signed in.',
  timeLeft: 'Time left: {time}',
  remaining: 'You will be signed out in {duration}.',
  stay: 'Stay signed in',
  signOut: 'Sign out now',
  extended: 'Your session has been extended.',
  expiredTitle: 'You have been signed out',
  expiredMessage: 'For your security, your session ended after a period of inactivity.',
  revokedMessage: 'You were signed out in another tab or by an administrator.',
  replacedMessage: 'Your session ended because you signed in somewhere else, or another user signed in on this browser.',
  unauthorizedMessage: 'Your session is no longer authorised.',
  endedMessage: 'Your session has ended.',
  checking: 'Checking your session…',
  reloginTitle: 'Sign in to continue',
  reloginMessage: 'Sign in again as the same user to continue where you left off. Your unsaved work is kept on this page.',
  reloginReloadMessage: 'Sign in again to continue. The page will then reload, and unsaved changes may be lost.',
  signInAgain: 'Sign in again',
  cancel: 'Cancel',
  goToLogin: 'Go to the sign-in page',
  popupBlocked: 'The sign-in window was blocked. Allow pop-ups for this site, or go to the sign-in page.',
};
