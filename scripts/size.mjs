// Prints the size of the browser builds, minified and gzipped, against the budgets of the
// README. Informational: it never fails the build. The translations other than English
// are separate chunks that load only on pages in those languages; they are listed apart.
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const gzip = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const builds = [
  { dir: 'dist/cdn', what: 'CDN bundle, lit inside', budget: 10_500 },
  { dir: 'dist/min', what: "element's own code, lit external", budget: 4_500 },
];
for (const { dir, what, budget } of builds) {
  const file = `${dir}/session-security.js`;
  const min = readFileSync(file).length;
  const zipped = gzip(file);
  const verdict = zipped <= budget ? 'within' : 'OVER';
  console.log(`${what.padEnd(34)} ${String(min).padStart(6)} B min  ${String(zipped).padStart(6)} B gzip  (budget ${budget} B: ${verdict})`);
}
const locales = readdirSync('dist/min').filter((name) => name !== 'session-security.js');
const sizes = locales.map((name) => gzip(`dist/min/${name}`));
console.log(`one extra translation (${locales.length} lazy chunks)    ${Math.min(...sizes)}-${Math.max(...sizes)} B gzip each, loaded only for its language`);
