/** The demo boots on a free port and serves its pages and only the allowed files. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, serverIdle, startTestDemo, type Demo } from './helpers.js';

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
    const tag = page.match(
      /<session-security user="([^"]+)" ping-url="\/session\/ping" events-url="\/session\/events" warn-after="30" expire-after="60" return-to-url="\/login\?expired=1" login-url="\/login\?next=\/signed-in" logout-url="\/logout"><\/session-security>/,
    );
    assert.ok(tag, 'the element with its attributes');
    // The page says whose it is: the same opaque user as the ping answers name.
    const { body } = await client.ping();
    assert.equal(tag[1], (body as { user: string }).user);
    assert.ok(page.includes(`<input type="hidden" name="csrfmiddlewaretoken" value="${token}">`));
    // The element's sign-out form posts the token under the name the server reads.
    assert.ok(page.includes('<meta name="csrf-param" content="csrfmiddlewaretoken">'));
    assert.match(page, /<script type="importmap" nonce="[^"]+">\{"imports"/);
    assert.match(page, /<script type="module" src="\/dist\/define\.js">/);
    const cdn = await (await client.get('/cdn')).text();
    assert.match(cdn, /<script type="module" src="\/dist\/cdn\/session-security\.js">/);
    assert.ok(!cdn.includes('importmap'));
  });

  test('?mode=frame signs in again in a frame, and keeps the mode in the form and the return address', async () => {
    const response = await client.get('/cdn?mode=frame');
    assert.equal(response.status, 200);
    const page = await response.text();
    assert.match(page, /<session-security [^>]* return-to-url="\/login\?expired=1&amp;next=%2Fcdn%3Fmode%3Dframe" login-url="\/login\?next=\/signed-in" login-mode="frame" logout-url="\/logout">/);
    assert.match(page, /<form method="post" action="\/cdn\?mode=frame">/);
    const stranger = new Client(demo.base);
    const redirect = await stranger.get('/?mode=frame');
    assert.equal(redirect.headers.get('location'), '/login?next=%2F%3Fmode%3Dframe');
    const login = await stranger.post('/login', { username: 'alice', password: 'alice', next: '/?mode=frame' });
    assert.equal(login.headers.get('location'), '/?mode=frame');
  });

  test("the header sign-out form tells the other tabs, from a nonce'd script (no inline handler)", async () => {
    const response = await client.get('/');
    const nonce = /'nonce-([^']+)'/.exec(response.headers.get('content-security-policy') ?? '')![1];
    const page = await response.text();
    assert.match(page, /<form id="sign-out" method="post" action="\/logout">/);
    const script = [...page.matchAll(/<script type="module" nonce="([^"]+)">([^<]*)<\/script>/g)].find(([, , text]) => text.includes('signedOut'));
    assert.ok(script, 'a script that calls signedOut()');
    assert.equal(script[1], nonce);
    assert.match(script[2], /getElementById\('sign-out'\)\.addEventListener\('submit'/);
    assert.doesNotMatch(page, /\son[a-z]+=/i, 'no inline event handler attribute');
  });

  test('the language switch offers the eleven locales, and its script builds no markup', async () => {
    const page = await (await client.get('/')).text();
    const options = [...page.matchAll(/<option value="([^"]+)" lang="\1">/g)].map((match) => match[1]);
    assert.deepEqual(options, ['en', 'ca', 'cs', 'de', 'es', 'fr', 'it', 'nl', 'pl', 'pt-BR', 'pt-PT']);
    assert.match(page, /<select id="lang">/);
    assert.doesNotMatch(page, /innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });

  test('only the sign-in pages may be framed, and only by this origin', async () => {
    for (const path of ['/login', '/signed-in']) {
      const response = await client.get(path);
      assert.equal(response.status, 200, path);
      assert.match(response.headers.get('content-security-policy') ?? '', /frame-ancestors 'self'/, path);
      assert.equal(response.headers.get('x-frame-options'), 'SAMEORIGIN', path);
      await response.arrayBuffer();
    }
    const page = await client.get('/');
    assert.match(page.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    assert.equal(page.headers.get('x-frame-options'), 'DENY');
    await page.arrayBuffer();
  });

  test('the sign-in popup ends on /signed-in, which names the user', async () => {
    const popup = new Client(demo.base);
    const login = await popup.post('/login', { username: 'bob', password: 'bob', next: '/signed-in' });
    assert.equal(login.status, 303);
    assert.equal(login.headers.get('location'), '/signed-in');
    const page = await (await popup.get('/signed-in')).text();
    assert.match(page, /Signed in as <strong>bob<\/strong> — you can close this window\./);
    assert.match(page, /<a href="\/">Go to the protected page<\/a>/);
    const framed = await (await popup.get('/signed-in', { 'Sec-Fetch-Dest': 'iframe' })).text();
    assert.doesNotMatch(framed, /<a href=/, 'no link that would replace the page holding the work');
    const stranger = new Client(demo.base);
    const signedOut = await stranger.get('/signed-in');
    assert.equal(signedOut.status, 303);
    assert.equal(signedOut.headers.get('location'), '/login?next=/signed-in');
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

  test('loading files is not activity (the translation the warning loads must not extend the session)', async () => {
    await client.signIn();
    demo.clock.advance(20);
    for (const path of ['/dist/de.js', '/dist/define.js', '/favicon.ico']) await (await client.get(path)).arrayBuffer();
    assert.equal(await serverIdle(client), 20);
  });

  test('unknown addresses answer 404', async () => {
    const response = await client.get('/nope');
    assert.equal(response.status, 404);
    await response.arrayBuffer();
  });
});
