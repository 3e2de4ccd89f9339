// End to end: `keyfence scan DIR --validate --format json` against the loopback STS, exit policy, and validation off by default.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { compileSchema, describeErrors } from '../../src/schema.js';
import { generateKeyId, generateSecret, startFakeSts, type FakePair, type FakeSts } from '../helpers/fake-sts.js';

const bin = resolve('bin/keyfence.js');
const reportSchema = compileSchema(JSON.parse(readFileSync(resolve('schemas/finding.schema.json'), 'utf8')) as object);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

// Async spawn: the fake STS lives in this process and must keep answering while the CLI runs.
function keyfence(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, env: { PATH: process.env.PATH, NO_COLOR: '1', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

interface JsonFinding {
  file: string;
  ruleId: string;
  validation?: { status: string; reason?: string; arn?: string; accountId?: string; userId?: string };
  suggestion?: { note?: string };
}

const live: FakePair = { keyId: generateKeyId(), secret: generateSecret(), arn: 'arn:aws:iam::210987654321:user/bob', account: '210987654321', userId: 'AIDA' + 'Q3EGRIUBZFZ6PJ5GX' };
const throttled: FakePair = { keyId: generateKeyId(), secret: generateSecret(), behaviour: 'throttle' };
const unknownId = { keyId: generateKeyId(), secret: generateSecret() };
const canary = { keyId: generateKeyId('AKIA', '171436882533'), secret: generateSecret() };
const lonely = generateKeyId();

function envFile(keyId: string, secret?: string): string {
  return `AWS_ACCESS_KEY_ID=${keyId}\n${secret ? `AWS_SECRET_ACCESS_KEY=${secret}\n` : ''}`;
}

describe('keyfence scan --validate', () => {
  let sts: FakeSts;
  let dir: string;
  let deadOnly: string;
  const secrets = [live, throttled, unknownId, canary].flatMap((p) => [p.keyId, p.secret]).concat(lonely);

  before(async () => {
    sts = await startFakeSts({ pairs: [live, throttled] });
    dir = mkdtempSync(join(tmpdir(), 'keyfence-sts-'));
    writeFileSync(join(dir, 'live.env'), envFile(live.keyId, live.secret));
    writeFileSync(join(dir, 'throttled.env'), envFile(throttled.keyId, throttled.secret));
    writeFileSync(join(dir, 'unknown.env'), envFile(unknownId.keyId, unknownId.secret));
    writeFileSync(join(dir, 'canary.env'), envFile(canary.keyId, canary.secret));
    writeFileSync(join(dir, 'lonely.env'), envFile(lonely));
    deadOnly = mkdtempSync(join(tmpdir(), 'keyfence-sts-dead-'));
    writeFileSync(join(deadOnly, 'unknown.env'), envFile(unknownId.keyId, unknownId.secret));
  });
  after(async () => {
    await sts.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(deadOnly, { recursive: true, force: true });
  });

  it('puts the right validation on each finding in the JSON report', async () => {
    const run = await keyfence(['scan', '.', '--validate', '--format', 'json'], dir, { AWS_ENDPOINT_URL_STS: sts.url });
    assert.equal(run.code, 1, run.stderr);
    const report = JSON.parse(run.stdout) as { findings: JsonFinding[] };
    assert.ok(reportSchema(report), describeErrors(reportSchema.errors).join('\n'));
    const findings = report.findings;
    const verdict = (file: string): JsonFinding['validation'] => findings.find((f) => f.file === file)?.validation;
    assert.deepEqual(verdict('live.env'), { status: 'valid', arn: live.arn, accountId: '210987654321', userId: live.userId, provider: 'aws', host: new URL(sts.url).host });
    assert.equal(verdict('throttled.env')?.status, 'unknown');
    assert.match(verdict('unknown.env')?.reason ?? '', /^InvalidClientTokenId/);
    assert.equal(verdict('unknown.env')?.status, 'invalid');
    assert.deepEqual(verdict('canary.env'), { status: 'skipped', reason: 'canary' });
    assert.deepEqual(verdict('lonely.env'), { status: 'skipped', reason: 'no-secret' });
    assert.match(findings.find((f) => f.file === 'live.env')?.suggestion?.note ?? '', /update-access-key .* --status Inactive --user-name bob/);
    assert.ok(!sts.requests.some((r) => r.keyId === canary.keyId), 'the canary key was never sent');
    assert.match(run.stderr, /each call is logged in the key owner's CloudTrail/);
    for (const secret of secrets) assert.ok(!run.stdout.includes(secret) && !run.stderr.includes(secret), `leaked ${secret.slice(0, 4)}…`);
  });

  it('prints the verdicts and rotation steps in the text report', async () => {
    const run = await keyfence(['scan', '.', '--validate'], dir, { AWS_ENDPOINT_URL_STS: sts.url });
    assert.equal(run.code, 1);
    assert.match(run.stdout, /validation: valid at 127\.0\.0\.1:\d+ \(arn:aws:iam::210987654321:user\/bob\)/);
    assert.match(run.stdout, /1\. Create the replacement key: aws iam create-access-key --user-name bob/);
    assert.match(run.stdout, /does not revoke it/);
    assert.match(run.stdout, /CANARY TOKEN/);
    for (const secret of secrets) assert.ok(!run.stdout.includes(secret) && !run.stderr.includes(secret));
  });

  it('sends nothing without --validate', async () => {
    const before = sts.requests.length;
    const run = await keyfence(['scan', '.', '--format', 'json'], dir, { AWS_ENDPOINT_URL_STS: sts.url });
    assert.equal(run.code, 1);
    assert.equal(sts.requests.length, before);
    const findings = (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings;
    assert.ok(findings.length >= 5);
    assert.ok(findings.every((f) => f.validation === undefined));
  });

  const failOn: { name: string; args: string[]; cwd: () => string; code: number }[] = [
    { name: '--fail-on valid fails when a key is live', args: ['--validate', '--fail-on', 'valid'], cwd: () => dir, code: 1 },
    { name: '--fail-on valid passes when every key is dead', args: ['--validate', '--fail-on', 'valid'], cwd: () => deadOnly, code: 0 },
    { name: '--fail-on unknown passes when every key is dead', args: ['--validate', '--fail-on', 'unknown'], cwd: () => deadOnly, code: 0 },
    { name: '--fail-on any fails on a dead key too', args: ['--validate', '--fail-on', 'any'], cwd: () => deadOnly, code: 1 },
  ];
  for (const c of failOn) {
    it(c.name, async () => {
      const run = await keyfence(['scan', '.', '--format', 'json', ...c.args], c.cwd(), { AWS_ENDPOINT_URL_STS: sts.url });
      assert.equal(run.code, c.code, run.stderr);
    });
  }

  it('warns that --fail-on valid cannot fail without --validate', async () => {
    const run = await keyfence(['scan', '.', '--fail-on', 'valid'], deadOnly, { AWS_ENDPOINT_URL_STS: sts.url });
    assert.equal(run.code, 0);
    assert.match(run.stderr, /fail-on valid without --validate/);
  });

  it('rejects a bad AWS_ENDPOINT_URL_STS with a one-line error and exit 2', async () => {
    const run = await keyfence(['scan', '.', '--validate'], deadOnly, { AWS_ENDPOINT_URL_STS: 'nope' });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^keyfence: AWS_ENDPOINT_URL_STS=nope: not a URL; /);
    assert.equal(run.stderr.trim().split('\n').length, 1);
  });
});
