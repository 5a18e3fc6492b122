/** Sessions through the demo app: activity, server-side expiry, sign-in, sign-out, CSRF. */
import { beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, EXPIRE_AFTER, serverIdle, useSignedInDemo, type Demo } from './helpers.js';

describe('sessions', () => {
  const context = useSignedInDemo();
  let demo: Demo;
  let client: Client;
  beforeEach(() => ({ demo, client } = context));

  test('signing in sets an HttpOnly, SameSite=Lax, Path=/ cookie with a 256-bit random id', () => {
    const [line] = client.setCookies;
    assert.match(line, /^session_security=s%3A[A-Za-z0-9_-]{43}\.[A-Za-z0-9%+/]+; Path=\/; HttpOnly; SameSite=Lax$/); // express-session's signed cookie
  });

  test('signing in again issues a new session id and ends the old one', async () => {
    const old = client.cookie;
    await client.signIn('bob');
    assert.notEqual(client.cookie, old);
    const stale = new Client(demo.base);
    stale.cookie = old;
    assert.equal((await stale.get('/')).status, 303);
  });

  test('a wrong password is refused', async () => {
    const stranger = new Client(demo.base);
    const response = await stranger.signIn('alice', 'bob');
    assert.equal(response.status, 401);
    assert.equal(stranger.cookie, '');
    assert.equal((await stranger.signIn('mallory', 'mallory')).status, 401);
  });

  test('after sign-in only allowlisted pages are redirect targets', async () => {
    const stranger = new Client(demo.base);
    const cdn = await stranger.post('/login', { username: 'alice', password: 'alice', next: '/cdn' });
    assert.equal(cdn.headers.get('location'), '/cdn');
    const evil = await stranger.post('/login', { username: 'alice', password: 'alice', next: 'https://evil.example/' });
    assert.equal(evil.headers.get('location'), '/');
  });

  test('a normal page request touches the session', async () => {
    demo.clock.advance(20);
    assert.equal(await serverIdle(client), 20);
    const page = await client.get('/');
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('cache-control'), 'no-store');
    await page.arrayBuffer();
    assert.equal(await serverIdle(client), 0);
  });

  test('an expired session makes the protected page redirect to the sign-in page', async () => {
    demo.clock.advance(EXPIRE_AFTER);
    const response = await client.get('/');
    assert.equal(response.status, 303);
    assert.equal(response.headers.get('location'), '/login?expired=1&next=%2F');
    assert.equal(client.cookie, '', 'cookie cleared');
    const login = await client.get('/login?expired=1');
    assert.match(await login.text(), /signed out after a period of inactivity/);
  });

  test('signed out, the protected pages redirect to the sign-in page', async () => {
    const stranger = new Client(demo.base);
    for (const path of ['/', '/cdn']) {
      const response = await stranger.get(path);
      assert.equal(response.status, 303);
      assert.equal(response.headers.get('location'), `/login?next=${encodeURIComponent(path)}`);
    }
  });

  test('signing out destroys the session', async () => {
    const token = await client.csrfToken();
    const old = client.cookie;
    const response = await client.post('/logout', { csrfmiddlewaretoken: token });
    assert.equal(response.status, 303);
    assert.equal(response.headers.get('location'), '/login');
    assert.equal(client.cookie, '');
    client.cookie = old; // replaying the old cookie does not bring it back
    assert.equal((await client.get('/')).status, 303);
    assert.deepEqual((await client.ping('0')).body, { status: 'logout' });
  });

  test('signing out asks the browser to clear its cache (Clear-Site-Data)', async () => {
    const response = await client.post('/logout', { csrfmiddlewaretoken: await client.csrfToken() });
    assert.equal(response.status, 303);
    assert.equal(response.headers.get('clear-site-data'), '"cache"');
    assert.equal(response.headers.get('cache-control'), 'no-store');
  });

  test('protected pages are never cached (no-store), whichever build, mode or method', async () => {
    const token = await client.csrfToken();
    const responses = [
      await client.get('/'),
      await client.get('/cdn'),
      await client.get('/?mode=frame'),
      await client.get('/cdn?mode=frame'),
      await client.post('/', { csrfmiddlewaretoken: token, secret: 'x' }),
    ];
    for (const response of responses) {
      assert.equal(response.status, 200, response.url);
      assert.equal(response.headers.get('cache-control'), 'no-store', response.url);
      await response.arrayBuffer();
    }
  });

  test('other spellings of the ping path are not activity either', async () => {
    demo.clock.advance(20);
    for (const path of ['/session/ping/', '/Session/Ping', '/SESSION/PING/?idleFor=0']) {
      await (await client.get(path, { 'X-Requested-With': 'XMLHttpRequest' })).arrayBuffer();
    }
    assert.equal(await serverIdle(client), 20);
  });

  test('signing out needs the CSRF token', async () => {
    const response = await client.post('/logout', { csrfmiddlewaretoken: 'forged' });
    assert.equal(response.status, 403);
    await response.arrayBuffer();
    assert.equal((await client.get('/')).status, 200);
  });

  test('the form post checks the CSRF token', async () => {
    const wrong = await client.post('/', { csrfmiddlewaretoken: 'forged', secret: 'x' });
    assert.equal(wrong.status, 403);
    await wrong.arrayBuffer();
    const missing = await client.post('/', { secret: 'x' });
    assert.equal(missing.status, 403);
    await missing.arrayBuffer();
    const other = new Client(demo.base);
    await other.signIn('bob');
    const foreign = await client.post('/', { csrfmiddlewaretoken: await other.csrfToken(), secret: 'x' });
    assert.equal(foreign.status, 403, "another session's token");
    await foreign.arrayBuffer();
  });

  test('the form post shows the submitted text, escaped', async () => {
    const response = await client.post('/cdn', { csrfmiddlewaretoken: await client.csrfToken(), secret: '<script>alert("x")</script> & \'' });
    assert.equal(response.status, 200);
    const page = await response.text();
    assert.ok(page.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;'));
    assert.ok(!page.includes('<script>alert'));
  });
});

describe('login CSRF: the sign-in form only counts when posted from this site', () => {
  const context = useSignedInDemo();
  const form = { username: 'alice', password: 'alice' };
  const signIn = (headers: Record<string, string>) => {
    const stranger = new Client(context.demo.base);
    return stranger.post('/login', form, headers).then(async (response) => ({ response, cookie: stranger.cookie, body: await response.text() }));
  };

  test('a foreign Origin is refused, and nobody is signed in', async () => {
    const sessions = context.demo.server.security.store.size;
    for (const origin of ['https://evil.example', 'null', context.demo.base.replace('http:', 'https:'), `${context.demo.base}.evil.example`]) {
      const { response, cookie, body } = await signIn({ Origin: origin });
      assert.equal(response.status, 403, origin);
      assert.equal(cookie, '', origin);
      assert.match(body, /sent from another site/, origin);
    }
    assert.equal(context.demo.server.security.store.size, sessions);
  });

  test('without Origin, the Referer decides', async () => {
    assert.equal((await signIn({ Referer: `${context.demo.base}/login?next=/` })).response.status, 303);
    assert.equal((await signIn({ Referer: 'https://evil.example/login' })).response.status, 403);
    assert.equal((await signIn({ Referer: 'not a url' })).response.status, 403);
  });

  test('with neither, it is refused (fail closed)', async () => {
    assert.equal((await signIn({})).response.status, 403);
  });

  test("this site's own Origin signs in", async () => {
    const { response, cookie } = await signIn({ Origin: context.demo.base });
    assert.equal(response.status, 303);
    assert.notEqual(cookie, '');
  });
});
