// runHttpChecks against the loopback double: one request per credential and site, no retries, paced per host,
// at most N at once, sites asked in turn until one says valid.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RAW, type Finding, type HttpCheck } from '../../src/types.js';
import { planHttpChecks } from '../../src/validate/http-plan.js';
import { runHttpChecks, type HttpCheckOptions } from '../../src/validate/http-checks.js';
import { startProviderDouble, type ProviderDouble } from '../helpers/provider-double.js';
import { virtualClock } from '../helpers/virtual-clock.js';

function finding(secret: string, file: string): Finding {
  return { ruleId: 'r', description: 'd', severity: 'high', file, line: 1, column: 1, endColumn: 2, secret: 'x', match: 'x', fingerprint: file.padEnd(64, '0'), entropy: 4, [RAW]: { secret, lineText: secret } };
}

const github: HttpCheck = { request: { method: 'GET', url: 'https://api.github.com/user', headers: { Authorization: 'Bearer {secret}' } }, answers: [{ status: [200], verdict: 'valid' }], identity: { login: 'login' }, effect: 'read', reveals: 'nothing at all', docs: ['https://example.test/'] };
const datadog: HttpCheck = { request: { method: 'GET', url: 'https://{site}/api/v1/validate', headers: { 'DD-API-KEY': '{secret}' } }, sites: ['api.datadoghq.com', 'api.us3.datadoghq.com', 'api.datadoghq.eu', 'api.ap1.datadoghq.com'], answers: [{ status: [200], json: { valid: true }, verdict: 'valid' }], effect: 'read', reveals: 'nothing at all', docs: ['https://example.test/'] };

describe('runHttpChecks', () => {
  let double: ProviderDouble;
  let options: HttpCheckOptions;
  before(async () => {
    double = await startProviderDouble({ slowMs: 250 });
    options = { userAgent: 'keyfence-test', timeoutMs: 5000, concurrency: 4, pacingMs: 0, override: { base: double.base } };
  });
  after(() => double.close());
  const plan = (check: HttpCheck, findings: Finding[]) => planHttpChecks(findings, () => ({ check, provider: 'acme' }), { tenants: {}, canaryPrefixes: [] });

  it('sends one request per credential, none again for a copy, and never retries a failure', async () => {
    double.forget();
    double.know('api.github.com', 'tok-live', 'live');
    double.know('api.github.com', 'tok-5xx', 'server-error');
    const start = double.requests.length;
    const findings = [finding('tok-live', 'a'), finding('tok-live', 'b'), finding('tok-5xx', 'c'), finding('tok-dead', 'd')];
    const summary = await runHttpChecks(plan(github, findings), options);
    const sent = double.requests.slice(start);
    assert.deepEqual(sent.map((r) => r.answered).sort(), ['dead', 'live', 'server-error']);
    assert.deepEqual([...summary.requests], [['api.github.com', 3]]);
    assert.deepEqual(findings.map((f) => f.validation?.status), ['valid', 'valid', 'unknown', 'invalid']);
    assert.deepEqual(findings[0]?.validation?.identity, { login: 'octocat' });
  });

  it('asks the sites in the rule\'s order and stops at the first that says valid', async () => {
    double.forget();
    double.know('api.datadoghq.eu', 'dd-key', 'live');
    const start = double.requests.length;
    const findings = [finding('dd-key', 'a')];
    await runHttpChecks(plan(datadog, findings), options);
    assert.deepEqual(double.requests.slice(start).map((r) => r.host), ['api.datadoghq.com', 'api.us3.datadoghq.com', 'api.datadoghq.eu']);
    assert.deepEqual(findings[0]?.validation, { status: 'valid', provider: 'acme', host: 'api.datadoghq.eu', hosts: ['api.datadoghq.com', 'api.us3.datadoghq.com', 'api.datadoghq.eu'] });
  });

  it('is invalid only when every site refuses, and unknown when one of them could not answer', async () => {
    double.forget();
    double.know('api.datadoghq.eu', 'dd-throttled', 'rate-limited');
    const findings = [finding('dd-dead', 'a'), finding('dd-throttled', 'b')];
    await runHttpChecks(plan(datadog, findings), options);
    assert.equal(findings[0]?.validation?.status, 'invalid');
    assert.match(findings[0]?.validation?.reason ?? '', /refused at every site/);
    assert.equal(findings[1]?.validation?.status, 'unknown');
    assert.equal(findings[1]?.validation?.host, 'api.datadoghq.eu');
  });

  // On a virtual clock: the test checks when each request was scheduled to start, not how soon a loaded machine
  // woke the timers (overdue timers fire together, which once read as "gap 0 ms").
  it('starts requests to one host the pause apart', async () => {
    double.forget();
    const start = double.requests.length;
    const clock = virtualClock();
    const startedAt: number[] = [];
    const findings = ['p1', 'p2', 'p3'].map((s, i) => finding(s, `f${i}`));
    const originalFetch = globalThis.fetch;
    globalThis.fetch = ((...args: Parameters<typeof fetch>) => {
      startedAt.push(clock.now());
      return originalFetch(...args);
    }) as typeof fetch;
    try {
      await runHttpChecks(plan(github, findings), { ...options, pacingMs: 120, clock });
    } finally {
      globalThis.fetch = originalFetch;
    }
    assert.equal(double.requests.length - start, 3);
    assert.deepEqual(clock.sleeps, [{ at: 0, ms: 120 }, { at: 0, ms: 240 }], 'the 2nd and 3rd requests wait for their turn');
    assert.deepEqual(startedAt, [0, 120, 240]);
  });

  it('holds at most `concurrency` requests in flight', async () => {
    const findings = Array.from({ length: 6 }, (_, i) => finding(`slow-${i}`, `s${i}`));
    const fresh = await startProviderDouble({ slowMs: 200 });
    try {
      for (const f of findings) fresh.know('api.github.com', f[RAW].secret, 'slow');
      await runHttpChecks(plan(github, findings), { ...options, concurrency: 2, override: { base: fresh.base } });
      assert.ok(fresh.maxInFlight <= 2, `${fresh.maxInFlight} in flight`);
      assert.ok(findings.every((f) => f.validation?.status === 'valid'));
    } finally {
      await fresh.close();
    }
  });
});
