// WebKitGTK: MiniBrowser through WebKitWebDriver in an Xvfb display, both spawned on
// first use and stopped with the launcher.
import { createConnection, createServer } from 'node:net';
import { WebdriverLauncher } from '@web/test-runner-webdriver';
import { MINIBROWSER, WEBKIT_DRIVER, XVFB } from './paths.mjs';
import { alive, children, sleep, start, terminate } from './processes.mjs';

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

export class WebKitGtkLauncher extends WebdriverLauncher {
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
        if (attempt >= 3) throw new Error(`${error.message}: ${driver.stderrTail()}`, { cause: error });
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
