import type { Strings } from './strings.js';

/**
 * Čeština (vykání). `{duration}` je v 1. pádě ("1 minuta", "2 minuty", "5 minut"),
 * proto "Čas do odhlášení: …" a ne "za …" (to by chtělo 4. pád: "za 1 minutu").
 */
export default {
  title: 'Vaše relace brzy vyprší',
  message: 'Z bezpečnostních důvodů bude vaše relace brzy ukončena. Pokud chcete pokračovat, stiskněte klávesu, klikněte nebo pohněte myší.',
  timeLeft: 'Zbývající čas: {time}',
  remaining: 'Čas do odhlášení: {duration}.',
  stay: 'Zůstat přihlášeni',
  signOut: 'Odhlásit se nyní',
  extended: 'Vaše relace byla prodloužena.',
  expiredTitle: 'Byli jste odhlášeni',
  expiredMessage: 'Z bezpečnostních důvodů byla vaše relace po určité době nečinnosti ukončena.',
  revokedMessage: 'Byli jste odhlášeni na jiné kartě nebo správcem.',
  replacedMessage: 'Vaše relace byla ukončena, protože jste se přihlásili jinde nebo se v tomto prohlížeči přihlásil jiný uživatel.',
  unauthorizedMessage: 'Vaše relace již není autorizována.',
  endedMessage: 'Vaše relace byla ukončena.',
  checking: 'Ověřujeme vaši relaci…',
  reloginTitle: 'Pro pokračování se přihlaste',
  reloginMessage: 'Přihlaste se znovu ke stejnému účtu a pokračujte v rozdělané práci. Neuložené změny na této stránce zůstanou zachovány.',
  reloginReloadMessage: 'Pro pokračování se znovu přihlaste. Stránka se poté znovu načte a neuložené změny mohou být ztraceny.',
  signInAgain: 'Přihlásit se znovu',
  cancel: 'Zrušit',
  goToLogin: 'Přejít na přihlašovací stránku',
  popupBlocked: 'Přihlašovací okno bylo zablokováno. Povolte pro tento web vyskakovací okna nebo přejděte na přihlašovací stránku.',
} satisfies Strings;
