// Prints the size of the two browser builds, minified and gzipped, against the budgets
// of the README. Informational: it never fails the build.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const builds = [
  { file: 'dist/session-security.cdn.js', what: 'CDN bundle, lit inside', budget: 10_500 },
  { file: 'dist/session-security.min.js', what: "element's own code, lit external", budget: 4_500 },
];
for (const { file, what, budget } of builds) {
  const code = readFileSync(file);
  const gzip = gzipSync(code, { level: 9 }).length;
  const verdict = gzip <= budget ? 'within' : 'OVER';
  console.log(`${what.padEnd(34)} ${String(code.length).padStart(6)} B min  ${String(gzip).padStart(6)} B gzip  (budget ${budget} B gzip: ${verdict})`);
}
