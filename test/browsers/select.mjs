// The browsers @web/test-runner runs every browser suite in, all from Debian packages:
//   chromium  - /usr/bin/chromium (or CHROMIUM_PATH) through puppeteer-core (CDP)  apt-get install chromium
//   firefox   - /usr/bin/firefox-esr through puppeteer-core (WebDriver BiDi)  apt-get install firefox-esr
//   webkit    - WebKitGTK's MiniBrowser through WebKitWebDriver in an Xvfb display
//                                                     apt-get install webkit2gtk-driver xvfb
// Select with BROWSERS=chromium,firefox,webkit (comma list; default: all three). The paths
// are in paths.mjs, WebKitGTK's launcher in webkitgtk.mjs, its processes in processes.mjs.
import { accessSync, constants } from 'node:fs';
import { chromeLauncher } from '@web/test-runner-chrome';
import puppeteerCore from 'puppeteer-core';
import { CHROMIUM, FIREFOX, MINIBROWSER, WEBKIT_DRIVER, XVFB } from './paths.mjs';
import { installExitHandlers } from './processes.mjs';
import { WebKitGtkLauncher } from './webkitgtk.mjs';

const ALL = ['chromium', 'firefox', 'webkit'];

/** Each test file in its own window: hidden tabs stop requestAnimationFrame and fixture() hangs. */
const windowPage = ({ context }) => context.newPage({ type: 'window' });

/**
 * Firefox: a window too, whose setViewport (the runner calls it before each test file)
 * tolerates Firefox ESR 140 (bookworm without bookworm-security; that has 153), which
 * lacks the emulation.setScreenOrientationOverride command puppeteer sends next to the
 * viewport command; without this every test file fails there.
 */
async function firefoxPage({ context }) {
  const page = await context.newPage({ type: 'window' });
  const setViewport = page.setViewport.bind(page);
  page.setViewport = async (viewport) => {
    try {
      await setViewport(viewport);
    } catch (error) {
      if (!/unknown command emulation\.setScreenOrientationOverride/.test(String(error?.message))) throw error;
    }
  };
  return page;
}

/** Stops the run with one clear line instead of a stack trace. */
function fail(message) {
  process.stderr.write(`\nweb-test-runner: ${message}\n\n`);
  process.exit(1);
}

/** Binaries the selected browsers need but lack, as messages naming the apt package. */
const missing = [];
const missingPackages = new Set();

function needBinary(what, path, apt) {
  try {
    accessSync(path, constants.X_OK);
  } catch {
    missing.push(`${what} not found at ${path}: apt-get install ${apt}`);
    missingPackages.add(apt);
  }
}

const launchers = {
  chromium() {
    needBinary('Chromium', CHROMIUM, 'chromium');
    return chromeLauncher({
      launchOptions: {
        executablePath: CHROMIUM,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      },
      createPage: windowPage,
    });
  },

  firefox() {
    needBinary('Firefox ESR', FIREFOX, 'firefox-esr');
    return chromeLauncher({
      puppeteer: puppeteerCore,
      // networkEnabled: false - the runner uses none of puppeteer's request events, and
      // without their BiDi subscription msw answers come back about a third sooner.
      launchOptions: { browser: 'firefox', executablePath: FIREFOX, headless: true, networkEnabled: false },
      createPage: firefoxPage,
      // One test file at a time: with two (windows; tabs hang) msw answers come late enough
      // for the waits in test/helpers.ts to give up now and then.
      concurrency: 1,
    });
  },

  webkit() {
    needBinary('WebKitWebDriver', WEBKIT_DRIVER, 'webkit2gtk-driver');
    needBinary('WebKitGTK MiniBrowser', MINIBROWSER, 'webkit2gtk-driver');
    needBinary('Xvfb', XVFB, 'xvfb');
    return new WebKitGtkLauncher();
  },
};

/**
 * The launchers for the browsers named in `BROWSERS` (comma list of chromium, firefox,
 * webkit; default all three). Exits with a clear message when a name is unknown or a
 * browser's binary is missing.
 */
export function testBrowsers(names = process.env.BROWSERS) {
  const wanted = (names ?? '')
    .split(',')
    .map((n) => n.trim().toLowerCase())
    .filter(Boolean);
  const selected = wanted.length ? [...new Set(wanted)] : ALL;
  const unknown = selected.filter((n) => !ALL.includes(n));
  if (unknown.length) fail(`unknown browser ${unknown.join(', ')} in BROWSERS; use a comma list of ${ALL.join(', ')}`);
  const browsers = selected.map((name) => launchers[name]());
  if (missing.length === 1) fail(missing[0]);
  if (missing.length > 1) {
    fail(`${missing.join('\n  ')}\n  (all at once: apt-get install ${[...missingPackages].join(' ')}; or pick others with BROWSERS=...)`);
  }
  installExitHandlers();
  return browsers;
}
