// readAnswer: answers mean only what the rule says; 429/5xx and no answer are unknown; unexplained 401/403 invalid.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { HttpCheck, HttpCheckAnswer } from '../../src/types.js';
import type { HttpOutcome } from '../../src/validate/http.js';
import { readAnswer } from '../../src/validate/answer.js';

function check(answers: HttpCheckAnswer[], identity?: Record<string, string>): HttpCheck {
  return { request: { method: 'GET', url: 'https://api.example.com/me' }, answers, ...(identity ? { identity } : {}), effect: 'read', reveals: 'nothing at all', docs: ['https://example.test/'] };
}

function response(status: number, body: unknown, headers: Record<string, string> = {}): HttpOutcome {
  return { kind: 'response', status, headers: new Headers(headers), body: typeof body === 'string' ? body : JSON.stringify(body) };
}

const slack = check(
  [
    { status: [200], json: { ok: true }, verdict: 'valid' },
    { status: [200], json: { error: ['invalid_auth', 'token_revoked'] }, verdict: 'invalid', reason: 'revoked' },
  ],
  { team: 'team', scopes: 'header:x-scopes', orgs: '[].slug' },
);

describe('readAnswer', () => {
  const table: { name: string; check: HttpCheck; outcome: HttpOutcome; want: Record<string, unknown> }[] = [
    { name: 'reads valid only when the JSON says so', check: slack, outcome: response(200, { ok: true, team: 'Acme' }, { 'x-scopes': 'chat:write' }), want: { status: 'valid', identity: { team: 'Acme', scopes: 'chat:write' } } },
    { name: 'reads a documented refusal inside a 200 as invalid', check: slack, outcome: response(200, { ok: false, error: 'token_revoked' }), want: { status: 'invalid', reason: 'revoked' } },
    { name: 'leaves a 200 it cannot explain unknown, never valid', check: slack, outcome: response(200, { ok: false, error: 'ratelimited' }), want: { status: 'unknown' } },
    { name: 'reads an unexplained 401 as invalid', check: slack, outcome: response(401, 'nope'), want: { status: 'invalid', reason: 'HTTP 401: the credential was refused' } },
    { name: 'reads an unexplained 403 as invalid', check: slack, outcome: response(403, {}), want: { status: 'invalid' } },
    { name: 'never reads 429 as anything but unknown, whatever the rule says', check: check([{ status: [429 as number], verdict: 'invalid' }]), outcome: response(429, {}), want: { status: 'unknown', reason: 'HTTP 429: rate-limited; try again later' } },
    { name: 'never reads a 5xx as anything but unknown', check: check([{ status: [500 as number], verdict: 'invalid' }]), outcome: response(500, { error: 'Invalid_Key' }), want: { status: 'unknown' } },
    { name: 'reads a timeout as unknown', check: slack, outcome: { kind: 'timeout', ms: 300 }, want: { status: 'unknown', reason: 'timeout: no answer within 300 ms' } },
    { name: 'reads a redirect elsewhere as unknown', check: slack, outcome: { kind: 'redirect', status: 302, sameOrigin: false }, want: { status: 'unknown' } },
    { name: 'reads a body over the cap as unknown', check: slack, outcome: { kind: 'too-large', status: 200, limit: 65536 }, want: { status: 'unknown' } },
    { name: 'reads an answer that is not JSON where JSON is needed as unknown', check: slack, outcome: response(200, '<html>ok</html>'), want: { status: 'unknown' } },
    {
      name: 'walks arrays in JSON conditions and identity paths',
      check: check([{ status: [403], json: { 'error.details[].reason': 'SERVICE_DISABLED' }, verdict: 'valid', reason: 'restricted' }], { project: 'error.details[].metadata.consumer' }),
      outcome: response(403, { error: { details: [{ reason: 'OTHER' }, { reason: 'SERVICE_DISABLED', metadata: { consumer: 'projects/42' } }] } }),
      want: { status: 'valid', reason: 'restricted', identity: { project: 'projects/42' } },
    },
    { name: 'reads root arrays with [] paths', check: check([{ status: [200], verdict: 'valid' }], { orgs: '[].slug' }), outcome: response(200, [{ slug: 'a' }, { slug: 'b' }]), want: { status: 'valid', identity: { orgs: 'a, b' } } },
    { name: 'checks header conditions (GitHub rate limit is a 403)', check: check([{ status: [403], header: { 'x-ratelimit-remaining': '0' }, verdict: 'unknown', reason: 'rate limit' }]), outcome: response(403, {}, { 'x-ratelimit-remaining': '0' }), want: { status: 'unknown', reason: 'rate limit' } },
    { name: 'checks whole-body and contains conditions', check: check([{ status: [400], body: ['no_text'], verdict: 'valid' }, { status: [400], contains: ['digest'], verdict: 'valid', reason: 'pypi' }]), outcome: response(400, '<p>Include at least one message digest.</p>'), want: { status: 'valid', reason: 'pypi' } },
    { name: 'needs present paths to hold a value', check: check([{ status: [200], present: ['data.viewer.id'], verdict: 'valid' }]), outcome: response(200, { data: { viewer: null }, errors: [{}] }), want: { status: 'unknown' } },
  ];
  for (const c of table) {
    it(c.name, () => {
      const verdict = readAnswer(c.outcome, c.check, []);
      for (const [key, value] of Object.entries(c.want)) assert.deepEqual(verdict[key as keyof typeof verdict], value, `${key}: ${JSON.stringify(verdict)}`);
    });
  }

  it('masks the secret, and values shaped like secrets, in identity fields', () => {
    const secret = 'tok_' + 'Q3EGRIUBZFZ6PJ5GQ3EGRIUBZ';
    const echoed = 'A21AA' + 'k9Q2xV7pL4mN8rT1wY6zB3cF5hJ0dS';
    const verdict = readAnswer(response(200, { ok: true, team: `Acme ${secret}`, user: echoed, url: 'https://acme-engineering-team.slack.com/' }), check([{ status: [200], verdict: 'valid' }], { team: 'team', user: 'user', url: 'url' }), [secret]);
    const shown = JSON.stringify(verdict);
    assert.ok(!shown.includes(secret) && !shown.includes(echoed), shown);
    assert.equal(verdict.identity?.url, 'https://acme-engineering-team.slack.com/');
  });
});
