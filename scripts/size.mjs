// Prints the size of the browser builds, minified and gzipped, against the targets of the
// README, then where the bytes go: the element's own code (lit external, English) module
// by module, so that a reader sees what each feature costs. Informational: it never fails
// the build. The translations other than English are separate chunks that load only on
// pages in those languages; they are listed apart.
//
// Per module: the module's code as rollup renders it into the bundle, minified alone
// with the build's own terser options, then gzipped alone. gzip finds repeats across
// modules in the whole bundle, so the rows add up to more than the bundle's figure; the
// last column scales them to it, as an estimate of each module's share.
import { readFileSync, readdirSync } from 'node:fs';
import { relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import { minify } from 'terser';
import configs, { TERSER } from '../rollup.config.mjs';

const gzip = (code) => gzipSync(code, { level: 9 }).length;
const num = (n) => n.toLocaleString('en-US');
const builds = [
  { dir: 'dist/cdn', what: 'CDN bundle, lit inside', target: 12_500 },
  { dir: 'dist/min', what: "element's own code, lit external", target: 7_000 },
];
const totals = {};
for (const { dir, what, target } of builds) {
  const code = readFileSync(`${dir}/session-security.js`);
  const zipped = (totals[dir] = gzip(code));
  const verdict = zipped <= target ? 'within' : 'OVER';
  console.log(`${what.padEnd(34)} ${num(code.length).padStart(7)} B min  ${num(zipped).padStart(7)} B gzip  (target ${num(target)} B: ${verdict})`);
}
const locales = readdirSync('dist/min').filter((name) => name !== 'session-security.js');
const sizes = locales.map((name) => gzip(readFileSync(`dist/min/${name}`)));
console.log(`one extra translation (${locales.length} lazy chunks)    ${Math.min(...sizes)}-${Math.max(...sizes)} B gzip each, loaded only for its language`);

// The lit-external build again, unminified, to read each module's rendered code.
const config = configs.find((c) => c.output.dir === 'dist/min');
const bundle = await rollup({ ...config, plugins: config.plugins.filter((p) => p.name !== 'terser'), onwarn: () => {} });
const { output } = await bundle.generate({ ...config.output });
await bundle.close();
const main = output.find((chunk) => chunk.type === 'chunk' && chunk.isEntry);
const rows = [];
for (const [id, { code }] of Object.entries(main.modules)) {
  if (!code?.trim()) continue;
  // unused: false, as its names are used by the modules around it in the bundle.
  const min = (await minify(code, { ...TERSER, compress: { ...TERSER.compress, unused: false } })).code ?? '';
  rows.push({ module: relative('src', id), min: min.length, gzip: gzip(min) });
}
rows.sort((a, b) => b.gzip - a.gzip);
const sum = rows.reduce((total, row) => total + row.gzip, 0);
console.log(`\nWhere the element's own bytes go (lit external, English; ${num(totals['dist/min'])} B gzip in all):\n`);
console.log(`${'module'.padEnd(28)} ${'min'.padStart(7)} ${'gzip alone'.padStart(11)} ${'share of bundle'.padStart(16)}`);
for (const row of rows) {
  const share = Math.round((row.gzip / sum) * totals['dist/min']);
  console.log(`${row.module.padEnd(28)} ${num(row.min).padStart(7)} ${num(row.gzip).padStart(11)} ${`~${num(share)}`.padStart(16)}`);
}
console.log(`${'sum'.padEnd(28)} ${num(rows.reduce((t, r) => t + r.min, 0)).padStart(7)} ${num(sum).padStart(11)} ${num(totals['dist/min']).padStart(16)}`);
console.log(`lit itself (the CDN bundle minus the element's own code): ~${num(totals['dist/cdn'] - totals['dist/min'])} B gzip`);
