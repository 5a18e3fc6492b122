/**
 * Runs a recipe's recipe.sh: setup and version to completion (bounded), start as a
 * server in its own process group, which stop() ends whole (the script execs a JVM,
 * uvicorn or php, which may have children of their own).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import type { Recipe } from './recipes.js';

/** Keeps the last `limit` characters of a stream's output, for failure messages. */
class Tail {
  private text = '';
  constructor(private readonly limit = 8000) {}
  add(chunk: Buffer | string): void {
    this.text = (this.text + chunk.toString()).slice(-this.limit);
  }
  toString(): string {
    return this.text.trim();
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}

/** Ends the group: SIGTERM, then SIGKILL if it is still there after `graceMs`. */
async function endGroup(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return killGroup(child, 'SIGKILL'); // leftovers of the group
  const exited = once(child, 'exit');
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  killGroup(child, 'SIGKILL'); // children that ignored SIGTERM
}

export interface Run {
  code: number | null;
  output: string;
}

/** `recipe.sh <command>`, killed (whole group) after `timeoutMs`. */
export async function runScript(recipe: Recipe, command: string, timeoutMs: number, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const output = new Tail();
  const child = spawn(recipe.script, [command], { cwd: recipe.dir, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (chunk) => output.add(chunk));
  child.stderr!.on('data', (chunk) => output.add(chunk));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void endGroup(child);
  }, timeoutMs);
  const [code] = (await once(child, 'close')) as [number | null];
  clearTimeout(timer);
  killGroup(child, 'SIGKILL'); // a background process the script left behind
  if (timedOut) return { code: null, output: `${output}\n(killed after ${timeoutMs / 1000} s)` };
  return { code, output: output.toString() };
}

/** A port that was free a moment ago on the loopback interface. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

export interface RunningServer {
  base: string;
  /** What the server printed so far (the end of it). */
  output(): string;
  stop(): Promise<void>;
}

const delay = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Starts `recipe.sh start` and resolves once its port answers HTTP (any status). */
export async function startServer(recipe: Recipe, env: NodeJS.ProcessEnv, port: number, timeoutMs: number): Promise<RunningServer> {
  const output = new Tail();
  const child = spawn(recipe.script, ['start'], { cwd: recipe.dir, env: { ...process.env, ...env, PORT: String(port) }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (chunk) => output.add(chunk));
  child.stderr!.on('data', (chunk) => output.add(chunk));
  const base = `http://127.0.0.1:${port}`;
  const server: RunningServer = { base, output: () => output.toString(), stop: () => endGroup(child) };
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`recipe.sh start exited (${child.exitCode ?? child.signalCode}) before answering`);
      try {
        const response = await fetch(`${base}/login`, { redirect: 'manual', signal: AbortSignal.timeout(2000) });
        await response.arrayBuffer();
        return server;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`port ${port} did not answer within ${timeoutMs / 1000} s`);
      await delay(250);
    }
  } catch (error) {
    await server.stop();
    throw new Error(`${(error as Error).message}; its output:\n${output}`, { cause: error });
  }
}
