// ESLint (flat config): ESLint's and typescript-eslint's recommended rules, for the
// browser code, the Node code, the scripts and the tests alike. Layout is Prettier's job
// (.prettierrc.json), so no stylistic rule is on here. `npm run lint` runs both.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/', 'build/', '**/node_modules/', '**/.angular/', 'examples/backends/.venv/', 'examples/backends/*/node_modules/', 'scripts/bench-old.mjs'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    // `const { id: _id, ...rest } = entry` is how an object is copied without a field.
    rules: { '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }] },
  },
  {
    // Browser code and its tests run in pages; scripts, configs, the server and the
    // backend recipes run in Node: both sets of globals, as the code is checked by type
    // (TypeScript) where it matters, and no-undef only guards the JavaScript files.
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.mocha } },
  },
  {
    // chai's property assertions (`expect(ids).to.not.be.empty`) are expressions by design.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
  {
    // These compile for Node without the DOM lib (tsconfig.server.json), yet pass
    // functions to page.evaluate that run in the page: `declare const window: any` and
    // the page objects they read are untyped on purpose.
    files: ['test/e2e/**', 'test/recipes/**', 'test/frameworks/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
