import { expect } from '@open-wc/testing';
import { stub } from 'sinon';
import { MAX_SECONDS, parsePingResponse, seconds, serverTimes } from '../../src/core/protocol.js';

describe('parsePingResponse', () => {
  it("reads django-session-security's integer answer, flooring fractions", () => {
    expect(parsePingResponse(200, false, '42')).to.deep.equal({ kind: 'idle', idleFor: 42 });
    expect(parsePingResponse(200, false, '7.9')).to.deep.equal({ kind: 'idle', idleFor: 7 });
  });

  it('reads "logout" and the extended logout with its reason', () => {
    expect(parsePingResponse(200, false, '"logout"')).to.deep.equal({ kind: 'logout', reason: 'logout' });
    expect(parsePingResponse(200, false, '{"status":"logout","reason":"revoked"}')).to.deep.equal({ kind: 'logout', reason: 'revoked' });
    expect(parsePingResponse(200, false, '{"status":"logout","reason":"<b>"}')).to.deep.equal({ kind: 'logout', reason: 'logout' });
  });

  it('reads the extended answer with per-user times, user and token', () => {
    const body = JSON.stringify({ idleFor: 12, warnAfter: 780, expireAfter: 900, user: 'u1', csrfToken: 't' });
    expect(parsePingResponse(200, false, body)).to.deep.equal({
      kind: 'idle',
      idleFor: 12,
      times: { warnAfter: 780, expireAfter: 900 },
      user: 'u1',
      csrfToken: 't',
    });
  });

  it('ignores bad optional fields with a console error naming them', () => {
    const error = stub(console, 'error');
    try {
      const answer = parsePingResponse(200, false, '{"idleFor":3,"warnAfter":900,"expireAfter":600,"user":5}');
      expect(answer).to.deep.equal({ kind: 'idle', idleFor: 3 });
      expect(error.args.map((a) => String(a[0])).join())
        .to.contain('warnAfter')
        .and.contain('"user"');
    } finally {
      error.restore();
    }
  });

  it('treats a session-gone status or a redirect as logout', () => {
    for (const status of [401, 403, 419]) expect(parsePingResponse(status, false, '')).to.deep.equal({ kind: 'logout', reason: 'unauthorized' });
    expect(parsePingResponse(200, true, '0')).to.deep.equal({ kind: 'logout', reason: 'redirected' });
  });

  it('treats a 200 that is not the protocol (a login page, garbage JSON) as logout', () => {
    for (const body of ['<!doctype html><form>', '-5', 'null', '{"idle":3}', '{"idleFor":-1}', '"yes"', '[1]'])
      expect(parsePingResponse(200, false, body), body).to.deep.equal({ kind: 'logout', reason: 'unexpected-answer' });
  });

  it('treats 5xx and other statuses as a failed ping, never as an answer', () => {
    expect(parsePingResponse(500, false, '0')).to.deep.equal({ kind: 'failed', reason: 'HTTP 500' });
    expect(parsePingResponse(404, false, '0')).to.deep.equal({ kind: 'failed', reason: 'HTTP 404' });
  });
});

describe('caps on the times of an answer', () => {
  it('clamps an idleFor above a year to a year: still idle longer than any timeout', () => {
    expect(seconds(1e12)).to.equal(MAX_SECONDS);
  });

  it('refuses per-user times above a year', () => {
    expect(serverTimes(540, 1e12)).to.equal(undefined);
  });

  it('accepts per-user times of exactly a year', () => {
    expect(serverTimes(MAX_SECONDS - 60, MAX_SECONDS)).to.deep.equal({ warnAfter: MAX_SECONDS - 60, expireAfter: MAX_SECONDS });
  });

  it('ignores an answer warning 31,710 years away: no times in the answer', () => {
    const error = stub(console, 'error');
    try {
      expect(parsePingResponse(200, false, '{"idleFor":3,"warnAfter":1e12,"expireAfter":2e12}')).to.deep.equal({ kind: 'idle', idleFor: 3 });
    } finally {
      error.restore();
    }
  });

  it('names the fields in the console error when it ignores them', () => {
    const error = stub(console, 'error');
    try {
      parsePingResponse(200, false, '{"idleFor":3,"warnAfter":1e12,"expireAfter":2e12}');
      expect(String(error.args[0]?.[0])).to.contain('"warnAfter"/"expireAfter"').and.contain(String(MAX_SECONDS));
    } finally {
      error.restore();
    }
  });
});
