// describeVerdict: one line naming status, the host that saw the check and what it said.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeVerdict } from '../../src/report/verdict.js';

describe('describeVerdict', () => {
  const table: { name: string; verdict: Parameters<typeof describeVerdict>[0]; want: string }[] = [
    { name: 'names the host and the identity of a live key', verdict: { status: 'valid', host: 'api.github.com', identity: { login: 'octocat', scopes: 'repo' } }, want: 'valid at api.github.com (login octocat, scopes repo)' },
    { name: 'names every host asked', verdict: { status: 'invalid', host: 'api.datadoghq.eu', hosts: ['api.datadoghq.com', 'api.datadoghq.eu'], reason: 'HTTP 403' }, want: 'invalid at api.datadoghq.com, api.datadoghq.eu (HTTP 403)' },
    { name: 'explains a skip', verdict: { status: 'skipped', reason: 'needs-tenant' }, want: 'skipped (needs-tenant: this provider lives on your own host; list it in validation.tenants to check it)' },
    { name: 'says a verdict came from the cache', verdict: { status: 'valid', host: 'slack.com', cachedAt: '2026-01-01T00:00:00.000Z' }, want: 'valid at slack.com (cached, checked 2026-01-01T00:00:00.000Z)' },
    { name: 'keeps the AWS form', verdict: { status: 'unknown', reason: 'timeout' }, want: 'unknown (timeout)' },
  ];
  for (const c of table) it(c.name, () => assert.equal(describeVerdict(c.verdict), c.want));
});
