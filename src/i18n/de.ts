import type { Strings } from './strings.js';

/** Deutsch (Sie). */
export default {
  title: 'Ihre Sitzung läuft bald ab',
  message: 'Zu Ihrer Sicherheit werden Sie in Kürze abgemeldet. Drücken Sie eine Taste, klicken Sie oder bewegen Sie die Maus, um angemeldet zu bleiben.',
  timeLeft: 'Verbleibende Zeit: {time}',
  remaining: 'Sie werden in {duration} abgemeldet.',
  stay: 'Angemeldet bleiben',
  signOut: 'Jetzt abmelden',
  extended: 'Ihre Sitzung wurde verlängert.',
  expiredTitle: 'Sie wurden abgemeldet',
  expiredMessage: 'Zu Ihrer Sicherheit wurde Ihre Sitzung nach längerer Inaktivität beendet.',
  revokedMessage: 'Sie wurden in einem anderen Tab oder von einem Administrator abgemeldet.',
  replacedMessage: 'Ihre Sitzung wurde beendet, weil Sie sich an anderer Stelle angemeldet haben oder sich in diesem Browser jemand anderes angemeldet hat.',
  unauthorizedMessage: 'Ihre Sitzung ist nicht mehr autorisiert.',
  endedMessage: 'Ihre Sitzung wurde beendet.',
  checking: 'Ihre Sitzung wird überprüft…',
  reloginTitle: 'Melden Sie sich an, um fortzufahren',
  reloginMessage: 'Melden Sie sich erneut mit demselben Konto an, um dort weiterzumachen, wo Sie aufgehört haben. Ihre nicht gespeicherten Eingaben bleiben auf dieser Seite erhalten.',
  reloginReloadMessage: 'Melden Sie sich erneut an, um fortzufahren. Die Seite wird danach neu geladen; nicht gespeicherte Eingaben können dabei verloren gehen.',
  signInAgain: 'Erneut anmelden',
  cancel: 'Abbrechen',
  goToLogin: 'Zur Anmeldeseite',
  popupBlocked: 'Das Anmeldefenster wurde blockiert. Lassen Sie Pop-ups für diese Website zu oder öffnen Sie die Anmeldeseite.',
} satisfies Strings;
