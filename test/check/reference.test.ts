/** The checker against the reference server (src/server/): every probe must pass. Real time, expiry after 3 s. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { check, type ProbeId } from '../../src/check/index.js';
import { byStatus, problems, run } from './helpers.js';
import { startReference, type TestServer } from './servers.js';

describe('against the reference server', { concurrency: true }, () => {
  let server: TestServer;
  before(async () => (server = await startReference()));
  after(() => server.close());

  test('every probe passes, the slow ones included', async () => {
    const report = await run(server, { slow: true });
    assert.deepEqual(problems(report), [], String(report));
    assert.deepEqual(byStatus(report, 'skip'), [], String(report));
  });

  test('with one cookie and no --login, the probes take turns on it; only what needs a second session is skipped', async () => {
    const report = await run(server, { login: undefined, cookie: await server.login(), slow: true });
    assert.deepEqual(problems(report), [], String(report));
    assert.deepEqual(byStatus(report, 'skip'), ['page-ends-expired'], String(report));
  });

  test('without a session, --page or --slow, the probes that need them are skipped, with the reason', async () => {
    const report = await check({ url: server.url });
    assert.deepEqual(problems(report), [], String(report));
    assert.deepEqual(byStatus(report, 'pass'), ['cors-origin', 'cors-preflight', 'forged-session', 'logout-format', 'no-session'], String(report));
    const detail = (id: ProbeId) => report.results.find((result) => result.id === id)?.detail;
    assert.equal(detail('alive'), 'needs --cookie or --login');
    assert.equal(detail('page-activity'), 'needs --page');
    assert.equal(detail('expiry-before-merge'), 'needs --slow');
  });

  test('a result names its probe, level and rule', async () => {
    const report = await check({ url: server.url });
    const { detail, ...noSession } = report.results.find((result) => result.id === 'no-session')!;
    assert.deepEqual(noSession, { id: 'no-session', level: 'MUST', rule: 'Server rules 1: Authenticate the ping like any request', ok: true, status: 'pass' });
    assert.match(detail, /read as gone/);
  });

  test('a signed-out cookie fails "alive", and says why', async () => {
    const report = await check({ url: server.url, cookie: 'session_security=gone' });
    assert.equal(report.results.find((result) => result.id === 'alive')?.status, 'fail');
    assert.match(report.results.find((result) => result.id === 'alive')!.detail, /is the session .* signed in/);
  });

  test('bad usage and an unreachable server are errors, not results', async () => {
    await assert.rejects(check({ url: 'ftp://example.com/ping' }), /must be http/);
    await assert.rejects(check({ url: server.url, profile: 'nope' }), /unknown profile/);
    await assert.rejects(check({ url: server.url, page: 'http://other.example/' }), /same site|site/);
    await assert.rejects(check({ url: 'http://127.0.0.1:9/session/ping' }), /cannot reach/);
    await assert.rejects(check({ url: server.url, login: async () => '' }), /login gave no cookie/);
  });
});
