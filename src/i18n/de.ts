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
  checking: 'Ihre Sitzung wird überprüft…',
  reloginTitle: 'Melden Sie sich an, um fortzufahren',
  reloginMessage: 'Melden Sie sich erneut mit demselben Konto an, um dort weiterzumachen, wo Sie aufgehört haben. Ihre nicht gespeicherten Eingaben bleiben auf dieser Seite erhalten.',
  signInAgain: 'Erneut anmelden',
  cancel: 'Abbrechen',
  goToLogin: 'Zur Anmeldeseite',
  popupBlocked: 'Das Anmeldefenster wurde blockiert. Lassen Sie Pop-ups für diese Website zu oder öffnen Sie die Anmeldeseite.',
} satisfies Strings;
