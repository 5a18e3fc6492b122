/** The built-in English text. Every string can be overridden (see the README). */
export const en = {
  title: 'Your session is about to expire',
  message: 'For your security you will be signed out soon. Press a key, click or move the mouse to stay signed in.',
  timeLeft: 'Time left:',
  stay: 'Stay signed in',
  expiredTitle: 'You have been signed out',
  expiredMessage: 'For your security, your session ended after a period of inactivity.',
  checkingMessage: 'Checking your session…',
};
export type Strings = typeof en;
