import type { Strings } from './strings.js';

/** Català. Missatges amb el tractament de vostè; botons en imperatiu, com és habitual. */
export default {
  title: 'La sessió està a punt de caducar',
  message: 'Per la seva seguretat, la sessió es tancarà aviat. Premi una tecla, faci clic o mogui el ratolí per mantenir-la oberta.',
  timeLeft: 'Temps restant: {time}',
  remaining: 'La sessió es tancarà d’aquí a {duration}.',
  stay: 'Mantén la sessió iniciada',
  signOut: 'Tanca la sessió ara',
  extended: 'S’ha allargat la sessió.',
  expiredTitle: 'S’ha tancat la sessió',
  expiredMessage: 'Per la seva seguretat, la sessió s’ha tancat després d’un període d’inactivitat.',
  revokedMessage: 'La sessió s’ha tancat en una altra pestanya o l’ha tancada un administrador.',
  replacedMessage: 'La sessió s’ha tancat perquè ha iniciat la sessió en un altre lloc, o bé un altre usuari l’ha iniciada en aquest navegador.',
  unauthorizedMessage: 'La sessió ja no està autoritzada.',
  endedMessage: 'La sessió ha finalitzat.',
  checking: 'S’està comprovant la sessió…',
  reloginTitle: 'Cal iniciar la sessió per continuar',
  reloginMessage: 'Torni a iniciar la sessió amb el mateix compte per continuar on ho havia deixat. La feina no desada es conserva en aquesta pàgina.',
  reloginReloadMessage: 'Torni a iniciar la sessió per continuar. Després la pàgina es tornarà a carregar i es podrien perdre els canvis no desats.',
  signInAgain: 'Torna a iniciar la sessió',
  cancel: 'Cancel·la',
  goToLogin: 'Ves a la pàgina d’inici de sessió',
  popupBlocked: 'S’ha bloquejat la finestra d’inici de sessió. Permeti les finestres emergents per a aquest lloc web o vagi a la pàgina d’inici de sessió.',
} satisfies Strings;
