/**
 * The visible countdown's clock: a lit reactive controller that re-renders its host once
 * a second while `running()` holds (checked after every update), and stops when the host
 * is removed, so that no interval outlives the element.
 */
import type { ReactiveControllerHost } from 'lit';

export function countdown(host: ReactiveControllerHost & Element, running: () => boolean): void {
  let tick: ReturnType<typeof setInterval> | undefined;
  const set = (on: boolean) => {
    if (on && !tick) tick = setInterval(() => host.requestUpdate(), 1000);
    if (!on && tick) {
      clearInterval(tick);
      tick = undefined;
    }
  };
  host.addController({ hostUpdated: () => set(host.isConnected && running()), hostDisconnected: () => set(false) });
}
