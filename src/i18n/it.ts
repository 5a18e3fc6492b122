import type { Strings } from './strings.js';

/** Italiano. Messaggi con il Lei o impersonali; pulsanti all’imperativo, come d’uso. */
export default {
  title: 'La sessione sta per scadere',
  message: 'Per motivi di sicurezza, la sessione verrà chiusa a breve. Prema un tasto, faccia clic o muova il mouse per mantenerla attiva.',
  timeLeft: 'Tempo rimanente: {time}',
  remaining: 'La sessione verrà chiusa tra {duration}.',
  stay: 'Resta connesso',
  signOut: 'Esci ora',
  extended: 'La sessione è stata prolungata.',
  expiredTitle: 'Disconnessione effettuata',
  expiredMessage: 'Per motivi di sicurezza, la sessione è stata chiusa dopo un periodo di inattività.',
  revokedMessage: 'La sessione è stata chiusa da un’altra scheda o da un amministratore.',
  replacedMessage: 'La sessione è stata chiusa perché è stato effettuato l’accesso altrove oppure un altro utente ha effettuato l’accesso in questo browser.',
  unauthorizedMessage: 'La sessione non è più autorizzata.',
  endedMessage: 'La sessione è terminata.',
  checking: 'Verifica della sessione in corso…',
  reloginTitle: 'Per continuare è necessario accedere',
  reloginMessage: 'Acceda di nuovo con lo stesso account per riprendere da dove aveva lasciato. Il lavoro non salvato resta disponibile in questa pagina.',
  reloginReloadMessage: 'Acceda di nuovo per continuare. La pagina verrà poi ricaricata e le modifiche non salvate potrebbero andare perse.',
  signInAgain: 'Accedi di nuovo',
  cancel: 'Annulla',
  goToLogin: 'Vai alla pagina di accesso',
  popupBlocked: 'La finestra di accesso è stata bloccata. Consenta i pop-up per questo sito oppure vada alla pagina di accesso.',
} satisfies Strings;
