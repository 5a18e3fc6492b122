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
  checking: 'Verificando sua sessão…',
  reloginTitle: 'Faça login para continuar',
  reloginMessage: 'Faça login novamente com a mesma conta para continuar de onde parou. Seu trabalho não salvo será mantido nesta página.',
  signInAgain: 'Fazer login novamente',
  cancel: 'Cancelar',
  goToLogin: 'Ir para a página de login',
  popupBlocked: 'A janela de login foi bloqueada. Permita pop-ups para este site ou vá para a página de login.',
} satisfies Strings;
