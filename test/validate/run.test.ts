// End to end: `keyfence scan --validate` against the loopback double (every provider), the reports, the exit policy,
// --results, the verdict cache, the override's guard and who may make a rule send secrets.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { compileSchema, describeErrors } from '../../src/schema.js';
import { ALNUM, base62Token, randomString, seededRandom } from '../helpers/tokens.js';
import { startProviderDouble, type ProviderDouble } from '../helpers/provider-double.js';

const bin = resolve('bin/keyfence.js');
const reportSchema = compileSchema(JSON.parse(readFileSync(resolve('schemas/finding.schema.json'), 'utf8')) as object);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

// Async spawn: the double lives in this process and must keep answering while the CLI runs. The kill is a hang guard
// (a run it stops has code null), never a measure of speed.
function keyfence(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, env: { PATH: process.env.PATH, NO_COLOR: '1', ...env } });
    const guard = setTimeout(() => child.kill(), 60_000);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(guard);
      done({ code, stdout, stderr });
    });
  });
}

interface JsonFinding {
  file: string;
  ruleId: string;
  validation?: { status: string; reason?: string; host?: string; provider?: string; identity?: Record<string, string>; cachedAt?: string };
}

const random = seededRandom(1818);
const github = base62Token('ghp_', random);
const slack = `xoxb-${randomString(random, '0123456789', 12)}-${randomString(random, '0123456789', 13)}-${randomString(random, ALNUM, 24)}`;
const stripe = `sk_live_${randomString(random, ALNUM, 32)}`;
const shopify = `shpat_${randomString(random, '0123456789abcdef', 32)}`;
const secrets = [github, slack, stripe, shopify];

describe('keyfence scan --validate, against the loopback double', () => {
  let double: ProviderDouble;
  let dir: string;
  let dead: string;
  let cacheHome: string;
  let env: NodeJS.ProcessEnv;
  before(async () => {
    double = await startProviderDouble();
    double.know('api.github.com', github, 'live');
    double.know('api.stripe.com', `${stripe}:`, 'rate-limited');
    dir = mkdtempSync(join(tmpdir(), 'keyfence-live-'));
    writeFileSync(join(dir, 'github.env'), `GITHUB_TOKEN=${github}\n`);
    writeFileSync(join(dir, 'slack.env'), `SLACK_BOT_TOKEN=${slack}\n`);
    writeFileSync(join(dir, 'stripe.env'), `STRIPE_SECRET_KEY=${stripe}\n`);
    writeFileSync(join(dir, 'shopify.env'), `SHOPIFY_ACCESS_TOKEN=${shopify}\n`);
    dead = mkdtempSync(join(tmpdir(), 'keyfence-dead-'));
    writeFileSync(join(dead, 'slack.env'), `SLACK_BOT_TOKEN=${slack}\n`);
    cacheHome = mkdtempSync(join(tmpdir(), 'keyfence-xdg-'));
    env = { KEYFENCE_VALIDATE_ENDPOINT_OVERRIDE: double.base, XDG_CACHE_HOME: cacheHome };
  });
  after(async () => {
    await double.close();
    for (const d of [dir, dead, cacheHome]) rmSync(d, { recursive: true, force: true });
  });
  const leaks = (run: Run): string[] => secrets.filter((s) => run.stdout.includes(s) || run.stderr.includes(s)).map((s) => s.slice(0, 5));

  it('gives each finding its provider\'s verdict in the JSON report, naming the host and the identity', async () => {
    const run = await keyfence(['scan', '.', '--validate', '--format', 'json'], dir, env);
    assert.equal(run.code, 1, run.stderr);
    const report = JSON.parse(run.stdout) as { findings: JsonFinding[] };
    assert.ok(reportSchema(report), describeErrors(reportSchema.errors).join('\n'));
    const verdict = (file: string): JsonFinding['validation'] => report.findings.find((f) => f.file === file)?.validation;
    assert.deepEqual(verdict('github.env'), { status: 'valid', provider: 'github', host: 'api.github.com', identity: { login: 'octocat', type: 'User', scopes: 'repo, gist' } });
    assert.deepEqual(verdict('slack.env'), { status: 'invalid', reason: 'Slack: the token is unknown, revoked or expired', provider: 'slack', host: 'slack.com' });
    assert.equal(verdict('stripe.env')?.status, 'unknown');
    assert.deepEqual(verdict('shopify.env'), { status: 'skipped', reason: 'needs-tenant', provider: 'shopify' });
    assert.match(run.stderr, /--validate: checked 3 other credentials with their providers \(3 requests: api\.github\.com 1, api\.stripe\.com 1, slack\.com 1\)/);
    assert.match(run.stderr, /KEYFENCE_VALIDATE_ENDPOINT_OVERRIDE: every live check goes to http:\/\/127\.0\.0\.1/);
    assert.deepEqual(leaks(run), []);
    assert.deepEqual(double.problems, []);
  });

  it('shows the verdict and identity in text and SARIF', async () => {
    const text = await keyfence(['scan', '.', '--validate'], dir, env);
    assert.match(text.stdout, /validation: valid at api\.github\.com \(login octocat, type User, scopes repo, gist\)/);
    assert.match(text.stdout, /validation: skipped \(needs-tenant: /);
    const sarif = await keyfence(['scan', '.', '--validate', '--format', 'sarif'], dir, env);
    assert.match(sarif.stdout, /validation: valid at api\.github\.com \(login octocat/);
    assert.deepEqual([...leaks(text), ...leaks(sarif)], []);
  });

  it('fails on a live key with --fail-on valid, and not on dead ones', async () => {
    assert.equal((await keyfence(['scan', '.', '--validate', '--fail-on', 'valid', '--format', 'json'], dir, env)).code, 1);
    const clean = await keyfence(['scan', '.', '--validate', '--fail-on', 'unknown', '--format', 'json'], dead, env);
    assert.equal(clean.code, 0, clean.stderr);
  });

  it('reports only the verdicts --results asks for, and fails only on those', async () => {
    const run = await keyfence(['scan', '.', '--validate', '--results', 'valid,unknown', '--format', 'json'], dir, env);
    assert.equal(run.code, 1);
    const report = JSON.parse(run.stdout) as { findings: JsonFinding[]; stats: { notReported?: number } };
    assert.deepEqual(report.findings.map((f) => f.file).sort(), ['github.env', 'stripe.env']);
    assert.equal(report.stats.notReported, 2);
    assert.match(run.stderr, /--results valid,unknown: 2 findings not reported \(1 invalid, 1 skipped\)/);
    const none = await keyfence(['scan', '.', '--validate', '--only-verified', '--format', 'json'], dead, env);
    assert.equal(none.code, 0);
    assert.deepEqual((JSON.parse(none.stdout) as { findings: unknown[] }).findings, []);
    const typo = await keyfence(['scan', '.', '--results', 'verified'], dir, env);
    assert.equal(typo.code, 2);
    assert.match(typo.stderr, /^keyfence: --results: value 1 is not a verdict/);
  });

  it('asks again nothing the cache already knows, and says the verdict is cached', async () => {
    const first = await keyfence(['scan', '.', '--validate', '--validate-cache', '24', '--format', 'json'], dir, env);
    assert.equal(first.code, 1, first.stderr);
    const before = double.requests.length;
    const second = await keyfence(['scan', '.', '--validate', '--validate-cache', '24', '--format', 'json'], dir, env);
    // Valid and invalid are kept; the rate-limited Stripe key is asked again.
    assert.deepEqual(double.requests.slice(before).map((r) => r.host), ['api.stripe.com']);
    const github = (JSON.parse(second.stdout) as { findings: JsonFinding[] }).findings.find((f) => f.file === 'github.env');
    assert.match(github?.validation?.cachedAt ?? '', /^\d{4}-\d\d-\d\dT/);
    assert.match(second.stderr, /2 from the cache/);
    const stored = readFileSync(join(cacheHome, 'keyfence', 'verdicts.json'), 'utf8');
    for (const secret of secrets) assert.ok(!stored.includes(secret), 'the cache holds no secret');
  });

  // Node 20's mkdirSync(…, { recursive: true }) retries forever on a folder /proc will not make: the run must end.
  it('validates without the cache, and says so, when its folder can never be made (XDG_CACHE_HOME=/proc/nonexist)', async () => {
    const run = await keyfence(['scan', '.', '--validate', '--validate-cache', '24', '--format', 'json'], dir, { ...env, XDG_CACHE_HOME: '/proc/nonexist' });
    assert.equal(run.code, 1, `${run.stderr} (null: stopped by the hang guard)`);
    const github = (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings.find((f) => f.file === 'github.env');
    assert.equal(github?.validation?.status, 'valid');
    assert.match(run.stderr, /--validate-cache: cannot write \/proc\/nonexist\/keyfence\/verdicts\.json \(ENOENT\); verdicts are not cached/);
  });

  it('refuses an override that is not loopback, with one line and exit 2', async () => {
    const run = await keyfence(['scan', '.', '--validate'], dir, { KEYFENCE_VALIDATE_ENDPOINT_OVERRIDE: 'https://collector.example.com' });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^keyfence: KEYFENCE_VALIDATE_ENDPOINT_OVERRIDE: collector\.example\.com is not a loopback address/);
  });

  it('sends nothing without --validate', async () => {
    const before = double.requests.length;
    const run = await keyfence(['scan', '.', '--format', 'json'], dir, env);
    assert.equal(run.code, 1);
    assert.equal(double.requests.length, before);
  });

  it('lets a config found in the repository add rules that find secrets, but not rules that send them', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'keyfence-custom-'));
    try {
      const token = `acme_${randomString(random, ALNUM, 30)}`;
      const rule = {
        id: 'acme-token', provider: 'acme', description: 'Acme token', severity: 'high', regex: '(acme_[A-Za-z0-9]{30})', keywords: ['acme_'],
        validate: { request: { method: 'GET', url: 'https://api.github.com/user', headers: { Authorization: 'Bearer {secret}' } }, answers: [{ status: [200], verdict: 'valid' }], effect: 'read', reveals: 'reads the user', docs: ['https://example.test/'] },
        examples: { match: [{ text: ['ACME=acme_', 'Q3EGRIUBZFZ6PJ5GQ3EGRIUBZFZ6PJ'], why: 'env' }], noMatch: [{ text: 'ACME=none', why: 'none' }] },
      };
      mkdirSync(join(repo, 'ci'));
      writeFileSync(join(repo, '.keyfence.json'), JSON.stringify({ rules: [rule] }));
      writeFileSync(join(repo, 'ci', 'named.json'), JSON.stringify({ rules: [rule] }));
      writeFileSync(join(repo, 'app.env'), `ACME=${token}\n`);
      const before = double.requests.length;
      const found = await keyfence(['scan', 'app.env', '--validate', '--format', 'json'], repo, env);
      assert.equal(found.code, 1, found.stderr);
      assert.equal(double.requests.length, before);
      assert.match(found.stderr, /the live checks of \.keyfence\.json's own rules did not run \(1 finding\)/);
      const named = await keyfence(['scan', 'app.env', '--validate', '--config', 'ci/named.json', '--format', 'json'], repo, env);
      assert.equal(named.code, 1, named.stderr);
      assert.equal(double.requests.length, before + 1);
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });

  it('marks the rules that validate in `keyfence rules --json`', async () => {
    const run = await keyfence(['rules', '--json'], dir, {});
    const rules = JSON.parse(run.stdout) as { id: string; validate?: unknown }[];
    assert.deepEqual(rules.find((r) => r.id === 'github-personal-access-token')?.validate, { method: 'GET', hosts: ['api.github.com'], effect: 'read' });
    assert.deepEqual(rules.find((r) => r.id === 'datadog-api-key')?.validate, { method: 'GET', hosts: ['api.datadoghq.com', 'api.us3.datadoghq.com', 'api.us5.datadoghq.com', 'api.datadoghq.eu', 'api.ap1.datadoghq.com', 'api.ap2.datadoghq.com', 'api.ddog-gov.com'], effect: 'read' });
    assert.deepEqual(rules.find((r) => r.id === 'shopify-access-token')?.validate, { method: 'GET', hosts: ['*.myshopify.com'], effect: 'read' });
    assert.equal(rules.find((r) => r.id === 'aws-access-key-id')?.validate, 'aws-sts');
    assert.ok(rules.filter((r) => r.validate !== undefined).length >= 40);
  });
});
