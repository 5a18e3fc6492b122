// Three builds of the browser code (the reference server is compiled by tsc):
// 1. dist/*.js + .d.ts: the npm library, lit external, readable, tree-shakable;
// 2. dist/session-security.cdn.js: one minified file with lit inside, defines the tag;
// 3. dist/session-security.min.js: the element alone, minified, lit external (what
//    `npm run size` reports as the element's own weight; also handy with import maps).
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

const ts = (declarations) =>
  typescript({
    tsconfig: './tsconfig.json',
    declaration: declarations,
    declarationDir: declarations ? 'dist' : undefined,
    outDir: 'dist',
  });
const isLit = (id) => id === 'lit' || id.startsWith('lit/') || id.startsWith('@lit/') || id.startsWith('lit-');
const minify = () =>
  terser({ module: true, ecma: 2022, compress: { passes: 2 }, format: { comments: false } });

export default [
  {
    input: { index: 'src/index.ts', define: 'src/define.ts' },
    external: isLit,
    output: { dir: 'dist', format: 'es', chunkFileNames: '[name].js' },
    plugins: [ts(true)],
  },
  {
    input: 'src/define.ts',
    output: { file: 'dist/session-security.cdn.js', format: 'es' },
    plugins: [resolve(), ts(false), minify()],
  },
  {
    input: 'src/define.ts',
    external: isLit,
    output: { file: 'dist/session-security.min.js', format: 'es' },
    plugins: [ts(false), minify()],
  },
];
