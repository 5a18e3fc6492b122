/** Adds one handler for several event types; returns the function that removes them all. */
export function listen(target: EventTarget, types: readonly string[], handler: EventListener, options: AddEventListenerOptions = {}): () => void {
  for (const type of types) target.addEventListener(type, handler, options);
  return () => {
    for (const type of types) target.removeEventListener(type, handler, options);
  };
}
