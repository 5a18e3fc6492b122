/** session-security-check against a running recipe, through the function form. */
import { check, type Result } from '../../src/check/index.js';

export interface Conformance {
  /** Failed MUSTs, and MUSTs that did not run (with --login, --page and --slow all should). */
  problems: Result[];
  /** Failed SHOULDs and known deviations of the profile. */
  warnings: Result[];
}

export async function checkRecipe(base: string, login: () => Promise<string>, options: { profile?: string; expireAfter: number }): Promise<Conformance> {
  const report = await check({ url: `${base}/session/ping`, login, page: `${base}/`, slow: true, expireAfter: options.expireAfter, profile: options.profile });
  return {
    problems: report.results.filter((result) => result.status === 'fail' || (result.level === 'MUST' && result.status === 'skip')),
    warnings: report.results.filter((result) => result.status === 'warn'),
  };
}

export const describeResult = (result: Result) => `${result.status.toUpperCase()} ${result.id} (${result.level}, ${result.rule}): ${result.detail}`;
