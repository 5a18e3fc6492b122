/** The session-security-check command itself, spawned from the build as npx would run it. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startFixture } from './fixtures.js';
import { startReference, type TestServer } from './servers.js';

const BIN = fileURLToPath(new URL('../../src/check/cli.js', import.meta.url));

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? -1) : 0, stdout, stderr });
    });
  });
}

/** A --login command without curl: node itself signs in and prints the Cookie value. */
const loginCommand = (server: TestServer) => `"${process.execPath}" -e "fetch('${server.loginUrl}',{method:'POST'}).then(r=>console.log(r.headers.getSetCookie()[0].split(';')[0]))"`;

describe('session-security-check', { concurrency: true }, () => {
  let reference: TestServer;
  before(async () => (reference = await startReference()));
  after(() => reference.close());

  test('--json against the reference server: exit 0, one JSON object, every probe with its rule', async () => {
    const { code, stdout } = await cli([reference.url, '--login', loginCommand(reference), '--page', '/page', '--json']);
    const report = JSON.parse(stdout) as { url: string; results: { id: string; level: string; rule: string; ok: boolean; detail: string; status: string }[] };
    assert.equal(code, 0, stdout);
    assert.equal(report.url, reference.url);
    assert.equal(report.results.length, 22);
    for (const result of report.results) {
      assert.deepEqual(Object.keys(result).sort(), ['detail', 'id', 'level', 'ok', 'rule', 'status']);
      assert.ok(result.ok, `${result.id}: ${result.detail}`);
    }
    assert.deepEqual(
      report.results.filter((result) => result.status === 'skip').map((result) => result.id),
      ['expiry-before-merge', 'page-ends-expired'],
    );
  });

  test('a broken MUST: exit 1 (0 while the probe that sees it cannot run), a FAIL line naming the probe, level and rule, and the summary', async () => {
    const broken = await startFixture(['no-store-missing']);
    try {
      const { code, stdout } = await cli([broken.url]);
      assert.equal(code, 0, stdout);
      assert.match(stdout, /^PASS {2}no-session +MUST {4}Server rules 1: /m);
      // No session given: the live answer is not checked; the logout answer still is.
      assert.match(stdout, /^SKIP {2}no-store +MUST {4}.*needs --cookie or --login$/m);
      const login = await cli([broken.url, '--cookie', await broken.login()]);
      assert.equal(login.code, 1, login.stdout);
      assert.match(login.stdout, /^FAIL {2}no-store +MUST {4}Server rules 8: Cache-Control: no-store and application\/json: Cache-Control: \(none\)/m);
      assert.match(login.stdout, /\n\n22 probes: \d+ passed, 1 failed, 0 warnings, \d+ skipped\. FAIL: /);
    } finally {
      await broken.close();
    }
  });

  test('--events probes the session events stream: a stream held open without a session is a FAIL naming its rule', async () => {
    const broken = await startFixture(['events-open-anonymous']);
    try {
      const { code, stdout } = await cli([broken.url, '--events', '/session/events']);
      assert.equal(code, 1, stdout);
      assert.match(stdout, /^FAIL {2}events-no-session +MUST {4}Session events: without a live session, .*: no cookie: a stream held open 2 s without a logout event/m);
      assert.match(stdout, /^SKIP {2}events-logout +MUST {4}.*needs --slow$/m);
      assert.match(stdout, /\n\n28 probes: /);
    } finally {
      await broken.close();
    }
  });

  test('bad usage and an unreachable server exit 2', async () => {
    for (const args of [
      [],
      ['a', 'b'],
      [reference.url, '--profile', 'nope'],
      [reference.url, '--expire-after', '1.5'],
      [reference.url, '--bogus'],
      ['http://127.0.0.1:9/ping'],
      [reference.url, '--login', 'exit 3'],
      [reference.url, '--events', 'http://other.example/session/events'],
    ]) {
      const { code, stderr } = await cli(args);
      assert.equal(code, 2, `${args.join(' ')}: ${stderr}`);
      assert.match(stderr, /^session-security-check: /m, args.join(' '));
    }
  });

  test('--help prints the options', async () => {
    const { code, stdout } = await cli(['--help']);
    assert.equal(code, 0);
    for (const option of ['--cookie', '--login', '--page', '--events', '--slow', '--expire-after', '--profile', '--json']) assert.ok(stdout.includes(option), option);
  });
});
