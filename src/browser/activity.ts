import { listen } from './listen.js';

/**
 * What counts as a person being there: input only. Not `scroll`, which pages do by
 * themselves (live feeds, carousels, scroll anchoring, smooth-scroll scripts) and would
 * keep an unattended screen signed in; a person scrolling turns a wheel, presses keys or
 * touches, which count. Capture phase on window, so events inside panels and shadow
 * roots count; passive, so input never waits on us.
 */
const ACTIVITY_EVENTS = ['pointermove', 'pointerdown', 'click', 'keydown', 'wheel', 'touchstart'];

/**
 * Calls back at most about once a second while the user is active. The callback may
 * return false to say the event did not count (then the next one is not held back).
 */
export function watchActivity(onActivity: (at: number, event: Event) => boolean | void): () => void {
  let seen = 0;
  // Runs on every pointer move: one clock read and a few comparisons, nothing else.
  // Untrusted events are a script's, not a person's (element.activity() is the API for
  // activity the DOM does not show). abs(): a clock set back must not mute activity.
  return listen(
    window,
    ACTIVITY_EVENTS,
    (event) => {
      const now = Date.now();
      if (event.isTrusted && Math.abs(now - seen) >= 1000 && onActivity(now, event) !== false) seen = now;
    },
    { capture: true, passive: true },
  );
}

/**
 * Moments when timers may have been late or frozen: the tab is visible or focused
 * again, restored from the back/forward cache, back online or resumed from a freeze.
 */
export function watchWakeUps(onWake: (event: Event) => void): () => void {
  const stopWindow = listen(window, ['focus', 'pageshow', 'online'], onWake);
  const stopDocument = listen(document, ['visibilitychange', 'resume'], onWake);
  return () => {
    stopWindow();
    stopDocument();
  };
}
