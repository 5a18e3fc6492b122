/** Shared by the checker's tests: run a check against a test server, read its report. */
import assert from 'node:assert/strict';
import { check, type CheckOptions, type CheckReport, type ProbeId } from '../../src/check/index.js';
import { formatHuman } from '../../src/check/report.js';
import type { TestServer } from './servers.js';

export const SLOW: ProbeId[] = ['expiry-before-merge', 'page-ends-expired'];

/** The ids whose probe found a problem (failures and warnings). */
export const problems = (report: CheckReport): ProbeId[] =>
  report.results
    .filter((result) => !result.ok)
    .map((result) => result.id)
    .sort();
export const byStatus = (report: CheckReport, status: string): ProbeId[] =>
  report.results
    .filter((result) => result.status === status)
    .map((result) => result.id)
    .sort();

/** A check with --login and --page; String(report) is the human report, for assertion messages. */
export async function run(server: TestServer, options: Partial<CheckOptions> = {}): Promise<CheckReport> {
  const report = await check({ url: server.url, login: server.login, page: '/page', ...options });
  return Object.assign(report, { toString: () => formatHuman(report) });
}

/**
 * The full check, the slow probes and the session events stream at '/session/events'
 * included, against a server that must pass every probe (not even a skip): the server
 * tests' "every probe passes" against the demo and the adapters.
 */
export async function assertEveryProbePasses(options: Pick<CheckOptions, 'url' | 'login' | 'page'>): Promise<CheckReport> {
  const report = await check({ ...options, events: '/session/events', slow: true });
  const notPassed = report.results.filter((result) => result.status !== 'pass').map((result) => result.id);
  assert.deepEqual(notPassed, [], formatHuman(report));
  assert.ok(
    report.results.some((result) => result.id === 'events-logout'),
    formatHuman(report),
  );
  return report;
}
