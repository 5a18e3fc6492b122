// @web/test-runner: every browser suite in real browsers from Debian packages.
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { testBrowsers } from './test-browsers.mjs';

const tsconfig = fileURLToPath(new URL('./tsconfig.json', import.meta.url));

/** The service worker msw needs, served from node_modules at the root scope. */
function mswWorker() {
  return (context, next) => {
    if (context.url === '/mockServiceWorker.js') context.url = '/node_modules/msw/lib/mockServiceWorker.js';
    return next();
  };
}

export default {
  files: ['test/**/*.test.ts', '!test/server/**', '!test/e2e/**'],
  nodeResolve: { exportConditions: ['production'] },
  concurrency: 2,
  // One browser at a time (CI has 2 cores): msw answers arrive outside the fake clock, and
  // a second browser's load makes them late. Two at once saves about a quarter of the time.
  concurrentBrowsers: 1,
  testFramework: { config: { timeout: 10000 } },
  plugins: [esbuildPlugin({ ts: true, tsconfig })],
  middleware: [mswWorker()],
  // Chromium, Firefox ESR and WebKitGTK; BROWSERS=chromium,firefox,webkit selects (test-browsers.mjs).
  browsers: testBrowsers(),
};
