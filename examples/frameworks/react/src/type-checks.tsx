// Compiled by `tsc -p react` only (never imported): the typings must refuse these, or an
// unused @ts-expect-error fails the build.
import type {} from 'session-security/react';

export const checks = [
  // @ts-expect-error warnAfter is a number of seconds
  <session-security pingUrl="/ping" warnAfter="soon" />,
  // @ts-expect-error login-mode is "popup" or "frame"
  <session-security ping-url="/ping" login-mode="window" />,
  // @ts-expect-error the warn event's detail has no "reason"
  <session-security pingUrl="/ping" onsession-security-warn={(event) => event.detail.reason} />,
  // @ts-expect-error the expire event's detail has a reason, unsavedChanges and cause only
  <session-security pingUrl="/ping" onsession-security-expire={(event) => event.detail.expiresAt} />,
  <session-security ping-url="/ping" warn-after="540" text-stay="Keep me signed in" onsession-security-ping-error={(event) => event.detail.reason.toUpperCase()} />,
];
