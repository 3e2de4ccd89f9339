// planHttpChecks: once per credential, hosts from the rule only, and a reason for everything not sent.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RAW, type Finding, type HttpCheck } from '../../src/types.js';
import { isTenantHost, planHttpChecks } from '../../src/validate/http-plan.js';

function finding(ruleId: string, secret: string, file = 'a.env', partner?: string): Finding {
  return { ruleId, description: 'd', severity: 'high', file, line: 1, column: 1, endColumn: 2, secret: 'x', match: 'x', fingerprint: `${file}${secret}`.padEnd(64, '0'), entropy: 4, [RAW]: { secret, lineText: secret, ...(partner ? { partner } : {}) } };
}

const bearer: HttpCheck = { request: { method: 'GET', url: 'https://api.example.com/me', headers: { Authorization: 'Bearer {secret}' } }, answers: [{ status: [200], verdict: 'valid' }], effect: 'read', reveals: 'nothing at all', docs: ['https://example.test/'] };
const checks: Record<string, HttpCheck> = {
  bearer,
  pair: { ...bearer, request: { method: 'GET', url: 'https://api.example.com/{id}', basic: { user: '{id}', password: '{secret}' } }, id: { name: 'account id', regex: '(AC[0-9]+)' } },
  tenant: { ...bearer, request: { ...bearer.request, url: 'https://{tenant}/me' }, tenant: { name: 'shop', suffixes: ['.myshopify.com'] } },
  sites: { ...bearer, request: { ...bearer.request, url: 'https://{site}/me' }, sites: ['us.example.com', 'eu.example.com'] },
  dc: { ...bearer, request: { ...bearer.request, url: 'https://{site}/me' }, sites: { us1: 'us1.example.com' }, siteFrom: '-(us[0-9]+)$' },
  hook: { ...bearer, request: { method: 'POST', url: 'https://hooks.example.com/{secret|segments}' }, extract: '^https://hooks\\.example\\.com/(.+)$' },
};
const checkFor = (ruleId: string) => (checks[ruleId] ? { check: checks[ruleId] as HttpCheck, provider: 'acme' } : undefined);

describe('planHttpChecks', () => {
  it('checks one credential once, however many files hold it', () => {
    const plan = planHttpChecks([finding('bearer', 's1', 'a'), finding('bearer', 's1', 'b'), finding('bearer', 's2', 'c'), finding('other', 's3')], checkFor, { tenants: {}, canaryPrefixes: [] });
    assert.deepEqual(plan.jobs.map((j) => [j.secret, j.findings.length, j.hosts]), [['s1', 2, ['api.example.com']], ['s2', 1, ['api.example.com']]]);
    assert.deepEqual(plan.skipped, []);
  });

  const skips: { name: string; finding: Finding; tenants?: Record<string, string[]>; prefixes?: string[]; reason: string }[] = [
    { name: 'skips a pair whose other half was not found', finding: finding('pair', 'tok'), reason: 'no-id' },
    { name: 'skips a tenant provider when no tenant is configured', finding: finding('tenant', 'shpat'), reason: 'needs-tenant' },
    { name: 'skips a tenant host outside the provider\'s domain', finding: finding('tenant', 'shpat'), tenants: { shop: ['evil.test', 'a.b.myshopify.com', 'myshopify.com'] }, reason: 'needs-tenant' },
    { name: 'skips a data centre the rule does not list', finding: finding('dc', 'key-us99'), reason: 'unknown-site' },
    { name: 'skips a canary prefix', finding: finding('bearer', 'xoxb-1234-canary'), prefixes: ['xoxb-1234-'], reason: 'canary' },
    { name: 'skips a secret the extract regex does not fit', finding: finding('hook', 'https://elsewhere.test/x'), reason: 'unexpected-shape' },
  ];
  for (const c of skips) {
    it(c.name, () => {
      const plan = planHttpChecks([c.finding], checkFor, { tenants: c.tenants ?? {}, canaryPrefixes: c.prefixes ?? [] });
      assert.deepEqual(plan.jobs, []);
      assert.deepEqual(plan.skipped.map((s) => s.verdict), [{ status: 'skipped', reason: c.reason, provider: 'acme' }]);
    });
  }

  it('takes hosts from the rule: every site in order, the data centre the key names, the configured tenant', () => {
    const plan = planHttpChecks([finding('sites', 'a'), finding('dc', 'b-us1'), finding('tenant', 'c'), finding('pair', 'd', 'x', 'AC1'), finding('hook', 'https://hooks.example.com/T1/B2')], checkFor, { tenants: { shop: ['acme.myshopify.com'] }, canaryPrefixes: [] });
    assert.deepEqual(plan.jobs.map((j) => [j.hosts, j.secret, j.id]), [
      [['us.example.com', 'eu.example.com'], 'a', undefined],
      [['us1.example.com'], 'b-us1', undefined],
      [['acme.myshopify.com'], 'c', undefined],
      [['api.example.com'], 'd', 'AC1'],
      [['hooks.example.com'], 'T1/B2', undefined],
    ]);
  });
});

describe('isTenantHost', () => {
  const table: [string, boolean][] = [['acme.myshopify.com', true], ['my-shop-1.myshopify.com', true], ['myshopify.com', false], ['a.b.myshopify.com', false], ['acme.myshopify.com.evil.test', false], ['-x.myshopify.com', false]];
  for (const [host, want] of table) it(`${want ? 'accepts' : 'refuses'} ${host}`, () => assert.equal(isTenantHost(host, ['.myshopify.com']), want));
});
