/** The demo boots on a free port and serves its pages and only the allowed files. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, startTestDemo, type Demo } from './helpers.js';

describe('demo server', () => {
  let demo: Demo;
  let client: Client;
  before(async () => {
    demo = await startTestDemo();
    client = new Client(demo.base);
  });
  after(() => demo.close());

  test('GET /login answers the sign-in page with a strict CSP', async () => {
    const response = await client.get('/login');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(response.headers.get('content-security-policy') ?? '', /script-src 'self' 'nonce-[^']+'/);
    assert.match(await response.text(), /<form method="post" action="\/login">/);
  });

  test('the protected page carries the element, the CSRF token in both places and the import map', async () => {
    await client.signIn();
    const page = await (await client.get('/')).text();
    const token = await client.csrfToken();
    assert.match(page, /<session-security ping-url="\/session\/ping" warn-after="30" expire-after="60" return-to-url="\/login\?expired=1">/);
    assert.ok(page.includes(`<input type="hidden" name="csrfmiddlewaretoken" value="${token}">`));
    assert.match(page, /<script type="importmap" nonce="[^"]+">\{"imports"/);
    assert.match(page, /<script type="module" src="\/dist\/define\.js">/);
    const cdn = await (await client.get('/cdn')).text();
    assert.match(cdn, /<script type="module" src="\/dist\/session-security\.cdn\.js">/);
    assert.ok(!cdn.includes('importmap'));
  });

  test('every import map target exists and is served as JavaScript', async () => {
    const page = await (await client.get('/')).text();
    const map = JSON.parse(/<script type="importmap"[^>]*>(.*?)<\/script>/s.exec(page)![1]) as { imports: Record<string, string> };
    // A folder entry is checked through a file lit really imports from it.
    const inFolder: Record<string, string> = { 'lit/': 'index.js', '@lit/reactive-element/': 'css-tag.js', 'lit-html/': 'is-server.js', 'lit-element/': 'lit-element.js' };
    for (const [specifier, target] of Object.entries(map.imports)) {
      const probe = target.endsWith('/') ? target + inFolder[specifier] : target;
      const response = await client.get(probe);
      assert.equal(response.status, 200, probe);
      assert.equal(response.headers.get('content-type'), 'text/javascript; charset=utf-8', probe);
      await response.arrayBuffer();
    }
  });

  test('static files: nothing outside the allowlist, no traversal', async () => {
    for (const path of [
      '/dist/../package.json',
      '/dist/%2e%2e/package.json',
      '/dist/..%2fpackage.json',
      '/dist/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '/dist/..%5cpackage.json',
      '/dist/%00.js',
      '/dist/%E0%A4%A.js',
      '/node_modules/lit/package.json',
      '/node_modules/lit/index.d.ts',
      '/node_modules/sinon/pkg/sinon-esm.js',
      '/node_modules/lit-htmlx/x.js',
      '/src/server/index.ts',
    ]) {
      const response = await client.get(path);
      assert.equal(response.status, 404, path);
      await response.arrayBuffer();
    }
  });

  test('unknown addresses answer 404', async () => {
    const response = await client.get('/nope');
    assert.equal(response.status, 404);
    await response.arrayBuffer();
  });
});
