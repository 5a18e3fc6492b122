// The one Node-side wait for code that drives a browser from Node: the end-to-end and
// recipe harnesses (test/e2e, test/recipes; tsconfig.server.json copies this file into
// build/server) and the bench (scripts/bench/). It polls on Node's real timers, so it
// works while the pages run on fake ones. The browser tests' own `until` (test/helpers.ts)
// runs inside the page, where sinon fakes setTimeout, and waits in macrotasks instead.

const realDelay = (ms) => new Promise((done) => setTimeout(done, ms));

/**
 * Polls `check` until it returns a truthy value, and returns that value. A `check` that
 * throws (e.g. the page's execution context went away during a navigation) is tried
 * again; the last error or value is named in the time-out error.
 * @template T
 * @param {string} what what is awaited, for the error message
 * @param {() => T | Promise<T>} check
 * @param {{ timeout?: number, every?: number }} [options] real milliseconds: the limit (10 s) and the polling interval (50 ms)
 * @returns {Promise<Exclude<Awaited<T>, false | 0 | '' | null | undefined>>}
 */
export async function until(what, check, { timeout = 10_000, every = 50 } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`${what}: not within ${timeout} ms (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    }
    await realDelay(every);
  }
}
