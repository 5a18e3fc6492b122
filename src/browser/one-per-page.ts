/**
 * One element per session on a page: two elements with one ping URL would ping, warn
 * and sign out twice. The first one connected keeps the key; a second one gets a console
 * warning (it still runs: the page is the author's to fix).
 */
import { logWarning } from '../core/log.js';

const running = new Map<string, Element>();

/**
 * Claims `key` for `element`, once the current DOM change is over: htmx's hx-boost (and
 * others swapping a page's body) inserts the new page's element before it removes the
 * old one. `what` names the key in the warning. Returns the release, for disconnect.
 */
export function onePerPage(key: string, element: Element, what: string): () => void {
  queueMicrotask(() => {
    const other = running.get(key);
    if (!element.isConnected || other === element) return;
    if (other?.isConnected) logWarning(`another element already watches ${what}; use one per page.`);
    else running.set(key, element);
  });
  return () => {
    if (running.get(key) === element) running.delete(key);
  };
}
