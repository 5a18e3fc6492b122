// Child processes in process groups of their own (Xvfb, WebKitWebDriver and the
// MiniBrowser it starts), and their lifecycle: start, signal, terminate and reap, and stop
// whatever is left when the runner exits or is told to stop.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A child in its own process group, so that the group (with its own children) can be killed. */
export function start(command, args, options = {}) {
  const child = spawn(command, args, { detached: true, ...options });
  // 'exit' once the child has been reaped; 'error' alone when it could not be spawned.
  child.exited = new Promise((resolve) => {
    child.once('exit', (code, sig) => resolve(code ?? sig));
    child.once('error', (error) => {
      child.spawnError = error;
      resolve(error.code);
    });
  });
  let tail = '';
  child.stderr?.on('data', (data) => {
    tail = (tail + data).slice(-2000);
  });
  child.stderrTail = () => tail.trim();
  return child;
}

export function alive(child) {
  return Boolean(child?.pid) && !child.spawnError && child.exitCode === null && child.signalCode === null;
}

/** Signals the child's process group (the child and what it started). */
function signal(child, sig) {
  if (!alive(child)) return;
  try {
    process.kill(-child.pid, sig);
  } catch {
    try {
      child.kill(sig);
    } catch {
      // already gone
    }
  }
}

/** SIGTERM, then SIGKILL after `grace` ms; resolves when the child has exited (is reaped). */
export async function terminate(child, grace = 5000) {
  if (!child?.pid) return;
  if (alive(child)) {
    signal(child, 'SIGTERM');
    const timer = setTimeout(() => signal(child, 'SIGKILL'), grace);
    await child.exited;
    clearTimeout(timer);
  }
  // The group may outlive its leader (a MiniBrowser the driver left behind): kill what is
  // left and wait (briefly) until it is gone. Processes whose parent died before them are
  // reaped by init, not by us.
  const group = new Set([child.pid]);
  killGroups(group, 'SIGKILL');
  for (let i = 0; i < 100 && liveMembers(group) > 0; i++) await sleep(20);
}

function killGroups(groups, sig) {
  for (const group of groups) {
    try {
      process.kill(-group, sig);
    } catch {
      // gone
    }
  }
}

/** How many processes of these process groups still run (zombies do not count). */
function liveMembers(groups) {
  let count = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // pid (comm) state ppid pgrp ...; comm may contain spaces and parentheses.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (groups.has(Number(pgrp)) && state !== 'Z' && state !== 'X') count++;
  }
  return count;
}

function sleepSync(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Every child still alive, for the process-exit and signal handlers. */
export const children = new Set();
let handlersInstalled = false;

export function installExitHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  // On exit (the runner exits at once on SIGINT) only synchronous code runs: signal the
  // groups and wait until their processes are gone; Xvfb removes its lock file on SIGTERM.
  process.on('exit', () => {
    const groups = new Set([...children].map((child) => child.pid).filter(Boolean));
    if (groups.size === 0) return;
    killGroups(groups, 'SIGTERM');
    const deadline = Date.now() + 5000;
    while (liveMembers(groups) > 0 && Date.now() < deadline) sleepSync(20);
    killGroups(groups, 'SIGKILL');
  });
  // The runner handles SIGINT itself (and exits, which runs the handler above). SIGTERM it
  // does not; puppeteer's handler then only closes its browser and the runner starts a new
  // one. Stop our children, wait for them, then exit as SIGTERM would have (puppeteer's
  // exit handler kills its browsers).
  process.once('SIGTERM', async () => {
    await Promise.race([Promise.all([...children].map((c) => terminate(c, 2000))), sleep(4000)]);
    process.exit(143);
  });
}
