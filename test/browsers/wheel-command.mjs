/**
 * A `wheel` command for browser tests: one real (trusted) wheel turn at a viewport point,
 * as a person scrolling would make. @web/test-runner-commands has keys and mouse moves
 * and clicks, but no wheel. Puppeteer (Chromium, Firefox) and WebDriver actions (WebKit)
 * both have one.
 */
export function wheelCommand() {
  return {
    name: 'wheel-command',
    async executeCommand({ command, payload, session }) {
      if (command !== 'wheel') return undefined;
      const { x, y, deltaY } = payload;
      const browser = session.browser;
      if (browser.type === 'puppeteer') {
        const page = browser.getPage(session.id);
        await page.mouse.move(x, y);
        await page.mouse.wheel({ deltaY });
        return true;
      }
      if (browser.type === 'webdriver') {
        await browser.driverManager.performActions(session.id, [{ type: 'wheel', id: 'wheel', actions: [{ type: 'scroll', x, y, deltaX: 0, deltaY, origin: 'viewport' }] }]);
        return true;
      }
      throw new Error(`wheel is not supported for ${browser.type}`);
    },
  };
}
