/**
 * Known deviations of existing servers, reported as warnings instead of failures (like
 * the OpenID conformance suite's lists of expected failures). Only a deviation that
 * matches what is known is downgraded: a new failure of the same probe still fails.
 */
import type { ProbeId } from './catalog.js';

export interface Deviation {
  /** Why it deviates and how to fix it. */
  note: string;
  /** When set, only these offending inputs are known (a probe's `values`). */
  values?: string[];
}

export type Profile = Partial<Record<ProbeId, Deviation>>;

export const PROFILES: Record<string, Profile> = {
  // BACKENDS.md, "django-session-security" (run on 2.6.6/2.6.7).
  'django-session-security': {
    'no-header-no-merge': { note: 'known: it ignores X-Requested-With; add a middleware that answers 400 to a ping without it (PROTOCOL.md, Pitfalls)' },
    'bare-ping-not-activity': { note: 'known: a ping without idleFor is activity; set SESSION_SECURITY_PASSIVE_URL_NAMES = ["session_security_ping"]' },
    'idlefor-negative': { note: 'known: it clamps a negative idleFor to 0', values: ['"-100"', '"-1"'] },
    'idlefor-format': {
      note: 'known: it parses idleFor with int(), which takes signs, spaces, underscores and Unicode digits',
      values: ['"+0"', '"-0"', '" 0"', '"0\\n"', '"0_0"', '"\uff10"', '"\u0660"', 'idleFor[]=0'],
    },
    'no-store': { note: 'known: it sends no Cache-Control; wrap PingView in never_cache' },
  },
};

/** The deviation that covers this failure, if any. */
export function knownDeviation(profile: Profile | undefined, id: ProbeId, values: string[] | undefined): Deviation | undefined {
  const deviation = profile?.[id];
  if (!deviation) return undefined;
  if (deviation.values && !(values ?? []).every((value) => deviation.values!.includes(value))) return undefined;
  return deviation;
}
