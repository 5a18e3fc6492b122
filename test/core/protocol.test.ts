import { expect } from '@open-wc/testing';
import { stub } from 'sinon';
import { parsePingResponse } from '../../src/core/protocol.js';

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
      expect(error.args.map((a) => String(a[0])).join()).to.contain('warnAfter').and.contain('"user"');
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
