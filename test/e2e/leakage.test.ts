// The leakage proof (issue 13): every command and format on planted secrets; no whole secret in stdout, stderr or any
// file keyfence writes, except the git-ignored .env that --fix fills on purpose.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPORTERS } from '../../src/report/index.js';
import { legacyFingerprintOf } from '../../src/allow/fingerprint.js';
import { isGuessable } from '../../src/strength.js';
import { runAction } from '../../src/action/run.js';
import { startFakeSts, type FakeSts } from '../helpers/fake-sts.js';
import { buildLeakRepo, copyRepo, findLeaks, isGitIgnored, plantSecrets, removeRepo, runKeyfence, snapshotTree, writtenFiles, type LeakPolicy, type LeakRun, type Planted } from '../helpers/leak-check.js';

interface Context {
  secrets: Planted;
  sts: FakeSts;
}

interface Case {
  name: string;
  args: (s: Planted) => string[];
  /** Standard input (scan --stdin). */
  input?: (s: Planted) => string;
  env?: (c: Context) => NodeJS.ProcessEnv;
  /** Prepares the private copy the case runs in (a config, an earlier baseline). */
  setup?: (dir: string, s: Planted) => Promise<void> | void;
  status: number;
  /** What a run that did its job prints, so a run that found nothing cannot pass for one that leaked nothing. */
  shows?: RegExp;
  policy?: LeakPolicy;
  /** Further checks of the copy after the run. */
  check?: (dir: string, run: LeakRun, s: Planted) => void;
}

const debug = { KEYFENCE_DEBUG: '1' };
const scanning = ['scan', 'staged', 'history'];

async function keyfenceIn(dir: string, args: string[]): Promise<LeakRun> {
  const run = await runKeyfence(dir, args);
  assert.ok(run.status === 0 || run.status === 1, `setup: keyfence ${args.join(' ')}: ${run.stderr}`);
  return run;
}

const sha1 = (text: string): string => createHash('sha1').update(text).digest('hex');

interface JsonFinding {
  ruleId: string;
  file: string;
  secret: string;
  match: string;
  fingerprint: string;
  aws?: { accessKeyId?: string };
}
const findingsOf = (run: LeakRun): JsonFinding[] => (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings;

/** Issue 13, item 4: what a report prints gives no fast way to confirm a guess of a guessable secret. */
function assertNoOfflineGuess(run: LeakRun, s: Planted): void {
  const guessable = Object.values(s).filter(isGuessable);
  assert.ok(guessable.includes(s.password) && guessable.includes(s.stagedPassword));
  const findings = findingsOf(run);
  assert.ok(findings.length >= 2, `${findings.length} findings`);
  for (const f of findings) {
    // A SHA-256 guess (the old construction) of any planted guessable secret never confirms a printed fingerprint.
    for (const guess of guessable) assert.notEqual(f.fingerprint, legacyFingerprintOf(f.ruleId, f.file, guess), `${f.ruleId} in ${f.file}`);
    // Nor does the mask narrow the guess: a password shows neither characters nor length.
    if (f.ruleId.includes('password')) assert.equal(f.secret, '…(masked)');
  }
}

/** The pre-0.2 fingerprint of each finding (as .keyfence-ignore files written by an older keyfence hold them). */
async function legacyIgnoreLines(dir: string): Promise<string> {
  const run = await keyfenceIn(dir, ['scan', '--format', 'json', '--show-secrets']);
  return findingsOf(run)
    .map((f) => `${legacyFingerprintOf(f.ruleId, f.file, f.ruleId === 'aws-access-key-pair' ? `${f.aws?.accessKeyId}:${f.secret}` : f.secret)} # from keyfence 0.1`)
    .join('\n');
}

const cases: Case[] = [
  // Every scanning command in every format, with the KEYFENCE_DEBUG=1 traces.
  ...scanning.flatMap((command) =>
    Object.keys(REPORTERS).map((format): Case => ({ name: `${command} --format ${format} (KEYFENCE_DEBUG=1)`, args: () => [command, '--format', format], env: () => debug, status: 1, shows: /\S/ })),
  ),
  ...scanning.map((command): Case => ({ name: `${command} (text, no debug)`, args: () => [command], status: 1, shows: /…\(masked\)/ })),
  ...scanning.flatMap((command) =>
    ['json', 'sarif', 'junit'].map((format): Case => ({
      name: `${command} --format ${format} --output FILE`,
      args: () => [command, '--format', format, '--output', `report.${format}`],
      status: 1,
      check: (dir) => assert.ok(statSync(join(dir, `report.${format}`)).size > 200, 'the report was written'),
    })),
  ),
  { name: 'history --all --format json (every ref)', args: () => ['history', '--all', '--format', 'json'], status: 1, shows: /"message": "client: use the new token ghp_…\(40\)/ },
  { name: 'scan --stdin (an editor\'s buffer)', args: () => ['scan', '--stdin', '--stdin-filename', 'x.env', '--format', 'json'], input: (s) => `AWS_ACCESS_KEY_ID=${s.awsKeyId}\nAWS_SECRET_ACCESS_KEY=${s.awsSecret}\nDB_PASSWORD="${s.password}" # ${s.password}\n`, status: 1, shows: /aws-access-key-pair/ },
  // The live check against the loopback STS double: verdicts, ARNs and rotation notes.
  { name: 'scan --validate --format json', args: () => ['scan', '--validate', '--format', 'json'], env: (c) => ({ AWS_ENDPOINT_URL_STS: c.sts.url, ...debug }), status: 1, shows: /"status": "valid"/ },
  { name: 'history --validate (text, rotation steps)', args: () => ['history', '--validate'], env: (c) => ({ AWS_ENDPOINT_URL_STS: c.sts.url }), status: 1, shows: /validation/ },
  { name: 'staged --validate --format sarif', args: () => ['staged', '--validate', '--format', 'sarif'], env: (c) => ({ AWS_ENDPOINT_URL_STS: c.sts.url }), status: 1 },
  // Remediation.
  { name: 'scan --fix --dry-run', args: () => ['scan', 'src', 'deploy.sh', '--fix', '--dry-run'], status: 1, shows: /^\+\+\+ b\/\.env$/m },
  {
    name: 'scan --fix --dry-run with an existing .env (its values are masked, context lines too)',
    setup: (dir, s) => {
      writeFileSync(join(dir, '.gitignore'), '.env\n');
      // What an earlier --fix left there: secrets no longer in any file this run scans.
      writeFileSync(join(dir, '.env'), `OLD_AWS_ACCESS_KEY_ID=${s.messageKeyId}\nOLD_PASSWORD="${s.stagedPassword}"\n# OLD_TOKEN=${s.stagedKeyId}\n`);
    },
    args: () => ['scan', 'src', 'deploy.sh', '--fix', '--dry-run'],
    status: 1,
    shows: /^ OLD_PASSWORD=…\(masked\)$/m,
  },
  { name: 'scan --fix --dry-run --format json with KEYFENCE_DEBUG=1', args: () => ['scan', 'src', 'deploy.sh', '--fix', '--dry-run', '--format', 'json'], env: () => debug, status: 1, shows: /\.env/ },
  {
    name: 'scan --fix (the git-ignored .env holds the secrets, nothing else does)',
    args: () => ['scan', 'src', 'deploy.sh', '--fix'],
    status: 1,
    shows: /--fix: rewrote/,
    policy: { mayHoldSecrets: (where) => where === '.env' },
    check: (dir, _run, s) => {
      const env = readFileSync(join(dir, '.env'), 'utf8');
      for (const value of [s.githubToken, s.password]) assert.ok(env.includes(value), 'the secrets moved to .env');
      assert.ok(isGitIgnored(dir, '.env'), '.env is git-ignored');
      assert.equal(statSync(join(dir, '.env')).mode & 0o077, 0, '.env is readable by its owner only');
    },
  },
  // Baselines, ignore files and imports.
  { name: 'baseline', args: () => ['baseline'], status: 0, shows: /\.keyfence-baseline\.json: \d+ entries/ },
  { name: 'baseline --history', args: () => ['baseline', '--history', '--baseline', 'history-baseline.json'], status: 0, shows: /entries/ },
  { name: 'baseline --update --prune', setup: async (dir) => void (await keyfenceIn(dir, ['baseline', 'config'])), args: () => ['baseline', '--update', '--prune'], status: 0, shows: /added/ },
  { name: 'scan with a baseline (everything suppressed)', setup: async (dir) => void (await keyfenceIn(dir, ['baseline'])), args: () => ['scan', '--format', 'json'], env: () => debug, status: 0, shows: /"suppressed": [1-9]/ },
  {
    name: 'baseline --from gitleaks (a report holding the secrets in clear)',
    setup: (dir, s) => writeFileSync(join(dir, 'gitleaks.json'), JSON.stringify([{ RuleID: 'aws', File: 'config/credentials', Secret: s.awsKeyId, StartLine: 2 }, { RuleID: 'gh', File: 'src/client.js', Secret: s.githubToken, StartLine: 1 }, { RuleID: 'x', File: 'gone.txt', Secret: s.password, StartLine: 1 }])),
    args: () => ['baseline', '--from', 'gitleaks', 'gitleaks.json'],
    status: 0,
    shows: /matched/,
  },
  {
    name: 'baseline --from detect-secrets',
    setup: (dir, s) => writeFileSync(join(dir, '.secrets.baseline'), JSON.stringify({ results: { 'deploy.sh': [{ type: 'Secret Keyword', hashed_secret: sha1(s.password), line_number: 2 }] } })),
    args: () => ['baseline', '--from', 'detect-secrets', '.secrets.baseline'],
    status: 0,
    shows: /matched/,
  },
  {
    name: 'scan with every finding in .keyfence-ignore',
    setup: async (dir) => {
      const run = await keyfenceIn(dir, ['scan', '--format', 'json']);
      const fingerprints = (JSON.parse(run.stdout) as { findings: { fingerprint: string }[] }).findings.map((f) => `${f.fingerprint} # reviewed`);
      writeFileSync(join(dir, '.keyfence-ignore'), `${fingerprints.join('\n')}\n`);
    },
    args: () => ['scan', '--format', 'sarif'],
    status: 0,
  },
  {
    name: 'scan with an old-format .keyfence-ignore: still suppressed, each line named with its replacement',
    setup: async (dir) => writeFileSync(join(dir, '.keyfence-ignore'), `${await legacyIgnoreLines(dir)}\n`),
    args: () => ['scan', '--format', 'json'],
    status: 0,
    shows: /\.keyfence-ignore:\d+: a fingerprint in the old format .*; replace it with [0-9a-f]{64}\. It still works/,
  },
  { name: 'history --format json: no offline guess from fingerprints or masks', args: () => ['history', '--format', 'json'], status: 1, check: (_dir, run, s) => assertNoOfflineGuess(run, s) },
  { name: 'staged --format json: no offline guess from fingerprints or masks', args: () => ['staged', '--format', 'json'], status: 1, check: (_dir, run, s) => assertNoOfflineGuess(run, s) },
  { name: 'init', args: () => ['init'], status: 0, shows: /pre-commit/ },
  { name: 'init --force over a foreign hook', setup: (dir) => writeFileSync(join(dir, '.git', 'hooks', 'pre-commit'), '#!/bin/sh\necho mine\n', { mode: 0o755 }), args: () => ['init', '--force'], status: 0 },
  { name: 'rules', args: () => ['rules'], status: 0, shows: /aws-access-key-id/ },
  { name: 'rules --json', args: () => ['rules', '--json'], status: 0, shows: /"id"/ },
  // Errors about what the user wrote, where a secret may have been pasted.
  ...(
    [
      ['an invalid allow regex', (s: Planted) => JSON.stringify({ allow: { regexes: [`(${s.password}`] } })],
      ['an unknown property named by a secret', (s: Planted) => `{\n  "${s.githubToken}": true\n}`],
      ['an unknown disable id', (s: Planted) => JSON.stringify({ disable: [s.awsKeyId] })],
      ['a JSON syntax error right after a secret', (s: Planted) => `{"allow": {"stopwords": ["${s.awsSecret}" !]}}`],
      ['a custom rule id that is a secret', (s: Planted) => JSON.stringify({ rules: [{ id: s.password, provider: 'x', description: 'a rule', severity: 'low', regex: 'x', keywords: ['x'], examples: { match: [], noMatch: [] } }] })],
      ['an entropy override keyed by a secret', (s: Planted) => JSON.stringify({ entropy: { [s.awsSecret]: 'high' } })],
    ] as const
  ).map(([what, config]): Case => ({ name: `config error: ${what}`, setup: (dir, s) => writeFileSync(join(dir, '.keyfence.json'), config(s)), args: () => ['scan'], env: () => debug, status: 2, shows: /\.keyfence\.json/ })),
  { name: 'ignore-file error: secrets pasted into .keyfence-ignore', setup: (dir, s) => writeFileSync(join(dir, '.keyfence-ignore'), `${s.password}\n${s.awsKeyId} # oops\n`), args: () => ['history'], env: () => debug, status: 2, shows: /\.keyfence-ignore:1:/ },
  { name: 'baseline error: a secret as a hash', setup: (dir, s) => writeFileSync(join(dir, '.keyfence-baseline.json'), `{"version": 1, "kdf": {"algorithm": "scrypt", "N": 1024, "r": 8, "p": 1, "salt": "${'A'.repeat(22)}=="}, "entries": [{"rule": "x", "file": "a", "hash": "${s.awsSecret}"}]}`), args: () => ['staged'], status: 2, shows: /hash/ },
  { name: 'flag error: a secret as --max-file-size', args: (s) => ['scan', '--max-file-size', s.password], status: 2, shows: /--max-file-size/ },
  { name: 'flag error: a secret as --fail-on', args: (s) => ['history', '--fail-on', s.githubToken], status: 2, shows: /--fail-on/ },
  { name: 'flag error: a secret as a stray argument', args: (s) => ['staged', s.awsSecret], status: 2, shows: /unexpected argument/ },
  { name: 'flag error: a secret in KEYFENCE_FORMAT', args: () => ['scan'], env: (c) => ({ KEYFENCE_FORMAT: c.secrets.password }), status: 2, shows: /--format: unknown format/ },
  { name: 'an unknown KEYFENCE_ variable holding a secret is ignored, and named without its value', args: () => ['staged'], env: (c) => ({ KEYFENCE_TOKEN: c.secrets.githubToken, ...debug }), status: 1, shows: /KEYFENCE_TOKEN: not a flag/ },
];

describe('no secret printed or written whole, by any command or format', () => {
  const secrets = plantSecrets();
  let repo: string;
  let sts: FakeSts;
  const copies: string[] = [];
  before(async () => {
    repo = buildLeakRepo(secrets);
    sts = await startFakeSts({ pairs: [{ keyId: secrets.awsKeyId, secret: secrets.awsSecret, arn: 'arn:aws:iam::210987654321:user/deploy', account: '210987654321', userId: ['AIDA', 'Q3EGRIUBZFZ6PJ5GX'].join('') }] });
  });
  after(async () => {
    await sts.close();
    removeRepo(repo);
    copies.forEach(removeRepo);
  });

  for (const c of cases) {
    it(c.name, async () => {
      const dir = copyRepo(repo);
      copies.push(dir);
      await c.setup?.(dir, secrets);
      const run = await runKeyfence(dir, c.args(secrets), c.env?.({ secrets, sts }) ?? {}, c.input?.(secrets));
      assert.equal(run.status, c.status, `exit ${run.status}\n${run.stderr}`);
      if (c.shows) assert.match(run.stdout + run.stderr, c.shows);
      if (c.env?.({ secrets, sts }).KEYFENCE_DEBUG === undefined) assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
      assert.deepEqual(findLeaks(run.outputs, secrets, c.policy), [], `${run.stdout}\n${run.stderr}`);
      c.check?.(dir, run, secrets);
    });
  }

  it('the STS double was asked (so --validate really ran)', () => assert.ok(sts.requests.length > 0 && sts.protocolErrors.length === 0, JSON.stringify(sts.protocolErrors)));

  it('finds the leaks of --show-secrets (so the checks above can fail)', async () => {
    const dir = copyRepo(repo);
    copies.push(dir);
    const run = await runKeyfence(dir, ['history', '--format', 'json', '--show-secrets']);
    const leaks = findLeaks(run.outputs, secrets);
    for (const kind of ['awsKeyId', 'awsSecret', 'password', 'githubToken']) assert.ok(leaks.includes(`stdout: ${kind}`), leaks.join(', '));
  });

  it('the Action: annotations, job summary, SARIF and outputs', async () => {
    const dir = copyRepo(repo);
    copies.push(dir);
    const runner = join(dir, '..', `${dir.split('/').pop() ?? 'x'}-runner`);
    copies.push(runner);
    mkdirSync(runner);
    const files = { event: join(runner, 'event.json'), summary: join(runner, 'summary.md'), output: join(runner, 'output') };
    writeFileSync(files.event, '{}');
    writeFileSync(files.summary, '');
    writeFileSync(files.output, '');
    const beforeRunner = snapshotTree(runner);
    const beforeRepo = snapshotTree(dir);
    let printed = '';
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, GITHUB_ACTIONS: 'true', GITHUB_EVENT_NAME: 'workflow_dispatch', GITHUB_EVENT_PATH: files.event, GITHUB_STEP_SUMMARY: files.summary, GITHUB_OUTPUT: files.output, GITHUB_WORKSPACE: dir, INPUT_MODE: 'full', INPUT_VALIDATE: 'true', AWS_ENDPOINT_URL_STS: sts.url };
    const status = await runAction({ env, write: (text) => void (printed += text) });
    assert.equal(status, 1, printed);
    assert.match(readFileSync(files.summary, 'utf8'), /secrets? found/);
    const outputs = [{ where: 'runner log', text: printed }, ...writtenFiles(beforeRunner, snapshotTree(runner)), ...writtenFiles(beforeRepo, snapshotTree(dir))];
    assert.ok(outputs.some((o) => o.where === 'keyfence.sarif'), outputs.map((o) => o.where).join(', '));
    assert.deepEqual(findLeaks(outputs, secrets), []);
  });
});
