/**
 * Hides everything the user was looking at, synchronously and without the network:
 * `visibility: hidden` on the root also takes the content out of the accessibility tree
 * and the tab order. The element's own dialog sets `visibility: visible` and stays seen.
 * The page stays hidden while any element wants it hidden: one element's "all clear"
 * never reveals a page another element hid.
 */
const hiders = new Set<object>();

export function hidePage(owner: object, hidden: boolean): void {
  if (hidden) hiders.add(owner);
  else hiders.delete(owner);
  const style = document.documentElement.style;
  if (hiders.size) style.setProperty('visibility', 'hidden', 'important');
  else style.removeProperty('visibility');
}
