// Measures the element's runtime budgets (README, "Size and speed") in headless Chromium
// and prints each figure next to its budget. Informational: it exits 0 whenever the
// measurements could be taken, over budget or not, and 1 only when a measurement failed.
//
//   npm run bench            (builds first)   node scripts/bench.mjs   (uses the last build)
//   node scripts/bench.mjs pointer wakeups   (only some of: pings wakeups propagation pointer)
//
// One file per measurement in scripts/bench/ (pings, wakeups, propagation, pointer), each
// declaring its figures and budgets; the verdicts and the table are computed here.
import { benchPage, cleanup, launchBrowser, startPageServer } from './bench/harness.mjs';
import { say } from './bench/element.mjs';
import { pings } from './bench/pings.mjs';
import { wakeups } from './bench/wakeups.mjs';
import { propagation } from './bench/propagation.mjs';
import { pointer } from './bench/pointer.mjs';

const MEASUREMENTS = { pings, wakeups, propagation, pointer };
const LIMIT_MS = 150_000; // the whole run, whatever happens

/** The table's rows: figure, measured, budget, verdict ('within' / 'OVER' / 'info' / 'FAILED'). */
const rows = [];
let failed = false;

/**
 * Runs one measurement. It reports each figure it declares by key, with a measured text
 * and whether it is within its budget (nothing for a figure given for information);
 * the verdict follows. A failure is reported and the other measurements still run.
 */
async function measure(measurement, context) {
  const started = Date.now();
  const reported = new Map();
  const report = (key, measured, within) => {
    const declared = measurement.figures[key];
    if (!declared) throw new Error(`${measurement.title}: reports an undeclared figure "${key}"`);
    reported.set(key, { measured, verdict: declared.budget === '' ? 'info' : within ? 'within' : 'OVER' });
  };
  say(`\n## ${measurement.title}`);
  try {
    await measurement.run({ ...context, report });
  } catch (error) {
    failed = true;
    say(`  FAILED: ${error.stack ?? error}`);
  }
  for (const [key, { figure, budget }] of Object.entries(measurement.figures)) {
    const result = reported.get(key);
    if (result) rows.push({ figure, measured: result.measured, budget, verdict: result.verdict });
    else if (budget !== '') rows.push({ figure, measured: 'n/a', budget, verdict: 'FAILED' });
  }
  say(`  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

function printTable() {
  const widths = [44, 34, 16];
  say(`\n${'figure'.padEnd(widths[0])} ${'measured'.padEnd(widths[1])} ${'budget'.padEnd(widths[2])} verdict`);
  for (const r of rows) say(`${r.figure.padEnd(widths[0])} ${r.measured.padEnd(widths[1])} ${r.budget.padEnd(widths[2])} ${r.verdict}`);
}

async function main() {
  // `node scripts/bench.mjs pointer pings` runs only those; no argument runs all four.
  const only = process.argv.slice(2);
  const unknown = only.filter((name) => !(name in MEASUREMENTS));
  if (unknown.length) throw new Error(`unknown measurement ${unknown.join(', ')}; choose from ${Object.keys(MEASUREMENTS).join(', ')}`);
  const started = Date.now();
  const browser = await launchBrowser();
  say(`session-security bench: ${await browser.version()}, headless, one window per tab`);
  const site = await startPageServer({
    plain: benchPage({ element: false }),
    element: benchPage({ element: true }),
    noop: benchPage({ element: false, emptyListener: true }),
    idle: benchPage({ element: true }),
    gone: '<!doctype html><title>gone</title><p>Signed out.</p>',
  });
  for (const [name, measurement] of Object.entries(MEASUREMENTS)) {
    if (!only.length || only.includes(name)) await measure(measurement, { browser, site });
  }
  printTable();
  say(`\n(${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

const watchdog = setTimeout(async () => {
  console.error(`bench: still running after ${LIMIT_MS / 1000} s; giving up`);
  await cleanup();
  process.exit(1);
}, LIMIT_MS);
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
]) {
  process.once(signal, async () => {
    await cleanup();
    process.exit(code);
  });
}

try {
  await main();
} catch (error) {
  failed = true;
  console.error(`bench failed: ${error.stack ?? error}`);
} finally {
  await cleanup();
  clearTimeout(watchdog);
}
process.exit(failed ? 1 : 0);
