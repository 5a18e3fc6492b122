#!/usr/bin/env node
/**
 * The session-security-check command. Exit codes: 0 every MUST passes, 1 one fails,
 * 2 bad usage or an unreachable server.
 */
import { exec } from 'node:child_process';
import { parseArgs } from 'node:util';
import { CheckError, PROFILES, check, type CheckOptions } from './index.js';
import { exitCode, formatHuman, formatJson } from './report.js';

const USAGE = `Usage: session-security-check <ping-url> [options]

Checks a running server against the session-security ping protocol (PROTOCOL.md).

  --cookie "<value>"      Cookie header value of a signed-in session
  --login "<command>"     shell command printing the Cookie header value of a fresh
                          session; run once per session the probes spend
  --page <url>            a protected page of the same site (absolute or relative)
  --events <url>          the session events URL of the same site: also probe the
                          optional stream (PROTOCOL.md, "Session events")
  --slow                  also wait for sessions to expire (expireAfter + a few seconds)
  --expire-after <s>      expireAfter, when the answer does not carry it
  --ping-timeout <s>      seconds before a ping counts as failed (default 10)
  --profile <name>        report a server's known deviations as warnings:
                          ${Object.keys(PROFILES).join(', ')}
  --json                  one JSON object: { "url", "results": [...] }
  -h, --help

Exit status: 0 every MUST passes, 1 one fails, 2 bad usage or unreachable server.`;

/** Runs the --login command; its last non-empty output line is the Cookie value. */
function loginCommand(command: string): () => Promise<string> {
  return () =>
    new Promise((resolve, reject) => {
      exec(command, { timeout: 30_000, maxBuffer: 1024 * 1024 }, (error, stdout, stderr) => {
        if (error) return reject(new Error(`${JSON.stringify(command)} failed: ${(stderr || error.message).trim()}`));
        const line =
          stdout
            .split(/\r?\n/)
            .map((l) => l.trim())
            .filter(Boolean)
            .pop() ?? '';
        resolve(line.replace(/^cookie:\s*/i, ''));
      });
    });
}

function seconds(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[0-9]{1,9}$/.test(value) || Number(value) === 0) throw new CheckError(`${name} must be whole positive seconds: ${value}`);
  return Number(value);
}

function options(argv: string[]): (CheckOptions & { json: boolean }) | undefined {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      cookie: { type: 'string' },
      login: { type: 'string' },
      page: { type: 'string' },
      events: { type: 'string' },
      slow: { type: 'boolean', default: false },
      'expire-after': { type: 'string' },
      'ping-timeout': { type: 'string' },
      profile: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return undefined;
  if (positionals.length !== 1) throw new CheckError(positionals.length ? `one ping URL, not ${positionals.length}` : 'the ping URL is missing');
  return {
    url: positionals[0],
    cookie: values.cookie,
    login: values.login === undefined ? undefined : loginCommand(values.login),
    page: values.page,
    events: values.events,
    slow: values.slow,
    expireAfter: seconds(values['expire-after'], '--expire-after'),
    pingTimeout: seconds(values['ping-timeout'], '--ping-timeout'),
    profile: values.profile,
    json: values.json,
  };
}

async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof options>;
  try {
    parsed = options(argv);
  } catch (error) {
    process.stderr.write(`session-security-check: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`);
    return 2;
  }
  if (!parsed) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!parsed.json) process.stderr.write(`Checking ${parsed.url}${parsed.slow ? ' (--slow: waits for sessions to expire)' : ''}...\n`);
  try {
    const report = await check(parsed);
    process.stdout.write(`${parsed.json ? formatJson(report) : formatHuman(report)}\n`);
    return exitCode(report);
  } catch (error) {
    if (!(error instanceof CheckError)) throw error;
    process.stderr.write(`session-security-check: ${error.message}\n`);
    return 2;
  }
}

/**
 * exit() rather than exitCode, so that probes still waiting after an error do not hold
 * the process; but only once the output is flushed (pipes may be asynchronous).
 */
function finish(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

main(process.argv.slice(2)).then(finish, (error: unknown) => {
  process.stderr.write(`session-security-check: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  finish(2);
});
