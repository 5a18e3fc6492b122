/**
 * What `npm install session-security` gives a user: the files `npm pack` would publish
 * (after `npm run build`), and the dependencies it would install with them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('package.json', `file://${root}`), 'utf8'));

function packedFiles(): string[] {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const [packed] = JSON.parse(out) as Array<{ files: Array<{ path: string }> }>;
  return packed.files.map((file) => file.path);
}

/** Every file path package.json points at: main, types, bin, exports (nested conditions too). */
function pointedAt(): string[] {
  const targets: string[] = [pkg.main, pkg.module, pkg.types, pkg.unpkg, pkg.jsdelivr, pkg.customElements, ...Object.values(pkg.bin as Record<string, string>)];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') targets.push(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(pkg.exports);
  return [...new Set(targets.map((path) => path.replace(/^\.\//, '')))];
}

test('the package holds no tests, demo, sources or source maps', () => {
  const files = packedFiles();
  assert.ok(files.length > 20, `npm pack lists ${files.length} files: run \`npm run build\` first`);
  const unwanted = files.filter(
    (path) => /(^|\/)(test|tests|demo|node_modules|examples)\//.test(path) || /\.test\.|\.map$|\.tsbuildinfo$/.test(path) || (/\.ts$/.test(path) && !path.endsWith('.d.ts')),
  );
  assert.deepEqual(unwanted, []);
});

test('every file package.json points at is in the package: the manifest, the types, the CDN bundle, the bin', () => {
  const files = new Set(packedFiles());
  const targets = pointedAt();
  for (const must of ['custom-elements.json', 'dist/index.d.ts', 'dist/define.d.ts', 'dist/cdn/session-security.js', pkg.bin['session-security-check'].replace(/^\.\//, '')]) {
    assert.ok(targets.includes(must), `package.json points at ${must}`);
  }
  assert.deepEqual(
    targets.filter((path) => !files.has(path)),
    [],
    'files package.json names but npm pack leaves out',
  );
  assert.ok(files.has('dist/events.d.ts'), 'the event detail types');
  // The bin runs with node: a shebang on the first line.
  assert.match(readFileSync(new URL(pkg.bin['session-security-check'], `file://${root}`), 'utf8'), /^#!\/usr\/bin\/env node\n/);
});

test('the manifest in the package describes <session-security>', () => {
  const manifest = JSON.parse(readFileSync(new URL('custom-elements.json', `file://${root}`), 'utf8'));
  const tags = manifest.modules.flatMap((mod: { declarations?: Array<{ tagName?: string }> }) => mod.declarations ?? []).map((d: { tagName?: string }) => d.tagName);
  assert.ok(tags.includes('session-security'));
  // Its module paths are files of the package, not the sources.
  const files = new Set(packedFiles());
  for (const mod of manifest.modules as Array<{ path: string }>) assert.ok(files.has(mod.path), `manifest module ${mod.path} is in the package`);
});

/** Every package a published .d.ts or .js of the server side imports (node: built-ins aside). */
function serverImports(): Set<string> {
  const files = packedFiles().filter((path) => path.startsWith('build/server/src/') && /\.(d\.ts|js)$/.test(path));
  const names = new Set<string>();
  for (const path of files) {
    const text = readFileSync(new URL(path, `file://${root}`), 'utf8');
    // `declare module 'x'` too: an augmentation needs x's types as much as an import does.
    for (const [, name] of text.matchAll(/(?:from|import|declare module)\s*\(?\s*'([^'.][^']*)'/g)) {
      if (name.startsWith('node:')) continue;
      names.add(name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0]);
    }
  }
  return names;
}

test('installing it pulls in only what runs: lit, and no type packages', () => {
  assert.deepEqual(Object.keys(pkg.dependencies ?? {}), ['lit']);
});

test('express-session and its types are optional peers: named for session-security/server/express-session, installed by nobody else', () => {
  const peers = Object.keys(pkg.peerDependencies ?? {}).sort();
  assert.deepEqual(peers, ['@types/express-session', 'express-session']);
  for (const name of peers) {
    assert.equal(pkg.peerDependenciesMeta?.[name]?.optional, true, `${name} is an optional peer`);
    assert.match(pkg.peerDependencies[name], /^\^1\./, `${name}: a range of major 1`);
    // The range admits what the tests run against.
    const installed = JSON.parse(readFileSync(new URL(`node_modules/${name}/package.json`, `file://${root}`), 'utf8')).version as string;
    assert.equal(installed.split('.')[0], '1', `${name} ${installed}`);
  }
  // The published server code (its .d.ts included) imports nothing else but lit and Node:
  // the Fastify adapter and the Redis stores are typed structurally, so neither fastify,
  // @fastify/session nor redis is a peer.
  const imported = [...serverImports()].filter((name) => name !== 'lit').sort();
  assert.deepEqual(imported, ['express-session'], 'packages the published server files import');
  assert.ok(packedFiles().includes('build/server/src/server/fastify-session.d.ts'), 'the Fastify adapter is published');
  // @types/express-session is what a .d.ts's `from 'express-session'` resolves to; express-session has no types of its own.
  assert.equal(JSON.parse(readFileSync(new URL('node_modules/express-session/package.json', `file://${root}`), 'utf8')).types, undefined);
});
