/**
 * The checker against fixtures (fixtures.ts) that each break one rule: it must name the
 * probe that catches the flaw, and only that one. Real time; the checks run concurrently.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CheckOptions, ProbeId } from '../../src/check/index.js';
import { startFixture, type Flaw } from './fixtures.js';
import { SLOW, byStatus, problems, run } from './helpers.js';

/** The fixture's events URL, relative to the ping URL like --page. */
const EVENTS: Partial<CheckOptions> = { events: '/session/events', slow: true };

interface Case {
  flaws: Flaw[];
  catches: ProbeId[];
  options?: Partial<CheckOptions>;
  expireAfter?: number;
  /** Skipped besides SLOW (when the run is not --slow). */
  skipped?: ProbeId[];
}

const CASES: Case[] = [
  // The probes that rely on pings not being activity say so instead of failing too.
  { flaws: ['ping-is-activity'], catches: ['ping-not-activity'], skipped: ['bare-ping-not-activity', 'idlefor-format', 'idlefor-negative', 'idlefor-range', 'no-header-no-merge'] },
  { flaws: ['bare-ping-is-activity'], catches: ['bare-ping-not-activity'] },
  { flaws: ['parse-int'], catches: ['idlefor-format'] },
  // int() also takes "-100"; the fixture then clamps it to 0, like django-session-security.
  { flaws: ['python-int'], catches: ['idlefor-format', 'idlefor-negative'] },
  { flaws: ['clamp-negative'], catches: ['idlefor-negative'] },
  // Assigning last = now - idleFor also lets the valid 15-digit value end the session,
  // and the checker's report after the page (activity it knew of before) undoes the page.
  { flaws: ['merge-backwards'], catches: ['idlefor-older', 'idlefor-range', 'page-activity'] },
  { flaws: ['merge-before-expiry'], catches: ['expiry-before-merge'], options: { slow: true }, expireAfter: 4 },
  { flaws: ['header-optional'], catches: ['no-header-no-merge'] },
  { flaws: ['no-store-missing'], catches: ['no-store'] },
  { flaws: ['text-logout'], catches: ['logout-format'] },
  { flaws: ['cors-echo'], catches: ['cors-origin', 'cors-preflight'] },
  { flaws: ['page-not-activity'], catches: ['page-activity'] },
  { flaws: ['page-skips-expiry'], catches: ['page-ends-expired'], options: { slow: true }, expireAfter: 4 },
  // 5 pings behind a 0.8 s lock: the last waits 4 s, past a 3 s ping-timeout.
  { flaws: ['queued-pings'], catches: ['concurrent-pings'], options: { pingTimeout: 3 }, expireAfter: 30 },
  { flaws: ['never-merges'], catches: ['merge'], skipped: ['idlefor-older'] },
  { flaws: ['anonymous-session'], catches: ['no-session'] },
  { flaws: ['adopts-unknown-id'], catches: ['forged-session'] },
  { flaws: ['text-idle'], catches: ['content-type'] },
  { flaws: ['times-as-strings'], catches: ['answer-types'] },
  { flaws: ['user-name'], catches: ['user-opaque'] },
  // The valid 15 digits stay in the past; 16 wrap into the future and merge as "now".
  { flaws: ['unbounded-digits'], catches: ['idlefor-range'] },
  // No expireAfter in the answer: --expire-after gives it.
  { flaws: ['integer-answer'], catches: [], options: { slow: true, expireAfter: 4 }, expireAfter: 4 },
  // The session events stream, with --events and --slow (its end probes spend a session).
  { flaws: [], catches: [], options: EVENTS, expireAfter: 4 },
  { flaws: ['events-open-anonymous'], catches: ['events-no-session'], options: EVENTS, expireAfter: 4 },
  { flaws: ['events-is-activity'], catches: ['events-not-activity'], options: EVENTS, expireAfter: 4 },
  { flaws: ['events-wrong-type'], catches: ['events-format'], options: EVENTS, expireAfter: 4 },
  { flaws: ['events-no-store-missing'], catches: ['events-no-store'], options: EVENTS, expireAfter: 4 },
  // Nothing said: whether the stream would have closed after the event cannot be judged.
  { flaws: ['events-silent'], catches: ['events-logout'], options: EVENTS, expireAfter: 4, skipped: ['events-close'] },
  { flaws: ['events-bad-data'], catches: ['events-logout'], options: EVENTS, expireAfter: 4 },
  { flaws: ['events-stays-open'], catches: ['events-close'], options: EVENTS, expireAfter: 4 },
];

describe('against servers that break one rule', { concurrency: true }, () => {
  for (const { flaws, catches, options, expireAfter, skipped = [] } of CASES) {
    test(`${flaws.join(', ')}: ${catches.length ? catches.join(', ') : 'nothing to catch'}`, async () => {
      const server = await startFixture(flaws, expireAfter);
      try {
        const report = await run(server, options);
        assert.deepEqual(problems(report), [...catches].sort(), String(report));
        assert.deepEqual(byStatus(report, 'skip'), [...(options?.slow ? [] : SLOW), ...skipped].sort(), String(report));
      } finally {
        await server.close();
      }
    });
  }

  test('live-204: alive fails naming HTTP 204, and the probes that need a live answer say why', async () => {
    const server = await startFixture(['live-204']);
    try {
      const report = await run(server);
      const result = (id: ProbeId) => report.results.find((r) => r.id === id)!;
      assert.equal(result('alive').status, 'fail', String(report));
      assert.match(result('alive').detail, /^HTTP 204: .*answer 200 with JSON/);
      for (const id of ['content-type', 'no-store', 'answer-types'] as const) assert.equal(result(id).detail, 'no live session to test (see alive)', id);
      assert.deepEqual(byStatus(report, 'pass'), ['cors-origin', 'cors-preflight', 'forged-session', 'logout-format', 'no-session'], String(report));
    } finally {
      await server.close();
    }
  });

  test('a SHOULD that fails is a warning, a MUST a failure', async () => {
    const server = await startFixture(['queued-pings', 'no-store-missing'], 30);
    try {
      const report = await run(server, { pingTimeout: 3 });
      assert.deepEqual(byStatus(report, 'warn'), ['concurrent-pings'], String(report));
      assert.deepEqual(byStatus(report, 'fail'), ['no-store'], String(report));
    } finally {
      await server.close();
    }
  });
});
