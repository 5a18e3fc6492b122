/** The demo's HTML: a sign-in page and the protected page, plain markup and a little CSS. */
import type { LiveSession as Session, SessionInfo } from '../src/server/express-session.js';
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
.tools { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: center; }
.tools label { display: inline; margin: 0; }
textarea[name=secret] { min-height: 12rem; }
`;

// Listens on document: the element's events bubble and are composed. textContent only.
const LOG_SCRIPT = `
const log = document.getElementById('log');
for (const type of ['warn', 'extend', 'expire', 'ping-error', 'resume']) {
  document.addEventListener('session-security-' + type, (event) => {
    const item = document.createElement('li');
    item.textContent = new Date().toLocaleTimeString() + '  ' + type + '  ' + JSON.stringify(event.detail);
    log.prepend(item);
  });
}
`;

// The header's "Sign out" tells the page's other tabs at once (the element's signedOut():
// they hide now instead of at their next ping, up to warn-after later). A listener in a
// nonce'd script, since the CSP admits no inline handler. Called on submit, before the
// navigation; optional calls in case the element's module has not loaded.
const SIGN_OUT_SCRIPT = `
document.getElementById('sign-out').addEventListener('submit', () => {
  document.querySelector('session-security')?.signedOut?.();
});
`;

/** The languages the element has strings for, each named in itself. */
export const LANGUAGES: ReadonlyArray<readonly [tag: string, name: string]> = [
  ['en', 'English'],
  ['ca', 'Català'],
  ['cs', 'Čeština'],
  ['de', 'Deutsch'],
  ['es', 'Español'],
  ['fr', 'Français'],
  ['it', 'Italiano'],
  ['nl', 'Nederlands'],
  ['pl', 'Polski'],
  ['pt-BR', 'Português (Brasil)'],
  ['pt-PT', 'Português (Portugal)'],
];

// The language switch: sets lang on <html>, which the element reads (closest lang) when
// its dialog next opens. Remembered in localStorage so a reload keeps it. No markup
// is built here: the options are server-rendered, only attributes and values change.
const LANG_SCRIPT = `
const select = document.getElementById('lang');
const known = Array.from(select.options, (option) => option.value);
let saved = null;
try { saved = localStorage.getItem('demo-lang'); } catch {}
if (known.includes(saved)) document.documentElement.lang = saved;
select.value = document.documentElement.lang;
select.addEventListener('change', () => {
  document.documentElement.lang = select.value;
  try { localStorage.setItem('demo-lang', select.value); } catch {}
});
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
${user ? html`<p class="note">You are signed in as <strong>${user}</strong>: <a href="${next}">continue</a>, or sign in as someone else below.</p>` : ''}
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

/**
 * Where the login page leads when the element opened it in a popup or a frame
 * (login-url="/login?next=/signed-in"). The element finds out by pinging that someone
 * signed in, so this page only has to tell the user they are done here.
 */
export function signedInPage(nonce: string, user: string, framed: boolean): Html {
  return layout(
    'Signed in',
    nonce,
    '',
    html`<main>
<h1>Signed in</h1>
<p role="status">Signed in as <strong>${user}</strong> — you can close this window.</p>
<p>The page you came from picks up where you left it by itself.</p>
${framed ? '' : html`<p>Not in a sign-in window? <a href="/">Go to the protected page</a>.</p>`}
</main>`,
  );
}

export interface ProtectedPage {
  nonce: string;
  session: Session;
  /** The session's opaque user (security.userOf): the element's `user` attribute. */
  user: string;
  /** '/' loads the npm build through an import map, '/cdn' the one-file CDN bundle. */
  path: '/' | '/cdn';
  /** login-mode="frame" (the page was asked for with ?mode=frame) instead of the popup. */
  frame?: boolean;
  submitted?: string;
  /** This user's sessions (the session log), newest first. */
  sessions?: SessionInfo[];
  /** The handle of this page's own session, to mark it in the list. */
  handle?: string;
}

const when = (ms: number | undefined) => (ms === undefined ? '' : new Date(ms).toISOString().replace('T', ' ').slice(0, 19) + ' UTC');

/** The session log and "sign out everywhere" (django-expire's policies). Every value is escaped. */
function sessionsSection(sessions: SessionInfo[], csrfToken: string, own: string | undefined): Html {
  const row = (info: SessionInfo) => html`<tr>
    <td>${when(info.start)}${info.handle === own ? ' (this one)' : ''}</td>
    <td>${info.live ? `live, idle ${info.idleFor} s` : `${info.reason ?? 'ended'} ${when(info.end)}`}</td>
    <td>${info.ip ?? ''}</td><td>${info.userAgent ?? ''}</td>
    <td>${info.live ? html`<form method="post" action="/sessions/revoke"><input type="hidden" name="csrfmiddlewaretoken" value="${csrfToken}"><input type="hidden" name="handle" value="${info.handle}"><button>End</button></form>` : ''}</td>
  </tr>`;
  return html`<h2>Your sessions</h2>
<table id="sessions"><thead><tr><th>Signed in</th><th>State</th><th>IP address</th><th>Browser</th><th></th></tr></thead>
<tbody>${sessions.map(row)}</tbody></table>
<form id="sign-out-everywhere" method="post" action="/sessions/revoke-all">
  <input type="hidden" name="csrfmiddlewaretoken" value="${csrfToken}">
  <button>Sign out everywhere</button>
</form>`;
}

export function protectedPage({ nonce, session, user, path, frame = false, submitted, sessions = [], handle }: ProtectedPage): Html {
  const cdn = path === '/cdn';
  const loader = cdn
    ? html`<script type="module" src="/dist/cdn/session-security.js"></script>`
    : html`<script type="importmap" nonce="${nonce}">${trusted(IMPORT_MAP)}</script>
<script type="module" src="/dist/define.js"></script>`;
  // csrf-param names the field of the element's "Sign out now" form: its default
  // selector finds the csrf-token meta tag first, which is Rails-style, and without
  // csrf-param it would post the token as _token, which this server does not read.
  const head = html`<meta name="csrf-token" content="${session.csrfToken}">
<meta name="csrf-param" content="csrfmiddlewaretoken">
<script type="module" nonce="${nonce}">${trusted(LANG_SCRIPT)}</script>
${loader}
<script type="module" nonce="${nonce}">${trusted(LOG_SCRIPT)}</script>
<script type="module" nonce="${nonce}">${trusted(SIGN_OUT_SCRIPT)}</script>`;
  const self = frame ? `${path}?mode=frame` : path;
  const returnTo = self === '/' ? '/login?expired=1' : `/login?expired=1&next=${encodeURIComponent(self)}`;
  const other = (mode: boolean) => (mode ? `${path}?mode=frame` : path);
  const twin = `${cdn ? '/' : '/cdn'}${frame ? '?mode=frame' : ''}`;
  return layout(
    cdn ? 'Protected page (CDN bundle)' : 'Protected page (npm build)',
    nonce,
    head,
    html`<header>
  <p>Signed in as <strong id="user">${session.user}</strong></p>
  <form id="sign-out" method="post" action="/logout">
    <input type="hidden" name="csrfmiddlewaretoken" value="${session.csrfToken}">
    <button>Sign out</button>
  </form>
</header>
<main>
<h1>Protected page</h1>
<div class="tools">
  <label>Language of the dialog <select id="lang">${LANGUAGES.map(([tag, name]) => html`<option value="${tag}" lang="${tag}">${name}</option>`)}</select></label>
  <span>Signing in again opens ${frame ? html`in a frame in the dialog (<a href="${other(false)}">use a popup</a>)` : html`a popup (<a href="${other(true)}">use a frame</a>)`}</span>
</div>
<p>This page loads the element from ${cdn ? html`the CDN bundle (<code>/dist/cdn/session-security.js</code>)` : html`the npm build (<code>/dist/define.js</code> and lit through an import map)`}.
See also <a href="${twin}">the ${cdn ? 'npm build' : 'CDN bundle'} page</a>.</p>
<session-security user="${user}" ping-url="/session/ping" events-url="/session/events" warn-after="${session.warnAfter}" expire-after="${session.expireAfter}" return-to-url="${returnTo}" login-url="/login?next=/signed-in"${frame ? html` login-mode="frame"` : ''} logout-url="/logout"></session-security>

<h2>Try it</h2>
<ol>
  <li>Type something in the form below, and do not send it.</li>
  <li>Stay idle: a warning appears after ${session.warnAfter} s (moving the mouse or typing keeps you signed in; the language switch above changes its language), and after ${session.expireAfter} s the page is hidden and you are signed out on the server too.</li>
  <li>Click <strong>Sign in again</strong> and sign in as <code>${session.user}</code> ${frame ? 'in the frame' : 'in the popup'}. The page comes back as you left it, your text still in the form, and <strong>Send</strong> works: the page got the new session's CSRF token.</li>
  <li>Now let it time out again and sign in as <code>${session.user === 'bob' ? 'alice' : 'bob'}</code> instead: the page reloads as ${session.user === 'bob' ? 'alice' : 'bob'}, and ${session.user}'s draft is gone. A page is only ever given back to the user who left it.</li>
</ol>

<h2>Two tabs, one session</h2>
<p>Open this page in a second tab and leave both alone. The warning appears in both at the same time;
click <strong>Stay signed in</strong> in one and it closes in the other too. Working in one tab keeps the other
signed in, only one tab pings the server for both, and signing in again in one brings both back.</p>

<h2>A long form</h2>
<form method="post" action="${self}">
  <input type="hidden" name="csrfmiddlewaretoken" value="${session.csrfToken}">
  <label>Something secret, long enough that you would hate to type it twice <textarea name="secret"></textarea></label>
  <button>Send</button>
</form>
${submitted === undefined ? '' : html`<h2>You sent</h2><pre id="sent">${submitted}</pre>`}
${sessionsSection(sessions, session.csrfToken, handle)}
<h2>Events</h2>
<ol id="log" reversed></ol>
</main>`,
  );
}

export function messagePage(nonce: string, title: string, message: string): Html {
  return layout(title, nonce, '', html`<main><h1>${title}</h1><p>${message}</p><p><a href="/">Home</a></p></main>`);
}
