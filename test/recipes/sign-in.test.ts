/** The CSRF scraper reads the forms of the frameworks the recipes use. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scrapeCsrf } from './sign-in.js';

test('Django: name before value, double quotes', () => {
  assert.deepEqual(scrapeCsrf('<form><input type="hidden" name="csrfmiddlewaretoken" value="abc123"></form>'), { name: 'csrfmiddlewaretoken', value: 'abc123' });
});

test('Rails: value after name, entities decoded, self-closing', () => {
  assert.deepEqual(scrapeCsrf(`<input type='hidden' name='authenticity_token' value='a+b/c&#x3D;&amp;' autocomplete="off" />`), { name: 'authenticity_token', value: 'a+b/c=&' });
});

test('value before name, upper-case tag, unquoted', () => {
  assert.deepEqual(scrapeCsrf('<INPUT VALUE="t0k" TYPE=hidden NAME=_token>'), { name: '_token', value: 't0k' });
});

test('other inputs are not tokens', () => {
  assert.equal(scrapeCsrf('<input name="username" value="x"><input name="csrf" value="y">'), undefined);
});
