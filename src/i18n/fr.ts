import type { Strings } from './strings.js';

/** Français (vous). U+00A0 avant les deux-points, selon l’usage typographique. */
export default {
  title: 'Votre session va bientôt expirer',
  message: 'Pour votre sécurité, votre session va bientôt être fermée. Appuyez sur une touche, cliquez ou déplacez la souris pour rester connecté.',
  timeLeft: 'Temps restant\u00a0: {time}',
  remaining: 'Votre session sera fermée dans {duration}.',
  stay: 'Rester connecté',
  signOut: 'Se déconnecter maintenant',
  extended: 'Votre session a été prolongée.',
  expiredTitle: 'Vous avez été déconnecté',
  expiredMessage: 'Pour votre sécurité, votre session a pris fin après une période d’inactivité.',
  revokedMessage: 'Vous avez été déconnecté depuis un autre onglet ou par un administrateur.',
  replacedMessage: 'Votre session a pris fin, car vous vous êtes connecté ailleurs ou une autre personne s’est connectée dans ce navigateur.',
  unauthorizedMessage: 'Votre session n’est plus autorisée.',
  endedMessage: 'Votre session a pris fin.',
  checking: 'Vérification de votre session…',
  reloginTitle: 'Connectez-vous pour continuer',
  reloginMessage: 'Reconnectez-vous avec le même compte pour reprendre là où vous vous étiez arrêté. Votre travail non enregistré est conservé sur cette page.',
  reloginReloadMessage: 'Reconnectez-vous pour continuer. La page sera ensuite rechargée et les modifications non enregistrées pourraient être perdues.',
  signInAgain: 'Se reconnecter',
  cancel: 'Annuler',
  goToLogin: 'Accéder à la page de connexion',
  popupBlocked: 'La fenêtre de connexion a été bloquée. Autorisez les fenêtres pop-up pour ce site ou accédez à la page de connexion.',
} satisfies Strings;
