// What the rule schema and check-spec refuse in a rule's HttpCheck: above all, a host made from the secret.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { HttpCheck } from '../../src/types.js';
import { httpCheckProblems } from '../../src/validate/check-spec.js';
import { checkRuleFile, compileRules } from '../../src/rules/load.js';

const base: HttpCheck = { request: { method: 'GET', url: 'https://api.example.com/me', headers: { Authorization: 'Bearer {secret}' } }, answers: [{ status: [200], verdict: 'valid' }], effect: 'read', reveals: 'nothing at all', docs: ['https://example.test/'] };

function ruleWith(validate: unknown): unknown {
  return { rules: [{ id: 'acme-token', provider: 'acme', description: 'Acme token', severity: 'high', regex: '(acme_[a-z]{20})', keywords: ['acme_'], validate, examples: { match: [], noMatch: [] } }] };
}

describe('the rule schema', () => {
  const refused: { name: string; url: string }[] = [
    { name: 'refuses a host that is the secret', url: 'https://{secret}/me' },
    { name: 'refuses a host that ends with the secret', url: 'https://api.{secret}/me' },
    { name: 'refuses a host built from the other half', url: 'https://{id}.example.com/me' },
    { name: 'refuses plain http', url: 'http://api.example.com/me' },
    { name: 'refuses a port or user info in the host', url: 'https://user@api.example.com/me' },
    { name: 'refuses unknown slots in the path', url: 'https://api.example.com/{file}' },
  ];
  for (const c of refused) {
    it(c.name, () => assert.notDeepEqual(checkRuleFile('acme.json', ruleWith({ ...base, request: { method: 'GET', url: c.url } })), []));
  }

  it('accepts a literal host, {site} and {tenant} with slots in path and query', () => {
    for (const url of ['https://api.example.com/bot{secret}/me?k={id}', 'https://{site}/v1/{secret|segments}', 'https://{tenant}/api']) {
      assert.deepEqual(checkRuleFile('acme.json', ruleWith({ ...base, request: { method: 'GET', url } })), [], url);
    }
  });

  it('refuses a line break in a header template and 429 or 5xx statuses in answers', () => {
    assert.notDeepEqual(checkRuleFile('acme.json', ruleWith({ ...base, request: { ...base.request, headers: { X: 'a\r\nB: {secret}' } } })), []);
    for (const status of [429, 500, 503]) assert.notDeepEqual(checkRuleFile('acme.json', ruleWith({ ...base, answers: [{ status: [status], verdict: 'invalid' }] })), [], String(status));
  });
});

describe('httpCheckProblems', () => {
  const table: { name: string; check: HttpCheck; problem?: RegExp }[] = [
    { name: 'accepts a plain bearer check', check: base },
    { name: 'refuses a check that never sends the secret', check: { ...base, request: { method: 'GET', url: 'https://api.example.com/me' } }, problem: /the secret is sent nowhere/ },
    { name: 'refuses {id} without saying where the other half is', check: { ...base, request: { method: 'GET', url: 'https://api.example.com/{id}', headers: { A: '{secret}' } } }, problem: /no \/id says where/ },
    { name: 'refuses {site} without sites', check: { ...base, request: { ...base.request, url: 'https://{site}/me' } }, problem: /needs a list of sites/ },
    { name: 'refuses a map of sites without siteFrom', check: { ...base, request: { ...base.request, url: 'https://{site}/me' }, sites: { us1: 'us1.example.com' } }, problem: /needs siteFrom/ },
    { name: 'refuses {tenant} without a tenant', check: { ...base, request: { ...base.request, url: 'https://{tenant}/me' } }, problem: /needs a tenant/ },
    { name: 'refuses a valid 4xx without the provider\'s own words', check: { ...base, answers: [{ status: [403], verdict: 'valid' }] }, problem: /a valid 4xx answer needs/ },
    { name: 'refuses {secret|segments} outside the URL', check: { ...base, request: { ...base.request, headers: { A: '{secret|segments}' } } }, problem: /unknown slot/ },
    { name: 'refuses an extract regex without a group', check: { ...base, extract: '^https://x' }, problem: /needs a capture group/ },
    { name: 'treats the braces of a GraphQL query as text', check: { ...base, request: { ...base.request, method: 'POST', body: { json: { query: '{ viewer { id name } }' } } } } },
  ];
  for (const c of table) {
    it(c.name, () => {
      const problems = httpCheckProblems(c.check);
      if (c.problem) assert.ok(problems.some((p) => c.problem?.test(p)), problems.join('; '));
      else assert.deepEqual(problems, []);
    });
  }
});

describe('compileRules', () => {
  it('refuses a custom rule whose check is inconsistent, naming the rule and the field', () => {
    const rule = (ruleWith({ ...base, request: { method: 'GET', url: 'https://{site}/me', headers: { A: '{secret}' } } }) as { rules: never[] }).rules[0] as never;
    assert.throws(() => compileRules([{ rule, source: '.keyfence.json' }], { checkRedos: () => true }), /\.keyfence\.json: rule "acme-token": \/validate\/sites: \{site\} needs a list of sites/);
  });
});
