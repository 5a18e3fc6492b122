// Where the Debian packages put the browsers and their helpers. The one place these paths
// are written: the browser suites (test/browsers/select.mjs), the bench (scripts/bench/)
// and the end-to-end and recipe harnesses (test/e2e, test/recipes; tsconfig.server.json
// copies this file into build/server) import them from here.

/** Chromium (apt-get install chromium); CHROMIUM_PATH points at another build. */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** Firefox ESR (apt-get install firefox-esr). */
export const FIREFOX = '/usr/bin/firefox-esr';
/** WebKitGTK's WebDriver and browser (apt-get install webkit2gtk-driver). */
export const WEBKIT_DRIVER = '/usr/bin/WebKitWebDriver';
export const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
/** The X display WebKitGTK draws into (apt-get install xvfb). */
export const XVFB = '/usr/bin/Xvfb';
