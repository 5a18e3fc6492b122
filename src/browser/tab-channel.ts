/**
 * A message bus between the tabs of one origin: BroadcastChannel, or where it does not
 * exist, `storage` events (the value is written and removed at once, with a nonce so that
 * equal messages still fire; nothing stays in localStorage). Both are same-origin by
 * construction, so there is no origin to check; the content is checked by the receiver.
 */
export interface TabChannel {
  post(message: unknown): void;
  close(): void;
}

export function openTabChannel(name: string, onMessage: (data: unknown) => void): TabChannel {
  if (typeof BroadcastChannel === 'function') {
    const channel = new BroadcastChannel(name);
    channel.onmessage = (event) => onMessage(event.data);
    return { post: (message) => channel.postMessage(message), close: () => channel.close() };
  }
  const onStorage = (event: StorageEvent) => {
    if (event.key !== name || !event.newValue || event.storageArea !== localStorage) return;
    try {
      onMessage(JSON.parse(event.newValue)[0]);
    } catch {
      // not ours, or garbled: ignored like any malformed message
    }
  };
  addEventListener('storage', onStorage);
  return {
    post(message) {
      try {
        localStorage.setItem(name, JSON.stringify([message, Math.random()]));
        localStorage.removeItem(name);
      } catch {
        // storage disabled or full: this tab simply acts alone
      }
    },
    close: () => removeEventListener('storage', onStorage),
  };
}
