import { listen } from './listen.js';

/**
 * What counts as a user being there. Capture phase on window, so scrolling inside a
 * panel and events inside shadow roots count; passive, so scrolling never waits on us.
 */
const ACTIVITY_EVENTS = ['pointermove', 'pointerdown', 'click', 'keydown', 'wheel', 'scroll', 'touchstart'];

/**
 * Calls back at most about once a second while the user is active. The callback may
 * return false to say the event did not count (then the next one is not held back).
 */
export function watchActivity(onActivity: (at: number, event: Event) => boolean | void): () => void {
  let seen = 0;
  // Runs on every pointer move: one clock read and one comparison, nothing else.
  return listen(
    window,
    ACTIVITY_EVENTS,
    (event) => {
      const now = Date.now();
      if (now - seen >= 1000 && onActivity(now, event) !== false) seen = now;
    },
    { capture: true, passive: true },
  );
}

/**
 * Moments when timers may have been late or frozen: the tab is visible or focused
 * again, restored from the back/forward cache, back online or resumed from a freeze.
 */
export function watchWakeUps(onWake: () => void): () => void {
  const stopWindow = listen(window, ['focus', 'pageshow', 'online'], onWake);
  const stopDocument = listen(document, ['visibilitychange', 'resume'], onWake);
  return () => {
    stopWindow();
    stopDocument();
  };
}
