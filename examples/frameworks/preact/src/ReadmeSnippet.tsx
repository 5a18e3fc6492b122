// The README's Preact snippet, verbatim below this comment (test/e2e/readme-snippets.test.ts
// checks it): compiled by `tsc -p preact`, never imported. The React example is the tested app.
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
