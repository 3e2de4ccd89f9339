// What the audit shows of a finding, and the rotation steps of one marked real: masked, per kind of secret.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { auditItem } from '../../src/audit/item.js';
import { rotationSteps } from '../../src/audit/rotation.js';
import { sampleFindings, SAMPLE_SECRETS } from '../report/sample-findings.js';
import type { Finding, Rule } from '../../src/types.js';

const [keyId, canary, custom] = sampleFindings() as [Finding, Finding, Finding];
const rule = { id: 'custom-internal-token', provider: 'acme', references: ['https://acme.example/tokens'], remediation: { envVar: 'ACME_TOKEN' } } as unknown as Rule;

describe('auditItem', () => {
  it('shows the location, commit, masked secret, AWS account and fix', () => {
    const item = auditItem(keyId, 'context not shown: test');
    assert.deepEqual(
      { location: item.location, commit: item.commit, secret: item.secret, aws: item.aws, fix: item.fix[0] },
      { location: 'src/config.ts:3:17', commit: '1f2e3d4c5b6a  Dev One <dev@example.com>  2026-01-02T03:04:05Z  "add config"', secret: 'AKIA…(20)', aws: 'account 123456789012, user key', fix: 'use process.env.AWS_ACCESS_KEY_ID (typescript; env var AWS_ACCESS_KEY_ID)' },
    );
  });
  it('holds no whole secret in any field', () => {
    for (const f of sampleFindings()) {
      const shown = JSON.stringify(auditItem(f, []));
      for (const secret of SAMPLE_SECRETS) assert.ok(!shown.includes(secret), `${f.ruleId}: ${secret}`);
    }
  });
});

describe('rotationSteps', () => {
  const cases: { name: string; finding: Finding; rule?: Rule; want: RegExp[] }[] = [
    { name: 'gives IAM steps for an AWS key nobody validated, starting with finding its user', finding: keyId, want: [/get-access-key-last-used --access-key-id AKIA…\(20\)/, /create-access-key --user-name USER/, /It is in commit 1f2e3d4c5b6a/] },
    { name: 'gives the live principal\'s steps for a key STS confirmed', finding: { ...keyId, validation: { status: 'valid', arn: 'arn:aws:iam::123456789012:user/ops/alice' } }, want: [/LIVE key of IAM user alice/, /create-access-key --user-name alice/] },
    { name: 'warns not to use a canary token', finding: canary, want: [/CANARY TOKEN \(Thinkst\)/, /Do not use or validate it/] },
    { name: "points other secrets to their provider and its documentation", finding: custom, rule, want: [/rotate it, with acme now \(see https:\/\/acme\.example\/tokens\)/, /\(ACME_TOKEN\)/, /It is in README\.md/] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const text = rotationSteps(c.finding, c.rule).join('\n');
      for (const want of c.want) assert.match(text, want);
      for (const secret of SAMPLE_SECRETS) assert.ok(!text.includes(secret));
    });
  }
});
