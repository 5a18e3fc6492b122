// The one way Node-side code starts Debian's headless Chromium: the end-to-end, push,
// framework and recipe harnesses (test/e2e, test/frameworks, test/recipes;
// tsconfig.server.json copies this file into build/server) and the bench (scripts/bench/,
// which passes the flags by hand to keep puppeteer's defaults out).
import { existsSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { CHROMIUM } from './paths.mjs';

/** Flags for every run: no sandbox (root in CI), no GPU, nothing fetched in the background. */
export const CHROMIUM_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/**
 * How long a start may take. A fresh machine's first start builds its font cache and has
 * taken more than 10 s in CI; a start that fails is a failure, so this only needs to be
 * generous, not tight.
 */
export const LAUNCH_MS = 90_000;

/**
 * Headless Chromium with the flags above, on a fresh profile (puppeteer makes a temporary
 * one and deletes it when the browser closes).
 * @param {{ protocolTimeout?: number }} [options] puppeteer's limit for one protocol call (20 s)
 * @returns {Promise<import('puppeteer-core').Browser>}
 */
export function launchChromium({ protocolTimeout = 20_000 } = {}) {
  if (!existsSync(CHROMIUM)) {
    return Promise.reject(new Error(`These tests need Chromium at ${CHROMIUM}, which is missing. Install it with \`apt-get install chromium\` (Debian), or point CHROMIUM_PATH at a Chromium binary.`));
  }
  return puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, timeout: LAUNCH_MS, protocolTimeout });
}
