// 4. Pointer-move handler: 100,000 synthetic pointermove events (a person's are checked to count), page with vs without the
//    element (the same HTML, both load the CDN bundle), 5 rotating runs, medians; a page
//    with an empty listener shows what any listener costs in this test.
import { median, sleep, until, within } from './harness.mjs';
import { ms, running, say } from './element.mjs';

const POINTER_EVENTS = 100_000;
const POINTER_RUNS = 5;
const BATCH = 10_000;

/**
 * Cost of the pointer-move handler: its figures, each
 * with its budget ('' for information only), and how to take them; scripts/bench.mjs
 * runs it and computes the verdicts.
 */
export const pointer = {
  title: '4. cost of the pointer-move handler',
  figures: {
    handler: { figure: 'pointer-move handler, 100k events', budget: '<= 2 %' },
    anyListener: { figure: '  of which any listener (an empty one)', budget: '' },
    beyond: { figure: '  of which the handler beyond that', budget: '' },
  },
  run: (context) => pointerCost(context),
};

async function pointerCost({ browser, site, report }) {
  const context = await browser.createBrowserContext();
  try {
    // "plain" is the budget's baseline; "noop" (an empty passive capture listener on window,
    // no element) shows how much of the cost any listener at all has in this test.
    const pages = {};
    for (const name of ['plain', 'element', 'noop']) {
      pages[name] = await context.newPage({ type: 'window' });
      await pages[name].goto(`${site.base}/bench/${name}.html`, { waitUntil: 'load', timeout: 10_000 });
      await until('the bundle to load', () => pages[name].evaluate(() => !!customElements.get('session-security')));
    }
    await running(pages.element);
    const lastActivity = () => pages.element.evaluate(() => document.querySelector('session-security').controller.last);
    const lastBefore = await lastActivity();
    const run = (page, n) =>
      page.evaluate((n) => {
        const body = document.body;
        const start = performance.now();
        for (let i = 0; i < n; i++) body.dispatchEvent(new PointerEvent('pointermove', { bubbles: true, composed: true }));
        return performance.now() - start;
      }, n);
    for (const page of Object.values(pages)) await run(page, BATCH); // warm-up
    // Each run of 100k events is made of batches of 10k, interleaved between the pages in
    // a rotating order: the machine's load (other processes, GC, CPU frequency) then
    // falls on all pages alike. A run's time is the sum of its batches.
    const order = ['plain', 'element', 'noop'];
    const times = { plain: [], element: [], noop: [] };
    const ratios = { element: [], noop: [] };
    for (let i = 0; i < POINTER_RUNS; i++) {
      const total = { plain: 0, element: 0, noop: 0 };
      for (let b = 0; b < POINTER_EVENTS / BATCH; b++) {
        const batch = {};
        for (let j = 0; j < order.length; j++) {
          const name = order[(i + b + j) % order.length];
          batch[name] = await run(pages[name], BATCH);
          total[name] += batch[name];
        }
        ratios.element.push(batch.element / batch.plain);
        ratios.noop.push(batch.noop / batch.plain);
      }
      for (const name of order) times[name].push(total[name]);
    }
    // The flood is synthetic (untrusted): the handler reads the clock and returns at its
    // isTrusted check, as it does for a person's moves within its one-second throttle, so
    // the cost per event is the same. Whether it counts a person's moves at all is checked
    // with real input (CDP), a second after the flood.
    await sleep(1100);
    await pages.element.mouse.move(40, 40);
    await pages.element.mouse.move(60, 60);
    const seen = await until('a real pointer move counted', async () => (await lastActivity()) > lastBefore, { timeout: 3000 }).then(
      () => true,
      () => false,
    );
    const med = Object.fromEntries(Object.entries(times).map(([name, values]) => [name, median(values)]));
    const ns = (total) => ((total / POINTER_EVENTS) * 1e6).toFixed(0);
    for (const [name, label] of [
      ['plain', 'without the element'],
      ['element', 'with the element'],
      ['noop', 'no element, empty listener'],
    ]) {
      say(`  ${label.padEnd(27)} ${times[name].map((t) => t.toFixed(1)).join(', ')} ms (median ${ms(med[name])}, ${ns(med[name])} ns/event)`);
    }
    const overhead = ((med.element - med.plain) / med.plain) * 100;
    const perEvent = ((med.element - med.plain) / POINTER_EVENTS) * 1e6;
    const noop = ((med.noop - med.plain) / med.plain) * 100;
    say(
      `  the element: ${overhead >= 0 ? '+' : ''}${overhead.toFixed(1)} %, ${perEvent.toFixed(0)} ns per event; an empty listener alone: ${noop >= 0 ? '+' : ''}${noop.toFixed(1)} %, ${ns(med.noop - med.plain)} ns per event`,
    );
    const paired = (values) => `${((median(values) - 1) * 100).toFixed(1)} %`;
    say(`  cross-check, median of the ${ratios.element.length} paired batches: the element ${paired(ratios.element)}, an empty listener ${paired(ratios.noop)}`);
    say(`  the element saw the events: ${seen ? 'yes' : 'NO'}`);
    if (!seen) throw new Error('the element did not count a real pointer move as activity');
    report('handler', `${overhead >= 0 ? '+' : ''}${overhead.toFixed(1)} % (${perEvent.toFixed(0)} ns/event)`, overhead <= 2);
    const beyond = ((med.element - med.noop) / med.plain) * 100;
    report('anyListener', `${noop >= 0 ? '+' : ''}${noop.toFixed(1)} % (${ns(med.noop - med.plain)} ns/event)`);
    report('beyond', `${beyond >= 0 ? '+' : ''}${beyond.toFixed(1)} % (${ns(med.element - med.noop)} ns/event)`);
  } finally {
    await within(10_000, 'closing the context', context.close()).catch(() => {});
  }
}
