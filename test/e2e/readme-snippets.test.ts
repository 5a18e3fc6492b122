/**
 * The README's "Frameworks" snippets are copies of tested files: each code block that uses
 * the element opens with a comment naming its file under examples/ (a type-checked
 * ReadmeSnippet.* of a framework example, a tested app, a backend recipe's template), and
 * the rest of the block must appear in that file, whitespace aside. A snippet edited on
 * one side only fails here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The section's fenced code blocks: language and lines. */
function blocks(heading: string): Array<{ lang: string; lines: string[] }> {
  const start = readme.indexOf(`\n## ${heading}\n`);
  assert.ok(start >= 0, `README has a "${heading}" section`);
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map(([, lang, body]) => ({ lang, lines: body.trimEnd().split('\n') }));
}

const squeeze = (text: string) => text.replace(/\s+/g, ' ').trim();

const snippets = blocks('Frameworks').filter(({ lines }) => lines.some((line) => line.includes('session-security')));

test('the Frameworks section has a snippet per framework and template language, each naming its file', () => {
  assert.deepEqual(snippets.map(({ lang }) => lang).sort(), ['blade', 'django', 'erb', 'html', 'html', 'jinja', 'js', 'js', 'svelte', 'tsx', 'vue'].sort());
  for (const { lang, lines } of snippets) assert.match(lines[0], /examples\/[\w./-]+/, `the ${lang} snippet's first line names its file`);
});

for (const { lang, lines } of snippets) {
  const path = /examples\/[\w./-]+[\w]/.exec(lines[0])?.[0];
  test(`the ${lang} snippet is ${path ?? '(no file named)'}, as written there`, () => {
    assert.ok(path, `the ${lang} snippet's first line names its file`);
    const file = readFileSync(join(ROOT, path), 'utf8');
    const code = squeeze(lines.slice(1).join('\n'));
    assert.ok(code.length > 0, 'the snippet has code after its comment');
    assert.ok(squeeze(file).includes(code), `${path} does not contain the README's ${lang} snippet:\n${lines.slice(1).join('\n')}`);
  });
}

test('the Preact snippet is the React one with the Preact typings ("the same JSX")', () => {
  const react = snippets.find(({ lang }) => lang === 'tsx');
  assert.ok(react, 'a tsx snippet');
  const preact = readFileSync(join(ROOT, 'examples/frameworks/preact/src/ReadmeSnippet.tsx'), 'utf8');
  assert.ok(preact.includes("import type {} from 'session-security/preact';"), 'it imports the Preact typings');
  const asReact = squeeze(preact.replace("'session-security/preact'", "'session-security/react'"));
  assert.ok(asReact.includes(squeeze(react.lines.slice(1).join('\n'))), 'the same JSX as the README');
});
