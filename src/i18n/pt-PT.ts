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
  checking: 'A verificar a sua sessão…',
  reloginTitle: 'Inicie sessão para continuar',
  reloginMessage: 'Inicie sessão novamente com a mesma conta para continuar onde parou. O trabalho não guardado é mantido nesta página.',
  signInAgain: 'Iniciar sessão novamente',
  cancel: 'Cancelar',
  goToLogin: 'Ir para a página de início de sessão',
  popupBlocked: 'A janela de início de sessão foi bloqueada. Permita janelas pop-up para este site ou aceda à página de início de sessão.',
} satisfies Strings;
