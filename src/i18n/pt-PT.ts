import type { Strings } from './strings.js';

/** Português europeu (tratamento formal sem "você"; "iniciar/terminar sessão", "rato", "guardar"). */
export default {
  title: 'A sua sessão está prestes a expirar',
  message: 'Por motivos de segurança, a sua sessão será terminada em breve. Prima uma tecla, clique ou mova o rato para a manter iniciada.',
  timeLeft: 'Tempo restante: {time}',
  remaining: 'A sua sessão será terminada dentro de {duration}.',
  stay: 'Manter sessão iniciada',
  signOut: 'Terminar sessão agora',
  extended: 'A sua sessão foi prolongada.',
  expiredTitle: 'Sessão terminada',
  expiredMessage: 'Por motivos de segurança, a sua sessão foi terminada após um período de inatividade.',
  revokedMessage: 'A sua sessão foi terminada noutro separador ou por um administrador.',
  replacedMessage: 'A sua sessão foi terminada porque iniciou sessão noutro local ou outra pessoa iniciou sessão neste navegador.',
  unauthorizedMessage: 'A sua sessão já não está autorizada.',
  endedMessage: 'A sua sessão foi terminada.',
  checking: 'A verificar a sua sessão…',
  reloginTitle: 'Inicie sessão para continuar',
  reloginMessage: 'Inicie sessão novamente com a mesma conta para continuar onde parou. O trabalho não guardado é mantido nesta página.',
  reloginReloadMessage: 'Inicie sessão novamente para continuar. A página será depois recarregada e as alterações não guardadas poderão perder-se.',
  signInAgain: 'Iniciar sessão novamente',
  cancel: 'Cancelar',
  goToLogin: 'Ir para a página de início de sessão',
  popupBlocked: 'A janela de início de sessão foi bloqueada. Permita janelas pop-up para este site ou aceda à página de início de sessão.',
} satisfies Strings;
