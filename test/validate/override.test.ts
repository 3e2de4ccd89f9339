// KEYFENCE_VALIDATE_ENDPOINT_OVERRIDE: a switch for tests that can only ever point at this machine.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { endpointOverride, routeUrl } from '../../src/validate/override.js';

describe('endpointOverride', () => {
  it('is off when unset or empty', () => {
    assert.equal(endpointOverride({}), undefined);
    assert.equal(endpointOverride({ KEYFENCE_VALIDATE_ENDPOINT_OVERRIDE: '' }), undefined);
  });

  for (const value of ['http://127.0.0.1:8080', 'http://localhost:1/', 'http://[::1]:9/prefix/']) {
    it(`accepts the loopback address ${value}`, () => assert.ok(endpointOverride({ KEYFENCE_VALIDATE_ENDPOINT_OVERRIDE: value })));
  }

  const refused = ['https://api.github.com', 'http://127.0.0.2:80', 'http://10.0.0.1', 'http://evil.test@127.0.0.1', 'http://127.0.0.1.evil.test', 'file:///tmp', 'not a url'];
  for (const value of refused) {
    it(`refuses ${value}, naming the variable and the fix`, () => {
      assert.throws(() => endpointOverride({ KEYFENCE_VALIDATE_ENDPOINT_OVERRIDE: value }), (e: Error & { hint?: string; exitCode?: number }) => /^KEYFENCE_VALIDATE_ENDPOINT_OVERRIDE: /.test(e.message) && /loopback/.test(e.hint ?? '') && e.exitCode === 2);
    });
  }

  it('routes https://host/path to base/host/path, and leaves it alone without an override', () => {
    assert.equal(routeUrl('api.github.com', '/user?x=1', { base: 'http://127.0.0.1:9/p' }), 'http://127.0.0.1:9/p/api.github.com/user?x=1');
    assert.equal(routeUrl('api.github.com', '/user', undefined), 'https://api.github.com/user');
  });
});
