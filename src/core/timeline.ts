/**
 * Where a session stands, from wall-clock times only. Timers merely wake us up; every
 * decision compares deadlines with Date.now(), so sleep and throttled tabs cannot fool it.
 */

import type { Times } from './protocol.js';

export type Phase = 'active' | 'warning' | 'expired';

export function phaseAt(lastActivity: number, times: Times, now: number): Phase {
  const idle = now - lastActivity;
  return idle >= times.expireAfter * 1000 ? 'expired' : idle >= times.warnAfter * 1000 ? 'warning' : 'active';
}

/** setTimeout treats delays above 2^31-1 ms as 0; a long timer wakes early and re-checks. */
export const MAX_DELAY = 2 ** 31 - 1;

export function timerDelay(deadline: number, now: number): number {
  return Math.min(Math.max(deadline - now, 0), MAX_DELAY);
}
