/** The demo's HTML: a sign-in page and the protected page, plain markup and a little CSS. */
import type { Session } from '../src/server/index.js';
import { html, trusted, type Html } from './html.js';

/** lit's bare specifiers, for the npm build in /dist/ (the CDN bundle has lit inside). */
const IMPORT_MAP = JSON.stringify({
  imports: {
    lit: '/node_modules/lit/index.js',
    'lit/': '/node_modules/lit/',
    '@lit/reactive-element': '/node_modules/@lit/reactive-element/reactive-element.js',
    '@lit/reactive-element/': '/node_modules/@lit/reactive-element/',
    'lit-html': '/node_modules/lit-html/lit-html.js',
    'lit-html/': '/node_modules/lit-html/',
    'lit-element/': '/node_modules/lit-element/',
  },
});

const CSS = `
body { font: 16px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; }
header { display: flex; gap: 1rem; align-items: center; justify-content: space-between; border-bottom: 1px solid #ccc; }
header form { margin: 0; }
label { display: block; margin: .5rem 0; }
input, textarea, button { font: inherit; }
textarea { width: 100%; min-height: 6rem; box-sizing: border-box; }
.note { background: #eef5ff; border-left: 4px solid #3570c9; padding: .5rem 1rem; }
.error { background: #fdecea; border-left: 4px solid #c62828; padding: .5rem 1rem; }
#log { font: 14px/1.4 ui-monospace, monospace; }
`;

// Listens on document: the element's events bubble and are composed. textContent only.
const LOG_SCRIPT = `
const log = document.getElementById('log');
for (const type of ['warn', 'extend', 'expire', 'ping-error']) {
  document.addEventListener('session-security-' + type, (event) => {
    const item = document.createElement('li');
    item.textContent = new Date().toLocaleTimeString() + '  ' + type + '  ' + JSON.stringify(event.detail);
    log.prepend(item);
  });
}
`;

function layout(title: string, nonce: string, head: Html | string, body: Html): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · session-security demo</title>
<style nonce="${nonce}">${trusted(CSS)}</style>
${head}
</head>
<body>
${body}
</body>
</html>
`;
}

export interface LoginPage {
  nonce: string;
  next: string;
  error?: string;
  expired?: boolean;
  user?: string;
}

export function loginPage({ nonce, next, error, expired, user }: LoginPage): Html {
  return layout(
    'Sign in',
    nonce,
    '',
    html`<main>
<h1>Sign in</h1>
${expired ? html`<p class="note" role="status">You were signed out after a period of inactivity. Sign in again to continue.</p>` : ''}
${error ? html`<p class="error" role="alert">${error}</p>` : ''}
${user ? html`<p class="note">You are signed in as <strong>${user}</strong>: <a href="${next}">back to the protected page</a>.</p>` : ''}
<form method="post" action="/login">
  <input type="hidden" name="next" value="${next}">
  <label>User name <input name="username" autocomplete="username" required autofocus></label>
  <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
  <button>Sign in</button>
</form>
<p>Demo accounts: <code>alice</code> / <code>alice</code> and <code>bob</code> / <code>bob</code>.</p>
</main>`,
  );
}

export interface ProtectedPage {
  nonce: string;
  session: Session;
  /** '/' loads the npm build through an import map, '/cdn' the one-file CDN bundle. */
  path: '/' | '/cdn';
  submitted?: string;
}

export function protectedPage({ nonce, session, path, submitted }: ProtectedPage): Html {
  const cdn = path === '/cdn';
  const loader = cdn
    ? html`<script type="module" src="/dist/cdn/session-security.js"></script>`
    : html`<script type="importmap" nonce="${nonce}">${trusted(IMPORT_MAP)}</script>
<script type="module" src="/dist/define.js"></script>`;
  const head = html`<meta name="csrf-token" content="${session.csrfToken}">
${loader}
<script type="module" nonce="${nonce}">${trusted(LOG_SCRIPT)}</script>`;
  const returnTo = `/login?expired=1${cdn ? '&next=/cdn' : ''}`;
  return layout(
    cdn ? 'Protected page (CDN bundle)' : 'Protected page (npm build)',
    nonce,
    head,
    html`<header>
  <p>Signed in as <strong>${session.user}</strong></p>
  <form method="post" action="/logout">
    <input type="hidden" name="csrfmiddlewaretoken" value="${session.csrfToken}">
    <button>Sign out</button>
  </form>
</header>
<main>
<h1>Protected page</h1>
<p>This page loads the element from ${cdn ? html`the CDN bundle (<code>/dist/cdn/session-security.js</code>)` : html`the npm build (<code>/dist/define.js</code> and lit through an import map)`}.
See also <a href="${cdn ? '/' : '/cdn'}">the ${cdn ? 'npm build' : 'CDN bundle'} page</a>.</p>
<p class="note">Stay idle: a warning appears after ${session.warnAfter} s and you are signed out after ${session.expireAfter} s.
Moving the mouse or typing keeps you signed in. Open a second tab: both follow one session.</p>
<session-security ping-url="/session/ping" warn-after="${session.warnAfter}" expire-after="${session.expireAfter}" return-to-url="${returnTo}"></session-security>
<form method="post" action="${path}">
  <input type="hidden" name="csrfmiddlewaretoken" value="${session.csrfToken}">
  <label>Something secret <textarea name="secret"></textarea></label>
  <button>Send</button>
</form>
${submitted === undefined ? '' : html`<h2>You sent</h2><pre>${submitted}</pre>`}
<h2>Events</h2>
<ol id="log" reversed></ol>
</main>`,
  );
}

export function messagePage(nonce: string, title: string, message: string): Html {
  return layout(title, nonce, '', html`<main><h1>${title}</h1><p>${message}</p><p><a href="/">Home</a></p></main>`);
}
