// The leakage proof (issue 13): every command and format on planted secrets; no whole secret in stdout, stderr or any
// file keyfence writes, except the git-ignored .env that --fix fills on purpose.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPORTERS } from '../../src/report/index.js';
import { legacyFingerprintOf } from '../../src/allow/fingerprint.js';
import { isGuessable } from '../../src/strength.js';
import { runAction } from '../../src/action/run.js';
import { loadBuiltinRules } from '../../src/rules/load.js';
import { BIN } from '../helpers/baseline-repo.js';
import { hasTmux, openPane } from '../helpers/tmux.js';
import { startFakeSts, type FakeSts } from '../helpers/fake-sts.js';
import { ARCHIVE_PATH, MESSAGE_PATH, plantedMessage, buildLeakRepo, copyRepo, findLeaks, isGitIgnored, plainHashGuesses, plantSecrets, removeRepo, runKeyfence, snapshotTree, writtenFiles, type LeakPolicy, type LeakRun, type Planted } from '../helpers/leak-check.js';

interface Context {
  secrets: Planted;
  sts: FakeSts;
}

interface Case {
  name: string;
  /** `dir`: the private copy the case runs in. */
  args: (s: Planted, dir: string) => string[];
  /** Standard input (scan --stdin, pre-receive's ref updates). */
  input?: (s: Planted, dir: string) => string;
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

function gitIn(dir: string, ...args: string[]): string {
  const result = spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
  assert.equal(result.status, 0, `setup: git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
}

/** A push as a server receives it: the staged script committed, then the branch moved back, so no ref reaches the
 *  commit; its ref-update line (what git hands pre-receive on stdin) is kept in .git/pushed. */
function preparePush(dir: string): void {
  const base = gitIn(dir, 'rev-parse', 'HEAD');
  gitIn(dir, 'commit', '-q', '-m', 'staged script');
  const pushed = gitIn(dir, 'rev-parse', 'HEAD');
  gitIn(dir, 'reset', '-q', '--soft', base);
  writeFileSync(join(dir, '.git', 'pushed'), `${base} ${pushed} refs/heads/main\n`);
}
const pushedLines = (_s: Planted, dir: string): string => readFileSync(join(dir, '.git', 'pushed'), 'utf8');

/** A user's rule file whose examples hold planted secrets, two of them failing (a pinned secret, a noMatch that matches). */
function userRules(s: Planted): string {
  const rule = {
    id: 'acme-deploy-password',
    provider: 'acme',
    description: 'Acme deploy password',
    severity: 'high',
    regex: 'acme_pass=([^\\s;]+)',
    keywords: ['acme_pass='],
    remediation: { envVar: 'ACME_PASSWORD' },
    examples: {
      match: [{ text: `acme_pass=${s.password}`, secret: s.githubToken, why: 'a pinned secret that differs' }, { text: `acme_pass=${s.awsSecret}`, why: 'an assignment' }],
      noMatch: [{ text: `acme_pass=${s.stagedPassword}`, why: 'should not match, but does' }],
    },
  };
  return JSON.stringify({ rules: [rule] }, null, 2);
}

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
  // Messages: the commit-msg hook's file in every format, and history's finding in a commit's message.
  ...Object.keys(REPORTERS).map((format): Case => ({
    name: `commit-msg FILE --format ${format} (KEYFENCE_DEBUG=1)`,
    setup: (dir, s) => writeFileSync(join(dir, '.git', 'COMMIT_EDITMSG'), plantedMessage(s)),
    args: () => ['commit-msg', '.git/COMMIT_EDITMSG', '--format', format],
    env: () => debug,
    status: 1,
    shows: /\S/,
  })),
  { name: 'commit-msg FILE (text): the message, masked', setup: (dir, s) => writeFileSync(join(dir, '.git', 'COMMIT_EDITMSG'), plantedMessage(s)), args: () => ['commit-msg', '.git/COMMIT_EDITMSG'], status: 1, shows: /commit message \(\.git\/COMMIT_EDITMSG\)[\s\S]*commit refused/ },
  { name: 'commit-msg FILE --fix --dry-run: the message is never edited', setup: (dir, s) => writeFileSync(join(dir, '.git', 'COMMIT_EDITMSG'), plantedMessage(s)), args: () => ['commit-msg', '.git/COMMIT_EDITMSG', '--fix', '--dry-run'], status: 1, shows: /never edits a message/ },
  { name: 'history --format json: the key in a commit message', args: () => ['history', '--format', 'json'], status: 1, shows: new RegExp(`"file": "${MESSAGE_PATH.replace(/[./]/g, '\\$&')}"`) },
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
  { name: 'flag error: a secret as --results', args: (s) => ['scan', '--results', s.password], status: 2, shows: /--results: value 1 is not a verdict/ },
  // What main gained: one finding per secret in history (locations), archives, pre-receive, remote history, rules test.
  { name: 'history (text): the same token in the commit\'s message and a second file is listed under "also in"', args: () => ['history'], status: 1, shows: /also in: the message of commit [0-9a-f]{12}, line 1, src\/copy\.js:1/ },
  { name: 'history --format json: locations', args: () => ['history', '--format', 'json'], status: 1, shows: /"locations": \[\s*\{\s*"file": "\.git\/COMMIT_EDITMSG"[\s\S]*?"file": "src\/copy\.js"/ },
  { name: 'history --format sarif: related locations', args: () => ['history', '--format', 'sarif'], status: 1, shows: /"relatedLocations"/ },
  { name: 'history --format gitlab: locations and commit messages', args: () => ['history', '--all', '--format', 'gitlab'], status: 1, shows: /"secret_detection"/ },
  { name: 'scan --format json: a key inside a jar', args: () => ['scan', '--format', 'json'], status: 1, shows: new RegExp(`"file": "${ARCHIVE_PATH.replace(/[.!/]/g, '\\$&')}"`) },
  { name: 'history (text, KEYFENCE_DEBUG=1): a key inside a jar', args: () => ['history'], env: () => debug, status: 1, shows: /lib\/app\.jar!\/config\/app\.properties/ },
  { name: 'history <file:// URL> --format json (a temporary mirror)', args: (_s, dir) => ['history', `file://${dir}`, '--format', 'json'], status: 1, shows: /"locations"/ },
  { name: 'pre-receive: the pusher\'s stderr', setup: (dir) => preparePush(dir), args: () => ['pre-receive'], input: pushedLines, env: () => debug, status: 1, shows: /push refused/ },
  { name: 'pre-receive --format json', setup: (dir) => preparePush(dir), args: () => ['pre-receive', '--format', 'json'], input: pushedLines, status: 1, shows: /"ruleId"/ },
  {
    name: 'pre-receive with an old-format .keyfence-ignore on the default branch: still suppressed, named with its replacement',
    setup: async (dir) => {
      writeFileSync(join(dir, '.keyfence-ignore'), `${await legacyIgnoreLines(dir)}\n`);
      gitIn(dir, 'add', '.keyfence-ignore');
      gitIn(dir, 'commit', '-q', '-m', 'policy', '--', '.keyfence-ignore');
      preparePush(dir);
    },
    args: () => ['pre-receive'],
    input: pushedLines,
    status: 0,
    shows: /\.keyfence-ignore:\d+: a fingerprint in the old format .*; replace it with [0-9a-f]{64}/,
  },
  { name: 'rules test FILE: failing examples that hold secrets', setup: (dir, s) => writeFileSync(join(dir, 'my-rules.json'), userRules(s)), args: () => ['rules', 'test', 'my-rules.json'], status: 1, shows: /FAIL/ },
  { name: 'an unknown KEYFENCE_ variable holding a secret is ignored, and named without its value', args: () => ['staged'], env: (c) => ({ KEYFENCE_TOKEN: c.secrets.githubToken, ...debug }), status: 1, shows: /KEYFENCE_TOKEN: not a flag/ },
];

describe('no secret printed or written whole, by any command or format', () => {
  const secrets = plantSecrets();
  let repo: string;
  let sts: FakeSts;
  let guesses: Map<string, string>;
  const copies: string[] = [];
  before(async () => {
    repo = buildLeakRepo(secrets);
    guesses = plainHashGuesses(secrets, [...loadBuiltinRules().map((r) => r.rule.id), 'aws-access-key-pair', 'acme-deploy-password']);
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
      const run = await runKeyfence(dir, c.args(secrets, dir), c.env?.({ secrets, sts }) ?? {}, c.input?.(secrets, dir));
      assert.equal(run.status, c.status, `exit ${run.status}\n${run.stderr}`);
      if (c.shows) assert.match(run.stdout + run.stderr, c.shows);
      if (c.env?.({ secrets, sts }).KEYFENCE_DEBUG === undefined) assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
      assert.deepEqual(findLeaks(run.outputs, secrets, { ...c.policy, guesses }), [], `${run.stdout}\n${run.stderr}`);
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

  it('finds a keyfence 0.1 fingerprint of a guessable secret (so the plain-hash check above can fail)', () => {
    const old = legacyFingerprintOf('generic-password-assignment', 'deploy.sh', secrets.password);
    assert.deepEqual(findLeaks([{ where: 'stdout', text: `"fingerprint": "${old}"` }], secrets, { guesses }), ['stdout: a hash that confirms a guess of password (keyfence 0.1 fingerprint)']);
  });

  it('audit on a terminal: every screen, the reason typed and the files it writes', { skip: !hasTmux() && 'tmux is not installed' }, async () => {
    const dir = copyRepo(repo);
    copies.push(dir);
    const before = snapshotTree(dir);
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: dir, GIT_CONFIG_NOSYSTEM: '1', NO_COLOR: '1', TERM: 'xterm-256color', LANG: 'C.UTF-8' };
    const pane = openPane(`'${process.execPath}' '${BIN}' audit --history`, dir, env);
    const screens: string[] = [];
    try {
      screens.push(await pane.waitFor(/finding 1 of \d+/));
      pane.keys('r');
      screens.push(await pane.waitFor(/rotat/i));
      pane.keys('s');
      screens.push(await pane.waitFor(/finding 2 of \d+/));
      // A false positive whose typed reason holds a secret: the reason is masked in the ignore file and on screen.
      pane.keys('f');
      screens.push(await pane.waitFor('Why is this not a secret?'));
      pane.keys('Enter');
      screens.push(await pane.waitFor('type why this is not a secret'));
      pane.type(`pasted ${secrets.password} by mistake`);
      screens.push(await pane.waitFor('reason: pasted'));
      pane.keys('Enter');
      screens.push(await pane.waitFor(/finding 3 of \d+|findings seen/));
      pane.keys('q');
      assert.equal(await pane.exitCode(), 0);
      screens.push(pane.screen());
    } finally {
      pane.kill();
    }
    const written = writtenFiles(before, snapshotTree(dir));
    assert.ok(written.some((o) => o.where === '.keyfence-ignore') && written.some((o) => o.where === '.git/keyfence-audit.json'), written.map((o) => o.where).join(', '));
    assert.deepEqual(findLeaks([...screens.map((text, i) => ({ where: `screen ${i + 1}`, text })), ...written], secrets, { guesses }), []);
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
