// validateAwsFindings end to end against the verifying loopback STS: verdicts, canary/example safety, pacing, no leaks.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RAW, type Finding } from '../../src/types.js';
import { detectFragment } from '../../src/detect/engine.js';
import { validateAwsFindings, type AwsValidationOptions } from '../../src/validate/aws.js';
import { REPORTERS } from '../../src/report/index.js';
import { emptyStats } from '../../src/scan.js';
import { builtinRuleSet } from '../helpers/rules.js';
import { generateKeyId, generateSecret, generateSessionToken, startFakeSts, type FakePair, type FakeSts } from '../helpers/fake-sts.js';

const PACING = 50;

function findingsIn(files: Record<string, string>, canaryAccounts: string[] = []): Finding[] {
  const { ruleSet } = builtinRuleSet();
  return Object.entries(files).flatMap(([file, text]) => detectFragment({ file, text }, ruleSet, { aws: { canaryAccounts } }));
}

function envFile(p: { keyId: string; secret?: string; sessionToken?: string }): string {
  return [`AWS_ACCESS_KEY_ID=${p.keyId}`, ...(p.secret ? [`AWS_SECRET_ACCESS_KEY=${p.secret}`] : []), ...(p.sessionToken ? [`AWS_SESSION_TOKEN=${p.sessionToken}`] : [])].join('\n') + '\n';
}

/** A finding the engine would never produce (it drops example keys): built by hand to prove the validator's own guard. */
function handMade(keyId: string, secret: string): Finding {
  return {
    ruleId: 'aws-access-key-pair', description: 'pair', severity: 'critical', file: 'docs.md', line: 1, column: 1, endColumn: 41,
    secret: 'x', match: 'x', fingerprint: 'f', entropy: 4.5, aws: { accountId: null, keyType: 'user', accessKeyId: 'AKIA…(20)' },
    [RAW]: { secret, pairedId: keyId, lineText: secret },
  };
}

const live: FakePair = { keyId: generateKeyId(), secret: generateSecret(), arn: 'arn:aws:iam::210987654321:user/deploy/alice', account: '210987654321' };
const flaky: FakePair = { keyId: generateKeyId(), secret: generateSecret(), behaviour: 'flaky-signature' };
const temporary: FakePair = { keyId: generateKeyId('ASIA'), secret: generateSecret(), sessionToken: generateSessionToken(), arn: 'arn:aws:sts::210987654321:assumed-role/ci/run-7' };
const unknownId = { keyId: generateKeyId(), secret: generateSecret() };
const wrongSecret = { keyId: live.keyId, secret: generateSecret() };
const canary = { keyId: generateKeyId('AKIA', '052310077262'), secret: generateSecret() };
const configuredCanary = { keyId: generateKeyId('AKIA', '444455556666'), secret: generateSecret() };

describe('validateAwsFindings', () => {
  let sts: FakeSts;
  const notices: string[] = [];
  let options: AwsValidationOptions;
  before(async () => {
    sts = await startFakeSts({ pairs: [live, flaky, temporary] });
    options = {
      env: { AWS_ENDPOINT_URL_STS: sts.url },
      region: 'us-east-1',
      timeoutMs: 2000,
      concurrency: 4,
      pacingMs: PACING,
      userAgent: 'keyfence-test',
      showSecrets: false,
      validating: (ruleId) => ['aws-access-key-id', 'aws-secret-access-key', 'aws-access-key-pair'].includes(ruleId),
      envVarFor: () => 'AWS_SECRET_ACCESS_KEY',
      notices,
    };
  });
  after(() => sts.close());

  it('never sends a canary-account key (Thinkst list or config) or a documented example key: zero requests', async () => {
    const findings = [
      ...findingsIn({ 'canary.env': envFile(canary), 'mine.env': envFile(configuredCanary) }, ['444455556666']),
      handMade('AKIAIOSFODNN7' + 'EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCY' + 'EXAMPLEKEY'),
      handMade('AKID' + 'EXAMPLE', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCY' + 'EXAMPLEKEY'),
      handMade(generateKeyId(), 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvb' + 'EXAMPLEKEY'),
    ];
    const before = sts.requests.length;
    const summary = await validateAwsFindings(findings, options);
    assert.equal(sts.requests.length, before);
    assert.equal(summary.requests, 0);
    assert.deepEqual(findings.map((f) => f.validation), [
      { status: 'skipped', reason: 'canary' },
      { status: 'skipped', reason: 'canary' },
      { status: 'skipped', reason: 'example-key' },
      { status: 'skipped', reason: 'example-key' },
      { status: 'skipped', reason: 'example-key' },
    ]);
  });

  it('says in the text report that a canary token alerts its owner', async () => {
    const findings = findingsIn({ 'canary.env': envFile(canary) });
    await validateAwsFindings(findings, options);
    const text = (REPORTERS.text as (typeof REPORTERS)[string])(findings, { stats: emptyStats(1), color: false, toolVersion: '0' });
    assert.match(text, /CANARY TOKEN .*alerts its owner/);
    assert.match(text, /validation: skipped \(canary/);
  });

  it('gives each finding its verdict, sharing one call per credential and pacing one key id', async () => {
    const findings = findingsIn({
      'a/live.env': envFile(live),
      'b/live-again.env': envFile(live),
      'c/wrong.env': envFile(wrongSecret),
      'd/unknown.env': envFile(unknownId),
      'e/flaky.env': envFile(flaky),
      'f/session.env': envFile(temporary),
      'g/no-token.env': envFile({ keyId: generateKeyId('ASIA'), secret: generateSecret() }),
      'h/lonely.env': envFile({ keyId: generateKeyId() }),
    });
    const start = sts.requests.length;
    await validateAwsFindings(findings, options);
    const byFile = (file: string): Finding[] => findings.filter((f) => f.file === file);
    const status = (file: string): string => byFile(file).map((f) => `${f.ruleId}: ${f.validation?.status} ${f.validation?.reason ?? f.validation?.arn ?? ''}`.trim()).join(' | ');
    assert.equal(status('a/live.env'), `aws-access-key-pair: valid ${live.arn}`);
    assert.equal(status('b/live-again.env'), `aws-access-key-pair: valid ${live.arn}`);
    assert.equal(status('c/wrong.env'), 'aws-access-key-pair: invalid SignatureDoesNotMatch: the key id exists but this secret is wrong');
    assert.match(status('d/unknown.env'), /^aws-access-key-pair: invalid InvalidClientTokenId/);
    assert.match(status('e/flaky.env'), /^aws-access-key-pair: valid arn:/);
    assert.equal(status('f/session.env'), `aws-access-key-pair: valid ${temporary.arn} | aws-session-token: valid ${temporary.arn}`);
    assert.equal(status('g/no-token.env'), 'aws-access-key-pair: skipped no-session-token');
    assert.equal(status('h/lonely.env'), 'aws-access-key-id: skipped no-secret');

    const sent = sts.requests.slice(start);
    assert.deepEqual(sts.protocolErrors, []);
    const count = (keyId: string): number => sent.filter((r) => r.keyId === keyId).length;
    // live once (cached for the second file) + wrong secret twice (the one retry) = 3 calls for that key id.
    assert.equal(count(live.keyId), 3);
    assert.equal(count(flaky.keyId), 2);
    assert.equal(count(unknownId.keyId), 1);
    assert.equal(count(temporary.keyId), 1);
    assert.equal(sent.find((r) => r.keyId === temporary.keyId)?.headers['x-amz-security-token'], temporary.sessionToken);
    for (const keyId of [live.keyId, flaky.keyId]) {
      const times = sent.filter((r) => r.keyId === keyId).map((r) => r.at);
      for (let i = 1; i < times.length; i++) assert.ok((times[i] as number) - (times[i - 1] as number) >= PACING - 5, `${keyId} paced`);
    }
  });

  it('writes the rotation steps in order for a live key, with the user from the ARN and a shortened key id', async () => {
    const findings = findingsIn({ 'live.env': envFile(live) });
    await validateAwsFindings(findings, options);
    const note = findings[0]?.suggestion?.note ?? '';
    const steps = ['aws iam create-access-key --user-name alice', 'Update every consumer', `aws iam update-access-key --access-key-id ${live.keyId.slice(0, 4)}…(20) --status Inactive --user-name alice`, 'CloudTrail', `aws iam delete-access-key --access-key-id ${live.keyId.slice(0, 4)}…(20) --user-name alice`, 'does not revoke it'];
    let at = -1;
    for (const step of steps) {
      const found = note.indexOf(step);
      assert.ok(found > at, `"${step}" in order in:\n${note}`);
      at = found;
    }
    assert.equal(findings[0]?.suggestion?.envVar, 'AWS_SECRET_ACCESS_KEY');
  });

  it('marks a live key of one of your own accounts from the account STS names', async () => {
    const findings = findingsIn({ 'live.env': envFile(live) });
    await validateAwsFindings(findings, { ...options, ownAccounts: ['210987654321'] });
    assert.equal(findings[0]?.aws?.ownAccount, true);
  });

  it('keeps an existing suggestion and uses the whole key id with --show-secrets', async () => {
    const findings = findingsIn({ 'live.env': envFile(live) });
    const existing = { envVar: 'AWS_SECRET_ACCESS_KEY', replacement: 'process.env.AWS_SECRET_ACCESS_KEY', language: 'javascript' };
    (findings[0] as Finding).suggestion = { ...existing };
    await validateAwsFindings(findings, { ...options, showSecrets: true });
    assert.equal(findings[0]?.suggestion?.replacement, existing.replacement);
    assert.match(findings[0]?.suggestion?.note ?? '', new RegExp(`--access-key-id ${live.keyId} --status Inactive`));
  });

  it('puts no secret, session token or whole key id in verdicts, notices or any report', async () => {
    const pairs = [live, wrongSecret, unknownId, temporary, canary];
    const findings = findingsIn(Object.fromEntries(pairs.map((p, i) => [`f${i}.env`, envFile(p)])));
    await validateAwsFindings(findings, { ...options, timeoutMs: 500 });
    const meta = { stats: emptyStats(1), color: false, toolVersion: '0', rules: [] };
    const outputs = [JSON.stringify(findings), notices.join('\n'), ...Object.values(REPORTERS).map((report) => report(findings, meta))];
    for (const p of pairs) {
      for (const value of [p.keyId, p.secret, (p as FakePair).sessionToken]) {
        if (typeof value !== 'string') continue;
        for (const out of outputs) assert.ok(!out.includes(value), `leaked ${value.slice(0, 4)}…`);
      }
    }
    assert.match(notices.at(-1) ?? '', /^--validate: checked \d+ AWS credentials? with STS GetCallerIdentity at 127\.0\.0\.1:\d+ \(\d+ requests?\); each call is logged in the key owner's CloudTrail$/);
  });
});
