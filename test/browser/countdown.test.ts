import { expect, fixture, fixtureCleanup, html as fixtureHtml } from '@open-wc/testing';
import { LitElement, html } from 'lit';
import type { SinonFakeTimers } from 'sinon';
import { countdown } from '../../src/browser/countdown.js';
import { fakeClock } from '../helpers.js';

/** A host that counts its renders and runs the countdown while `running`. */
class CountdownHost extends LitElement {
  running = false;
  renders = 0;
  constructor() {
    super();
    countdown(this, () => this.running);
  }
  protected override render() {
    return html`${++this.renders}`;
  }
}
customElements.define('countdown-host', CountdownHost);

describe('countdown', () => {
  let clock: SinonFakeTimers;
  beforeEach(() => (clock = fakeClock()));
  afterEach(() => {
    fixtureCleanup();
    clock.restore();
  });

  const setUp = () => fixture<CountdownHost>(fixtureHtml`<countdown-host></countdown-host>`);
  const run = async (host: CountdownHost, running: boolean) => {
    host.running = running;
    host.requestUpdate();
    await host.updateComplete;
  };
  /** The renders during `seconds` more seconds, one second at a time. */
  const rendersIn = async (host: CountdownHost, seconds: number) => {
    const before = host.renders;
    for (let i = 0; i < seconds; i++) {
      await clock.tickAsync(1000);
      await host.updateComplete;
    }
    return host.renders - before;
  };

  it('does not tick while the predicate is false', async () => {
    const host = await setUp();
    expect(clock.countTimers()).to.equal(0);
    expect(await rendersIn(host, 3)).to.equal(0);
  });

  it('re-renders its host once a second while the predicate holds', async () => {
    const host = await setUp();
    await run(host, true);
    expect(await rendersIn(host, 3)).to.equal(3);
    expect(clock.countTimers(), 'one interval, not one per update').to.equal(1);
  });

  it('stops at the first update after the predicate turns false', async () => {
    const host = await setUp();
    await run(host, true);
    await run(host, false);
    expect(clock.countTimers()).to.equal(0);
    expect(await rendersIn(host, 3)).to.equal(0);
  });

  it('stops when its host is removed, and starts again when it is put back', async () => {
    const host = await setUp();
    await run(host, true);
    const parent = host.parentNode!;
    host.remove();
    expect(clock.countTimers()).to.equal(0);
    parent.append(host);
    await run(host, true);
    expect(await rendersIn(host, 2)).to.equal(2);
  });
});
