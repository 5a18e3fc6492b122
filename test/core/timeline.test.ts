import { expect } from '@open-wc/testing';
import { MAX_DELAY, phaseAt, timerDelay } from '../../src/core/timeline.js';

describe('timeline', () => {
  const times = { warnAfter: 540, expireAfter: 600 };

  it('is active, warning, then expired by wall-clock idle time', () => {
    expect(phaseAt(0, times, 539_999)).to.equal('active');
    expect(phaseAt(0, times, 540_000)).to.equal('warning');
    expect(phaseAt(0, times, 599_999)).to.equal('warning');
    expect(phaseAt(0, times, 600_000)).to.equal('expired');
  });

  it('clamps timer delays to what setTimeout can hold, and never below zero', () => {
    expect(timerDelay(10, 0)).to.equal(10);
    expect(timerDelay(0, 10)).to.equal(0);
    expect(timerDelay(2 ** 40, 0)).to.equal(MAX_DELAY);
  });
});
