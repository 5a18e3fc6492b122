import type { Strings } from './strings.js';

/** Nederlands (u). */
export default {
  title: 'Uw sessie verloopt bijna',
  message: 'Voor uw veiligheid wordt u binnenkort uitgelogd. Druk op een toets, klik of beweeg de muis om ingelogd te blijven.',
  timeLeft: 'Resterende tijd: {time}',
  remaining: 'U wordt over {duration} uitgelogd.',
  stay: 'Ingelogd blijven',
  signOut: 'Nu uitloggen',
  extended: 'Uw sessie is verlengd.',
  expiredTitle: 'U bent uitgelogd',
  expiredMessage: 'Voor uw veiligheid is uw sessie beëindigd na een periode van inactiviteit.',
  revokedMessage: 'U bent uitgelogd in een ander tabblad of door een beheerder.',
  replacedMessage: 'Uw sessie is beëindigd omdat u ergens anders bent ingelogd of omdat iemand anders in deze browser is ingelogd.',
  unauthorizedMessage: 'Uw sessie is niet langer geautoriseerd.',
  endedMessage: 'Uw sessie is beëindigd.',
  checking: 'Uw sessie wordt gecontroleerd…',
  reloginTitle: 'Log in om door te gaan',
  reloginMessage: 'Log opnieuw in met hetzelfde account om verder te gaan waar u was gebleven. Uw niet-opgeslagen werk blijft op deze pagina bewaard.',
  reloginReloadMessage: 'Log opnieuw in om door te gaan. De pagina wordt daarna opnieuw geladen; niet-opgeslagen wijzigingen kunnen verloren gaan.',
  signInAgain: 'Opnieuw inloggen',
  cancel: 'Annuleren',
  goToLogin: 'Naar de inlogpagina',
  popupBlocked: 'Het inlogvenster is geblokkeerd. Sta pop-ups toe voor deze website of ga naar de inlogpagina.',
} satisfies Strings;
