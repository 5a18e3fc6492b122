/** The checker's output: one line per probe and a summary for people, or one JSON object. */
import type { CheckReport } from './index.js';

/** 0 when every MUST passes (warnings and skips included), 1 otherwise. */
export function exitCode(report: CheckReport): 0 | 1 {
  return report.results.some((result) => result.status === 'fail') ? 1 : 0;
}

export function formatJson(report: CheckReport): string {
  return JSON.stringify(report, null, 2);
}

/** Plain text, no colours: it reads the same in a terminal and in a CI log. */
export function formatHuman(report: CheckReport): string {
  const width = Math.max(...report.results.map((result) => result.id.length));
  const lines = report.results.map((result) => `${result.status.toUpperCase().padEnd(4)}  ${result.id.padEnd(width)}  ${result.level.padEnd(6)}  ${result.rule}: ${result.detail}`);
  const count = (status: string) => report.results.filter((result) => result.status === status).length;
  const failed = count('fail');
  const summary = `${report.results.length} probes: ${count('pass')} passed, ${failed} failed, ${count('warn')} warnings, ${count('skip')} skipped`;
  lines.push('', `${summary}. ${failed ? `FAIL: ${report.url} breaks a MUST of PROTOCOL.md.` : `OK: ${report.url} follows every MUST that was checked.`}`);
  return lines.join('\n');
}
