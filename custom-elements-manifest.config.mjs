// custom-elements.json, built by `npm run build` (cem analyze, lit support on) and shipped
// in the package: IDEs, Storybook and framework tooling read the element's attributes,
// properties, events, slots, CSS parts and custom properties from it (package.json
// "customElements"). What the analyzer cannot infer (events dispatched under a computed
// name, slots and parts of the dialog view, text-* attributes) is in the class's JSDoc.
// test/browser/manifest.test.ts checks it against the running element so it cannot drift.
export default {
  globs: ['src/session-security.ts', 'src/define.ts'],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      name: 'public-api-of-the-package',
      packageLinkPhase({ customElementsManifest }) {
        // Paths of the published files (the sources are not in the package).
        const published = (path) => path.replace(/^\/?src\//, 'dist/').replace(/\.ts$/, '.js');
        for (const mod of customElementsManifest.modules) {
          mod.path = published(mod.path);
          for (const declaration of mod.declarations ?? []) {
            // #private and protected members are no one's API.
            declaration.members = declaration.members?.filter((m) => !m.name.startsWith('#') && m.privacy !== 'private' && m.privacy !== 'protected');
            // A dispatch under a computed name (the element's one typed #emit) has no name
            // the analyzer can read; the JSDoc's @fires lists those events.
            if (declaration.events) declaration.events = declaration.events.filter((event) => event.name);
          }
          for (const exported of mod.exports ?? []) if (exported.declaration.module) exported.declaration.module = published(exported.declaration.module);
        }
      },
    },
  ],
};
