// React 19 sets the element's properties and listens to its events itself: no wrapper.
import { useState } from 'react';
import 'session-security/define';
import type {} from 'session-security/react';
import type { SessionSecurityExpireDetail } from 'session-security';

// The test page passes short times in the query (?warn=2&expire=4); a real app renders its own.
const query = new URLSearchParams(location.search);
const warnAfter = Number(query.get('warn') ?? 540);
const expireAfter = Number(query.get('expire') ?? 600);

export function App() {
  const [log, setLog] = useState<string[]>([]);
  const [expired, setExpired] = useState<SessionSecurityExpireDetail>();
  const [protectedArea, setProtectedArea] = useState(true);
  const note = (line: string) => setLog((lines) => [...lines, line]);

  // SPA pattern: the app's own requests are activity on the server (its middleware counts
  // them), so the element's next ping learns of them and does not warn.
  const save = async () => note(`saved ${(await fetch('/api/save', { method: 'POST' })).status}`);

  if (expired)
    return (
      <p id="expired">
        Signed out ({expired.reason}). <a href="/login">Sign in again</a>
      </p>
    );
  return (
    <main>
      <h1>React 19</h1>
      <button id="save" onClick={save}>
        Save
      </button>
      <button id="remove" onClick={() => setProtectedArea(false)}>
        Leave the protected area
      </button>
      {protectedArea && (
        <session-security
          pingUrl="/session/ping"
          warnAfter={warnAfter}
          expireAfter={expireAfter}
          onsession-security-warn={(event) => note(`warn ${event.detail.cause} ${event.detail.timeout}`)}
          onsession-security-extend={(event) => note(`extend ${event.detail.cause}`)}
          onsession-security-expire={(event) => {
            // Handled here: the app shows its own signed-out view (a router would navigate).
            event.preventDefault();
            note(`expire ${event.detail.reason}`);
            setExpired(event.detail);
          }}
        />
      )}
      <ol id="log">
        {log.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ol>
    </main>
  );
}
