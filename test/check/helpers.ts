/** Shared by the checker's tests: run a check against a test server, read its report. */
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
