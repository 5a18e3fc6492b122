// The browsers @web/test-runner runs every browser suite in, all from Debian packages:
//   chromium  - /usr/bin/chromium through puppeteer-core (CDP)          apt-get install chromium
//   firefox   - /usr/bin/firefox-esr through puppeteer-core (WebDriver BiDi)  apt-get install firefox-esr
//   webkit    - WebKitGTK's MiniBrowser through WebKitWebDriver in an Xvfb display
//                                                     apt-get install webkit2gtk-driver xvfb
// Select with BROWSERS=chromium,firefox,webkit (comma list; default: all three).
import { spawn } from 'node:child_process';
import { accessSync, constants, readdirSync, readFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { chromeLauncher } from '@web/test-runner-chrome';
import { WebdriverLauncher } from '@web/test-runner-webdriver';
import puppeteerCore from 'puppeteer-core';

export const CHROMIUM = '/usr/bin/chromium';
export const FIREFOX = '/usr/bin/firefox-esr';
export const WEBKIT_DRIVER = '/usr/bin/WebKitWebDriver';
export const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
export const XVFB = '/usr/bin/Xvfb';

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
  const wanted = (names ?? '').split(',').map((n) => n.trim().toLowerCase()).filter(Boolean);
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

// ---------------------------------------------------------------------------------------
// WebKitGTK: Xvfb + WebKitWebDriver, spawned on first use and stopped with the launcher.

/** A free TCP port on the loopback interface. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once `port` accepts connections; rejects if `child` exits first or on timeout. */
async function waitForPort(port, child, what, timeout = 20_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (!alive(child)) {
      throw new Error(`${what} exited (${child.spawnError?.message ?? child.exitCode ?? child.signalCode}) before accepting connections on port ${port}`);
    }
    const open = await new Promise((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`${what} did not accept connections on port ${port} within ${timeout} ms`);
    await sleep(50);
  }
}

/** A child in its own process group, so that the group (with its own children) can be killed. */
function start(command, args, options = {}) {
  const child = spawn(command, args, { detached: true, ...options });
  // 'exit' once the child has been reaped; 'error' alone when it could not be spawned.
  child.exited = new Promise((resolve) => {
    child.once('exit', (code, sig) => resolve(code ?? sig));
    child.once('error', (error) => {
      child.spawnError = error;
      resolve(error.code);
    });
  });
  let tail = '';
  child.stderr?.on('data', (data) => {
    tail = (tail + data).slice(-2000);
  });
  child.stderrTail = () => tail.trim();
  return child;
}

function alive(child) {
  return Boolean(child?.pid) && !child.spawnError && child.exitCode === null && child.signalCode === null;
}

/** Signals the child's process group (the child and what it started). */
function signal(child, sig) {
  if (!alive(child)) return;
  try {
    process.kill(-child.pid, sig);
  } catch {
    try {
      child.kill(sig);
    } catch {
      // already gone
    }
  }
}

/** SIGTERM, then SIGKILL after `grace` ms; resolves when the child has exited (is reaped). */
async function terminate(child, grace = 5000) {
  if (!child?.pid) return;
  if (alive(child)) {
    signal(child, 'SIGTERM');
    const timer = setTimeout(() => signal(child, 'SIGKILL'), grace);
    await child.exited;
    clearTimeout(timer);
  }
  // The group may outlive its leader (a MiniBrowser the driver left behind): kill what is
  // left and wait (briefly) until it is gone. Processes whose parent died before them are
  // reaped by init, not by us.
  const group = new Set([child.pid]);
  killGroups(group, 'SIGKILL');
  for (let i = 0; i < 100 && liveMembers(group) > 0; i++) await sleep(20);
}

function killGroups(groups, sig) {
  for (const group of groups) {
    try {
      process.kill(-group, sig);
    } catch {
      // gone
    }
  }
}

/** How many processes of these process groups still run (zombies do not count). */
function liveMembers(groups) {
  let count = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // pid (comm) state ppid pgrp ...; comm may contain spaces and parentheses.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (groups.has(Number(pgrp)) && state !== 'Z' && state !== 'X') count++;
  }
  return count;
}

function sleepSync(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Every child still alive, for the process-exit and signal handlers. */
const children = new Set();
let handlersInstalled = false;

function installExitHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  // On exit (the runner exits at once on SIGINT) only synchronous code runs: signal the
  // groups and wait until their processes are gone; Xvfb removes its lock file on SIGTERM.
  process.on('exit', () => {
    const groups = new Set([...children].map((child) => child.pid).filter(Boolean));
    if (groups.size === 0) return;
    killGroups(groups, 'SIGTERM');
    const deadline = Date.now() + 5000;
    while (liveMembers(groups) > 0 && Date.now() < deadline) sleepSync(20);
    killGroups(groups, 'SIGKILL');
  });
  // The runner handles SIGINT itself (and exits, which runs the handler above). SIGTERM it
  // does not; puppeteer's handler then only closes its browser and the runner starts a new
  // one. Stop our children, wait for them, then exit as SIGTERM would have (puppeteer's
  // exit handler kills its browsers).
  process.once('SIGTERM', async () => {
    await Promise.race([Promise.all([...children].map((c) => terminate(c, 2000))), sleep(4000)]);
    process.exit(143);
  });
}

class WebKitGtkLauncher extends WebdriverLauncher {
  constructor() {
    super({
      hostname: '127.0.0.1',
      port: 0, // set once WebKitWebDriver listens
      path: '/',
      logLevel: 'error',
      connectionRetryCount: 0,
      capabilities: {
        browserName: 'MiniBrowser',
        'wdio:enforceWebDriverClassic': true,
        'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
      },
    });
    // One test file at a time, in the top-level page (SessionManager): the iframe mode used
    // for concurrency > 1 shares one focus and one WebDriver frame between test files.
    this.concurrency = 1;
  }

  async initialize(config, testFiles) {
    await super.initialize({ ...config, concurrency: 1 }, testFiles);
    this.name = 'WebKit';
  }

  async startSession(id, url) {
    await this.ensureServices();
    return super.startSession(id, url);
  }

  async startDebugSession(id, url) {
    await this.ensureServices();
    return super.startDebugSession(id, url);
  }

  async stop() {
    try {
      await super.stop(); // deletes the WebDriver session: the driver closes MiniBrowser
    } finally {
      await this.stopServices();
    }
  }

  ensureServices() {
    this.services ??= this.startServices().catch(async (error) => {
      await this.stopServices();
      throw error;
    });
    return this.services;
  }

  async startServices() {
    // Xvfb picks a free display itself and writes its number to fd 3.
    const xvfb = start(XVFB, ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    });
    this.xvfb = xvfb;
    children.add(xvfb);
    const display = await new Promise((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`Xvfb did not report a display within 10 s: ${xvfb.stderrTail()}`)), 10_000);
      xvfb.stdio[3].on('data', (data) => {
        out += data;
        if (out.includes('\n')) {
          clearTimeout(timer);
          resolve(out.trim());
        }
      });
      xvfb.exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`Xvfb exited (${code}): ${xvfb.stderrTail()}`));
      });
    });
    const env = { ...process.env, DISPLAY: `:${display}`, GDK_BACKEND: 'x11' };
    delete env.WAYLAND_DISPLAY;

    // WebKitWebDriver on a free port; retry with another if the port was taken meanwhile.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const driver = start(WEBKIT_DRIVER, [`--port=${port}`, '--host=127.0.0.1'], { stdio: ['ignore', 'ignore', 'pipe'], env });
      this.driverProcess = driver;
      children.add(driver);
      try {
        await waitForPort(port, driver, 'WebKitWebDriver');
        this.options.port = port;
        return;
      } catch (error) {
        await this.stopChild(driver);
        if (attempt >= 3) throw new Error(`${error.message}: ${driver.stderrTail()}`);
      }
    }
  }

  async stopChild(child) {
    await terminate(child);
    children.delete(child);
  }

  async stopServices() {
    const { driverProcess, xvfb } = this;
    this.services = undefined;
    this.driverProcess = undefined;
    this.xvfb = undefined;
    await this.stopChild(driverProcess); // first the driver (and MiniBrowser), then its display
    await this.stopChild(xvfb);
  }
}
