import type { Strings } from './strings.js';

/** Español (usted). */
export default {
  title: 'Su sesión está a punto de expirar',
  message: 'Por su seguridad, su sesión se cerrará en breve. Pulse una tecla, haga clic o mueva el ratón para mantenerla abierta.',
  timeLeft: 'Tiempo restante: {time}',
  remaining: 'Su sesión se cerrará en {duration}.',
  stay: 'Mantener la sesión iniciada',
  signOut: 'Cerrar sesión ahora',
  extended: 'Su sesión se ha prolongado.',
  expiredTitle: 'Se ha cerrado su sesión',
  expiredMessage: 'Por su seguridad, su sesión ha finalizado tras un periodo de inactividad.',
  revokedMessage: 'Su sesión se ha cerrado en otra pestaña o la ha cerrado un administrador.',
  replacedMessage: 'Su sesión ha finalizado porque ha iniciado sesión en otro lugar o porque otra persona ha iniciado sesión en este navegador.',
  unauthorizedMessage: 'Su sesión ya no está autorizada.',
  endedMessage: 'Su sesión ha finalizado.',
  checking: 'Comprobando su sesión…',
  reloginTitle: 'Inicie sesión para continuar',
  reloginMessage: 'Vuelva a iniciar sesión con la misma cuenta para continuar donde lo dejó. Su trabajo sin guardar se conserva en esta página.',
  reloginReloadMessage: 'Vuelva a iniciar sesión para continuar. Después, la página se volverá a cargar y podrían perderse los cambios sin guardar.',
  signInAgain: 'Volver a iniciar sesión',
  cancel: 'Cancelar',
  goToLogin: 'Ir a la página de inicio de sesión',
  popupBlocked: 'Se ha bloqueado la ventana de inicio de sesión. Permita las ventanas emergentes para este sitio o vaya a la página de inicio de sesión.',
} satisfies Strings;
