import type { Strings } from './strings.js';

/** Português do Brasil (você, "fazer login", "sair"). */
export default {
  title: 'Sua sessão está prestes a expirar',
  message: 'Por segurança, sua sessão será encerrada em breve. Pressione uma tecla, clique ou mova o mouse para mantê-la ativa.',
  timeLeft: 'Tempo restante: {time}',
  remaining: 'Sua sessão será encerrada em {duration}.',
  stay: 'Continuar conectado',
  signOut: 'Sair agora',
  extended: 'Sua sessão foi estendida.',
  expiredTitle: 'Sessão encerrada',
  expiredMessage: 'Por segurança, sua sessão foi encerrada após um período de inatividade.',
  revokedMessage: 'Sua sessão foi encerrada em outra aba ou por um administrador.',
  replacedMessage: 'Sua sessão foi encerrada porque você fez login em outro lugar ou outra pessoa fez login neste navegador.',
  unauthorizedMessage: 'Sua sessão não está mais autorizada.',
  endedMessage: 'Sua sessão foi encerrada.',
  checking: 'Verificando sua sessão…',
  reloginTitle: 'Faça login para continuar',
  reloginMessage: 'Faça login novamente com a mesma conta para continuar de onde parou. Seu trabalho não salvo será mantido nesta página.',
  reloginReloadMessage: 'Faça login novamente para continuar. A página será recarregada em seguida, e as alterações não salvas poderão ser perdidas.',
  signInAgain: 'Fazer login novamente',
  cancel: 'Cancelar',
  goToLogin: 'Ir para a página de login',
  popupBlocked: 'A janela de login foi bloqueada. Permita pop-ups para este site ou vá para a página de login.',
} satisfies Strings;
