/**
 * A real redis-server for the tests (Debian's package; .ci/run installs it): on a free
 * loopback port, in a temporary directory, no persistence while it runs. `stop()` saves
 * first (SHUTDOWN SAVE), so that `start()` again brings the same keys back, with their
 * deadlines: an outage, not a flush. And demo processes on it, each a real `node`
 * process, as two servers behind a load balancer would be.
 */
import { after, before } from 'node:test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REDIS_SERVER = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';
const DEMO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'demo', 'server.js');

// A child left running by a failed test would hold the test runner's pipes open (redis
// shares this process's stderr) and keep it, and CI, waiting: whatever is still running
// when this process exits (--test-force-exit included) is killed with it.
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});
function killedOnExit(child: ChildProcess): ChildProcess {
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

/** Resolves once `child` prints a line matching `pattern` (or rejects when it exits first). */
function waitFor(child: ChildProcess, pattern: RegExp, what: () => string): Promise<RegExpExecArray> {
  return new Promise((done, fail) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match) {
        child.stdout?.off('data', onData);
        done(match);
      }
    };
    child.stdout?.on('data', onData);
    child.once('close', (code) => fail(new Error(`${what()} exited (${code}) before it was ready:\n${output}`)));
  });
}

export class RedisServer {
  readonly dir = mkdtempSync(join(tmpdir(), 'session-security-redis-'));
  private child?: ChildProcess;

  private constructor(readonly port: number) {}

  static async start(): Promise<RedisServer> {
    const redis = new RedisServer(await freePort());
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = killedOnExit(
      spawn(REDIS_SERVER, ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir, '--loglevel', 'notice'], {
        stdio: ['ignore', 'pipe', 'inherit'],
      }),
    );
    this.child = child;
    await waitFor(child, /Ready to accept connections/, () => 'redis-server');
  }

  /** Saves, then stops: the next start() loads the same keys. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    const socket = connect(this.port, '127.0.0.1', () => socket.write('SHUTDOWN SAVE\r\n'));
    socket.on('error', () => {});
    await exited;
    socket.destroy();
    this.child = undefined;
  }

  async close(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGKILL');
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface DemoProcess {
  base: string;
  close(): Promise<void>;
}

/** `node build/server/demo/server.js` on a free port, on this Redis. */
export async function startDemoProcess(redis: RedisServer, env: Record<string, string> = {}): Promise<DemoProcess> {
  const child = killedOnExit(
    spawn(process.execPath, [DEMO], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', REDIS_URL: redis.url, SECRET: 'the secret all processes share', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const [, port] = await waitFor(child, /http:\/\/127\.0\.0\.1:(\d+)\//, () => `demo process (stderr: ${errors.trim()})`);
  return {
    base: `http://127.0.0.1:${port}`,
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Two demo processes on one Redis, as a load balancer's two back ends. */
export interface TwoDemos {
  redis: RedisServer;
  a: DemoProcess;
  b: DemoProcess;
}

/**
 * Starts a redis-server and two demo processes on it before the suite's tests, and
 * stops them after; the fields are filled in once `before` has run.
 */
export function twoDemosOnRedis(env: Record<string, string> = {}): TwoDemos {
  const demos = {} as TwoDemos;
  before(async () => {
    demos.redis = await RedisServer.start();
    [demos.a, demos.b] = await Promise.all([startDemoProcess(demos.redis, env), startDemoProcess(demos.redis, env)]);
  });
  after(async () => {
    await Promise.all([demos.a?.close(), demos.b?.close()]);
    await demos.redis?.close();
  });
  return demos;
}
