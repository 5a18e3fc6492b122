import type { Strings } from './strings.js';

/**
 * Polski: forma bezosobowa lub „proszę + bezokolicznik”; przyciski w trybie rozkazującym.
 * `{duration}` jest w mianowniku ("1 minuta", "2 minuty", "5 minut"), stąd
 * "Czas do wylogowania: …", a nie "za …" (wymagałoby biernika: "za 1 minutę").
 */
export default {
  title: 'Sesja wkrótce wygaśnie',
  message: 'Ze względów bezpieczeństwa sesja zostanie wkrótce zakończona. Aby ją przedłużyć, proszę nacisnąć dowolny klawisz, kliknąć lub poruszyć myszą.',
  timeLeft: 'Pozostały czas: {time}',
  remaining: 'Czas do wylogowania: {duration}.',
  stay: 'Przedłuż sesję',
  signOut: 'Wyloguj teraz',
  extended: 'Sesja została przedłużona.',
  expiredTitle: 'Nastąpiło wylogowanie',
  expiredMessage: 'Ze względów bezpieczeństwa sesja została zakończona po okresie bezczynności.',
  revokedMessage: 'Nastąpiło wylogowanie w innej karcie lub przez administratora.',
  replacedMessage: 'Sesja została zakończona, ponieważ nastąpiło logowanie w innym miejscu lub w tej przeglądarce zalogował się inny użytkownik.',
  unauthorizedMessage: 'Sesja nie jest już autoryzowana.',
  endedMessage: 'Sesja została zakończona.',
  checking: 'Sprawdzanie sesji…',
  reloginTitle: 'Wymagane ponowne logowanie',
  reloginMessage: 'Proszę zalogować się ponownie na to samo konto, aby wrócić do przerwanej pracy. Niezapisane zmiany pozostaną na tej stronie.',
  reloginReloadMessage: 'Aby kontynuować, proszę zalogować się ponownie. Strona zostanie następnie przeładowana, a niezapisane zmiany mogą zostać utracone.',
  signInAgain: 'Zaloguj się ponownie',
  cancel: 'Anuluj',
  goToLogin: 'Przejdź do strony logowania',
  popupBlocked: 'Okno logowania zostało zablokowane. Proszę zezwolić na wyskakujące okienka dla tej witryny lub przejść do strony logowania.',
} satisfies Strings;
