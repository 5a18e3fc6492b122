// Three builds of the browser code (the reference server is compiled by tsc):
// 1. dist/*.js + .d.ts: the npm library, lit external, readable, tree-shakable;
// 2. dist/cdn/session-security.js: minified, lit inside, defines the tag; each
//    translation but English is a small chunk beside it, loaded only when a page needs it;
// 3. dist/min/session-security.js: the same with lit external (what `npm run size`
//    reports as the element's own weight; also handy with import maps).
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

const ts = (declarations) =>
  typescript({
    tsconfig: './tsconfig.json',
    declaration: declarations,
    declarationDir: declarations ? 'dist' : undefined,
    outDir: declarations ? 'dist' : undefined,
  });
const isLit = (id) => id === 'lit' || id.startsWith('lit/') || id.startsWith('@lit/') || id.startsWith('lit-');
/** The minifier's options, shared with scripts/size.mjs (which minifies module by module). */
export const TERSER = { module: true, ecma: 2022, compress: { passes: 2 }, format: { comments: false } };
const minify = () => terser(TERSER);
/**
 * The css`` templates of the minified builds without comments and layout whitespace
 * (terser leaves template text alone). Only spaces next to { } ; , and after : go, so
 * values such as calc(100vw - 2rem) and rgb(0 0 0 / 0.6) keep theirs.
 */
export const minifyCss = () => ({
  name: 'minify-css',
  transform: (code) =>
    /\bcss\s*`/.test(code)
      ? {
          code: code.replace(
            /\bcss\s*`([^`]*)`/g,
            (_, text) =>
              `css\`${text
                .replace(/\/\*[^]*?\*\//g, '')
                .replace(/\s+/g, ' ')
                .replace(/ ?([{};,]) ?/g, '$1')
                .replace(/: /g, ':')
                .replace(/;}/g, '}')
                .trim()}\``,
          ),
          map: null,
        }
      : null,
});

export default [
  {
    input: { index: 'src/index.ts', define: 'src/define.ts' },
    external: isLit,
    // trusted-types.js a chunk of its own, so that define.js runs it before lit (a shared
    // chunk would otherwise carry both, lit first, and a Trusted Types refusal of lit's
    // policy would stop it before it can say why).
    output: { dir: 'dist', format: 'es', chunkFileNames: '[name].js', manualChunks: (id) => (id.endsWith('/src/browser/trusted-types.ts') ? 'trusted-types' : undefined) },
    plugins: [ts(true)],
  },
  {
    input: { 'session-security': 'src/define.ts' },
    output: { dir: 'dist/cdn', format: 'es', chunkFileNames: '[name].js' },
    plugins: [resolve(), ts(false), minifyCss(), minify()],
  },
  {
    input: { 'session-security': 'src/define.ts' },
    external: isLit,
    output: { dir: 'dist/min', format: 'es', chunkFileNames: '[name].js' },
    plugins: [ts(false), minifyCss(), minify()],
  },
];
