// buildRequest: slots filled only where the rule puts them, each encoded for its place; the host never moves.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { HttpCheck } from '../../src/types.js';
import { buildRequest } from '../../src/validate/request.js';

function check(request: HttpCheck['request']): HttpCheck {
  return { request, answers: [{ status: [200], verdict: 'valid' }], effect: 'read', reveals: 'nothing at all', docs: ['https://example.test/'] };
}

const UA = { userAgent: 'keyfence-test' };

describe('buildRequest', () => {
  const urls: { name: string; url: string; secret: string; want: string }[] = [
    { name: 'percent-encodes a secret in the path, so it cannot add a segment', url: 'https://api.example.com/bot{secret}/getMe', secret: '12:ab/../../x?y#z', want: 'https://api.example.com/bot12:ab%2F..%2F..%2Fx%3Fy%23z/getMe' },
    { name: 'percent-encodes a secret in the query, so it cannot add a parameter', url: 'https://api.example.com/t?access_token={secret}', secret: 'a&b=c d', want: 'https://api.example.com/t?access_token=a%26b%3Dc%20d' },
    { name: 'keeps a webhook path slot as segments, each encoded', url: 'https://hooks.example.com/services/{secret|segments}', secret: 'T1/B2/x y', want: 'https://hooks.example.com/services/T1/B2/x%20y' },
    { name: 'never lets an @ or a scheme in the secret change the host', url: 'https://api.example.com/{secret}', secret: '@evil.test', want: 'https://api.example.com/@evil.test' },
  ];
  for (const c of urls) {
    it(c.name, () => {
      const host = c.url.split('/')[2] as string;
      const built = buildRequest(check({ method: 'GET', url: c.url }), host, { secret: c.secret }, UA);
      assert.ok('request' in built, JSON.stringify(built));
      assert.equal(built.request.url.href, c.want);
      assert.equal(built.request.url.host, new URL(c.want).host);
    });
  }

  it('refuses a webhook secret whose segments climb or are empty', () => {
    for (const secret of ['T1/../B2', 'T1//B2', '.']) {
      const built = buildRequest(check({ method: 'POST', url: 'https://hooks.example.com/services/{secret|segments}' }), 'hooks.example.com', { secret }, UA);
      assert.ok('problem' in built, secret);
    }
  });

  it('refuses a header value holding a line break (no header injection)', () => {
    const built = buildRequest(check({ method: 'GET', url: 'https://api.example.com/me', headers: { Authorization: 'Bearer {secret}' } }), 'api.example.com', { secret: 'tok\r\nX-Evil: 1' }, UA);
    assert.deepEqual(built, { problem: 'a header value would hold a control or non-ASCII character' });
  });

  it('sends basic auth, the other half and a JSON body with slots JSON-encoded', () => {
    const built = buildRequest(
      check({ method: 'POST', url: 'https://api.example.com/a/{id}', basic: { user: '{id}', password: '{secret}' }, body: { json: { key: '{secret}', query: '{ viewer { id } }' } } }),
      'api.example.com',
      { secret: 'se"cret', id: 'AC1' },
      UA,
    );
    assert.ok('request' in built);
    assert.equal(built.request.url.pathname, '/a/AC1');
    assert.equal(built.request.headers?.authorization, `Basic ${Buffer.from('AC1:se"cret').toString('base64')}`);
    assert.deepEqual(JSON.parse(built.request.body ?? ''), { key: 'se"cret', query: '{ viewer { id } }' });
    assert.equal(built.request.headers?.['content-type'], 'application/json');
    assert.equal(built.request.headers?.['user-agent'], 'keyfence-test');
  });

  it('url-encodes form bodies', () => {
    const built = buildRequest(check({ method: 'POST', url: 'https://api.example.com/token', body: { form: { grant_type: 'client_credentials', key: '{secret}' } } }), 'api.example.com', { secret: 'a&b' }, UA);
    assert.ok('request' in built);
    assert.equal(built.request.body, 'grant_type=client_credentials&key=a%26b');
  });

  it('sends the request for a site or tenant to that host only', () => {
    const built = buildRequest(check({ method: 'GET', url: 'https://{tenant}/api/v1/users/me', headers: { Authorization: 'SSWS {secret}' } }), 'acme.okta.com', { secret: 'x' }, UA);
    assert.ok('request' in built);
    assert.equal(built.request.url.href, 'https://acme.okta.com/api/v1/users/me');
  });

  it('goes under the test override as /host/path, and nowhere else', () => {
    const built = buildRequest(check({ method: 'GET', url: 'https://api.example.com/me?x={secret}' }), 'api.example.com', { secret: 's' }, { ...UA, override: { base: 'http://127.0.0.1:9999' } });
    assert.ok('request' in built);
    assert.equal(built.request.url.href, 'http://127.0.0.1:9999/api.example.com/me?x=s');
  });

  it('has no {id} without the other half: nothing to send', () => {
    const built = buildRequest(check({ method: 'GET', url: 'https://api.example.com/{id}' }), 'api.example.com', { secret: 's' }, UA);
    assert.deepEqual(built, { problem: 'no value for {id}' });
  });
});
