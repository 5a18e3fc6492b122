// @web/test-runner: every browser suite in real browsers from Debian packages.
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';

const tsconfig = fileURLToPath(new URL('./tsconfig.json', import.meta.url));

/** The service worker msw needs, served from node_modules at the root scope. */
function mswWorker() {
  return (context, next) => {
    if (context.url === '/mockServiceWorker.js') context.url = '/node_modules/msw/lib/mockServiceWorker.js';
    return next();
  };
}

export default {
  files: ['test/**/*.test.ts', '!test/server/**'],
  nodeResolve: { exportConditions: ['production'] },
  concurrency: 2,
  testFramework: { config: { timeout: 10000 } },
  plugins: [esbuildPlugin({ ts: true, tsconfig })],
  middleware: [mswWorker()],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      },
      // Each test file in its own window: hidden tabs stop requestAnimationFrame.
      createPage: ({ context }) => context.newPage({ type: 'window' }),
    }),
  ],
};
