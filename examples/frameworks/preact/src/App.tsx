// Preact: type-checked only (`npm run typecheck:preact`), not built or run in a browser.
// Preact sets the element's properties and listens to `on` + the event name, like React 19.
import { useState } from 'preact/hooks';
import 'session-security/define';
import type {} from 'session-security/preact';

export function App() {
  const [warned, setWarned] = useState(false);
  return (
    <>
      <session-security
        pingUrl="/session/ping"
        warnAfter={540}
        expireAfter={600}
        onsession-security-warn={(event) => setWarned(event.detail.expiresAt > Date.now())}
        onsession-security-expire={(event) => console.info('signed out:', event.detail.reason)}
      />
      {warned && <p>Your session is about to end.</p>}
    </>
  );
}

export const checks = [
  // @ts-expect-error warnAfter is a number of seconds
  <session-security pingUrl="/ping" warnAfter="soon" />,
  // @ts-expect-error the warn event's detail has no "reason"
  <session-security pingUrl="/ping" onsession-security-warn={(event) => event.detail.reason} />,
];
