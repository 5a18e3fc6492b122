/** --profile django-session-security: the known deviations are warnings, and only those. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ProbeId } from '../../src/check/index.js';
import { DJANGO_LIKE, startFixture } from './fixtures.js';
import { byStatus, run } from './helpers.js';
import type { TestServer } from './servers.js';

describe('django-session-security as it is', { concurrency: true }, () => {
  const deviations: ProbeId[] = ['bare-ping-not-activity', 'idlefor-format', 'idlefor-negative', 'no-header-no-merge', 'no-store'];
  let server: TestServer;
  before(async () => (server = await startFixture(DJANGO_LIKE, 4)));
  after(() => server.close());

  test('breaks five rules', async () => {
    const report = await run(server);
    assert.deepEqual(byStatus(report, 'fail'), deviations, String(report));
  });

  test('with --profile django-session-security they are warnings, and every MUST passes', async () => {
    const report = await run(server, { profile: 'django-session-security', slow: true, expireAfter: 4 });
    assert.deepEqual(byStatus(report, 'warn'), deviations, String(report));
    assert.deepEqual(byStatus(report, 'fail'), [], String(report));
    assert.deepEqual(byStatus(report, 'skip'), [], String(report));
    assert.match(report.results.find((result) => result.id === 'no-header-no-merge')!.detail, /answers 400/);
  });

  test('a deviation the profile does not know still fails', async () => {
    const flawed = await startFixture([...DJANGO_LIKE.filter((flaw) => flaw !== 'python-int'), 'parse-int']);
    try {
      const report = await run(flawed, { profile: 'django-session-security' });
      // parseInt takes "0x0" and "1.5", which int() refuses.
      assert.deepEqual(byStatus(report, 'fail'), ['idlefor-format'], String(report));
    } finally {
      await flawed.close();
    }
  });
});
