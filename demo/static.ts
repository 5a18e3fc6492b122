/**
 * Serves the element's builds (/dist/) and lit's modules (for the import map) and
 * nothing else: an allowlist of folders, then checks that the resolved real path stays
 * inside its folder, so neither "..", "%2e%2e", "%2f" nor a symlink leads elsewhere.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const FOLDERS: Record<string, string> = {
  '/dist/': 'dist',
  '/node_modules/lit/': 'node_modules/lit',
  '/node_modules/lit-html/': 'node_modules/lit-html',
  '/node_modules/lit-element/': 'node_modules/lit-element',
  '/node_modules/@lit/reactive-element/': 'node_modules/@lit/reactive-element',
};

/** Only what a page needs; anything else (.ts, .d.ts, .json manifests...) is not served. */
const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** True when `pathname` (still percent-encoded) is under one of the served folders. */
export function isStatic(pathname: string): boolean {
  return Object.keys(FOLDERS).some((prefix) => pathname.startsWith(prefix));
}

/** The file for `pathname`, or undefined when it is outside the allowlist or missing. */
async function locate(root: string, pathname: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const prefix = Object.keys(FOLDERS).find((candidate) => decoded.startsWith(candidate));
  if (!prefix || !TYPES[extname(decoded)]) return undefined;
  const base = resolve(root, FOLDERS[prefix]);
  const file = resolve(base, decoded.slice(prefix.length));
  if (!file.startsWith(base + sep)) return undefined;
  try {
    const [realBase, realFile] = await Promise.all([realpath(base), realpath(file)]);
    if (!realFile.startsWith(realBase + sep) || !(await stat(realFile)).isFile()) return undefined;
    return realFile;
  } catch {
    return undefined;
  }
}

export async function serveStatic(root: string, pathname: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const file = await locate(root, pathname);
  if (!file) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Not found');
    return;
  }
  const body = await readFile(file);
  res.writeHead(200, {
    'Content-Type': TYPES[extname(file)],
    'Content-Length': body.length,
    // The demo rebuilds often: revalidate every time rather than serve a stale build.
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** The repository root, from build/server/demo/ where the compiled demo lives. */
export const defaultRoot = (): string => fileURLToPath(new URL('../../../', import.meta.url));
