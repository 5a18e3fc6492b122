/**
 * An optional exclusive lock around browser runs: with BROWSER_LOCK=/tmp/some.lock the
 * round trips wait for it (flock(1), the same lock other browser suites on a shared
 * machine take); without it they run at once. The lock is held by a `flock ... cat`
 * child, so it is released even if this process dies (its stdin closes).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';

const WAIT_MS = 20 * 60 * 1000;

export async function browserLock(): Promise<() => void> {
  const path = process.env.BROWSER_LOCK;
  if (!path) return () => {};
  const holder = spawn('flock', ['--timeout', String(WAIT_MS / 1000), path, 'sh', '-c', 'echo locked; exec cat >/dev/null'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const locked = once(holder.stdout!, 'data');
  const failed = once(holder, 'exit').then(([code]) => {
    throw new Error(`could not take ${path} (flock exited ${code})`);
  });
  await Promise.race([locked, failed]);
  failed.catch(() => {});
  return () => holder.stdin!.end();
}
