/**
 * Hides everything the user was looking at, synchronously and without the network:
 * `visibility: hidden` on the root also takes the content out of the accessibility tree
 * and the tab order. The element's own dialog sets `visibility: visible` and stays seen.
 */
export function hidePage(hidden: boolean): void {
  const style = document.documentElement.style;
  if (hidden) style.setProperty('visibility', 'hidden', 'important');
  else style.removeProperty('visibility');
}
