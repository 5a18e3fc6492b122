// The README's React snippet as a Preact user copies it ("the same JSX, with
// session-security/preact"): a twin of react/src/ReadmeSnippet.tsx on purpose, compiled by `tsc -p preact`, never imported.
import 'session-security/define';
import type {} from 'session-security/preact'; // JSX typings: props and on… events

export function SessionTimeout() {
  return (
    <session-security
      pingUrl="/session/ping"
      warnAfter={540}
      expireAfter={600}
      onsession-security-warn={(event) => console.log(event.detail.expiresAt)}
      onsession-security-expire={(event) => {
        event.preventDefault();
        location.assign('/login');
      }}
    />
  );
}
