// @web/test-runner: every browser suite in real browsers from Debian packages.
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { testBrowsers } from './test/browsers/select.mjs';
import { wheelCommand } from './test/browsers/wheel-command.mjs';

const tsconfig = fileURLToPath(new URL('./tsconfig.json', import.meta.url));

/** The service worker msw needs, served from node_modules at the root scope. */
function mswWorker() {
  return (context, next) => {
    if (context.url === '/mockServiceWorker.js') context.url = '/node_modules/msw/lib/mockServiceWorker.js';
    return next();
  };
}

/**
 * A strict Content-Security-Policy with Trusted Types, as a response header, for
 * test/browser/csp.test.ts's page only: scripts by nonce (the runner's inline scripts get
 * it), no inline style, Trusted Types enforced with `trusted-types` naming only lit's
 * policy. It also serves that test's two other needs, which msw cannot meet under
 * Trusted Types (registering its service worker is a TrustedScriptURL sink):
 * - /csp/ping: a ping answered like a server that saw no other activity (an echo);
 * - /csp/frame.html: a page defining the element under a `trusted-types` directive that
 *   omits lit's policy, recording console errors in window.errors.
 */
function strictCsp() {
  const policy = (nonce, trustedTypes) =>
    `default-src 'self'; script-src 'nonce-${nonce}' 'strict-dynamic'; style-src 'self'; object-src 'none'; base-uri 'none'; ` + `require-trusted-types-for 'script'; trusted-types ${trustedTypes}`;
  return async (context, next) => {
    if (context.path === '/csp/ping') {
      context.type = 'json';
      context.body = String(Number(context.query.idleFor));
      return;
    }
    const nonce = randomBytes(16).toString('base64');
    if (context.path === '/csp/frame.html') {
      context.type = 'html';
      context.set('Content-Security-Policy', policy(nonce, 'not-lit'));
      context.body =
        `<!doctype html><script nonce="${nonce}">window.errors = []; const error = console.error;` +
        `console.error = (...args) => { errors.push(args.join(' ')); error.apply(console, args); };</script>` +
        `<script nonce="${nonce}" type="module" src="/src/define.ts"></script>`;
      return;
    }
    await next();
    if (context.path !== '/' || typeof context.body !== 'string' || !context.body.includes('/test/browser/csp.test.ts')) return;
    context.set('Content-Security-Policy', policy(nonce, 'lit-html'));
    context.body = context.body.replace(/<(script|link)\b/g, `<$1 nonce="${nonce}"`);
  };
}

export default {
  files: ['test/**/*.test.ts', '!test/server/**', '!test/e2e/**', '!test/check/**', '!test/recipes/**', '!test/frameworks/**'],
  nodeResolve: { exportConditions: ['production'] },
  concurrency: 2,
  // One browser at a time (CI has 2 cores): msw answers arrive outside the fake clock, and
  // a second browser's load makes them late. Two at once saves about a quarter of the time.
  concurrentBrowsers: 1,
  testFramework: { config: { timeout: 10000 } },
  // A fresh machine's first browser start builds font caches and took over 10 s in CI;
  // these limits only turn a hang into a failure, so they are generous (defaults: 30 s, 20 s).
  browserStartTimeout: 120_000,
  testsStartTimeout: 60_000,
  plugins: [esbuildPlugin({ ts: true, tsconfig }), wheelCommand()],
  middleware: [mswWorker(), strictCsp()],
  // Chromium, Firefox ESR and WebKitGTK; BROWSERS=chromium,firefox,webkit selects (test/browsers/select.mjs).
  browsers: testBrowsers(),
};
