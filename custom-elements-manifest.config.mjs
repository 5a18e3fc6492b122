// custom-elements.json, built by `npm run build` (cem analyze, lit support on) and shipped
// in the package: IDEs, Storybook and framework tooling read the element's attributes,
// properties, events, slots, CSS parts and custom properties from it (package.json
// "customElements"). What the analyzer cannot infer is written beside the code it is
// about, and gathered here: events dispatched under a computed name (the class's @fires),
// the text-* attributes (one per key of i18n/strings.ts, described by its comment), the
// slots and parts (dialog-view.ts's @slot and @csspart) and the custom properties
// (styles.ts's @cssprop). test/browser/manifest.test.ts checks the result against the
// running element so it cannot drift.
import { readFileSync } from 'node:fs';
import ts from 'typescript';

const source = (path) => readFileSync(new URL(path, import.meta.url), 'utf8');
const oneLine = (text) => text.replace(/\s+/g, ' ').trim();

/** `text-<key>` for each key of the Strings interface, with the key's doc comment. */
function textAttributes() {
  const file = ts.createSourceFile('strings.ts', source('./src/i18n/strings.ts'), ts.ScriptTarget.Latest, true);
  const strings = file.statements.find((node) => ts.isInterfaceDeclaration(node) && node.name.text === 'Strings');
  if (!strings) throw new Error('src/i18n/strings.ts: no interface Strings');
  return strings.members.map((member) => {
    const key = member.name.getText(file);
    const doc = ts
      .getJSDocCommentsAndTags(member)
      .map((comment) => ts.getTextOfJSDocComment(comment.comment) ?? '')
      .join(' ');
    if (!doc) throw new Error(`src/i18n/strings.ts: ${key} has no doc comment`);
    const name = `text-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    return { name, type: { text: 'string' }, description: `Overrides the translated text (plain text, never HTML). ${oneLine(doc)}` };
  });
}

/** The `@<tag> name - description` lines of a file's comments (`[name=default]` too). */
function tagged(path, tag) {
  const lines = [...source(path).matchAll(new RegExp(`^\\s*\\* @${tag} (\\[[^\\]]+\\]|\\S+) - (.+)$`, 'gm'))];
  if (!lines.length) throw new Error(`${path}: no @${tag}`);
  return lines.map(([, named, description]) => {
    const [name, value] = named.replace(/^\[|\]$/g, '').split('=');
    return value === undefined ? { name, description } : { name, default: value, description };
  });
}

/** The element's attribute table (src/element-attributes.ts), folded into the element. */
const BASE = 'ElementAttributes';

export default {
  globs: ['src/session-security.ts', 'src/element-attributes.ts', 'src/define.ts'],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      name: 'public-api-of-the-package',
      packageLinkPhase({ customElementsManifest }) {
        // Paths of the published files (the sources are not in the package).
        const published = (path) => path.replace(/^\/?src\//, 'dist/').replace(/\.ts$/, '.js');
        customElementsManifest.modules = customElementsManifest.modules.filter((mod) => !mod.path.endsWith('element-attributes.ts'));
        for (const mod of customElementsManifest.modules) {
          mod.path = published(mod.path);
          for (const declaration of mod.declarations ?? []) {
            if (declaration.tagName === 'session-security') {
              // The attribute table is a base class (element-attributes.ts) only to keep the
              // element's file to wiring and rendering: its attributes and properties are
              // the element's own, and lit's LitElement its superclass.
              for (const item of [...(declaration.attributes ?? []), ...(declaration.members ?? [])]) if (item.inheritedFrom?.name === BASE) delete item.inheritedFrom;
              if (declaration.superclass?.name === BASE) declaration.superclass = { name: 'LitElement', package: 'lit' };
              declaration.attributes = [...(declaration.attributes ?? []), ...textAttributes()];
              declaration.slots = tagged('./src/dialog-view.ts', 'slot');
              declaration.cssParts = tagged('./src/dialog-view.ts', 'csspart');
              declaration.cssProperties = tagged('./src/styles.ts', 'cssprop');
            }
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
