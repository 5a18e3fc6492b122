// What the measurements read from, and do to, the element in a bench page (functions
// passed to page.evaluate run in the page), and how they print their figures.
import { median, until } from './harness.mjs';

export const say = (line) => console.log(line);
export const ms = (value) => `${value.toFixed(1)} ms`;
export const stats = (values) => `median ${ms(median(values))}, min ${ms(Math.min(...values))}, max ${ms(Math.max(...values))} (n=${values.length})`;

export const elementState = () => {
  const el = document.querySelector('session-security');
  return el?.controller ? { phase: el.controller.phase, button: !!el.shadowRoot?.querySelector('button') } : undefined;
};

/**
 * Where a tab stands after its expiry: 'left' (it navigated to return-to-url), 'expired'
 * (it stays, e.g. with the sign-in-again dialog of login-url) or undefined (not yet, or
 * between two documents).
 */
export async function afterExpiry(page, protectedPath) {
  if (new URL(page.url()).pathname !== protectedPath) return 'left';
  const state = await page.evaluate(elementState).catch(() => undefined);
  return state?.phase === 'expired' ? 'expired' : undefined;
}

/** Clicks "Stay signed in" in the element's dialog; returns when, on the page's clock. */
export const clickStay = () => {
  const root = document.querySelector('session-security').shadowRoot;
  const button = root.querySelector('button[part~="stay"]') ?? root.querySelector('button');
  const at = performance.timeOrigin + performance.now();
  button.click();
  return at;
};

export const running = (page) => until('the element to start', async () => (await page.evaluate(elementState))?.phase === 'active', { timeout: 10_000 });
