// `keyfence audit` under a real pseudo-terminal (tmux): the screens, the keys, the ignore file it writes, resuming,
// and that no whole secret is ever on screen. Every repository holds secrets generated here.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, fakeAccessKeyId, makeRepo, type Repo } from '../helpers/git-repo.js';
import { runCli } from '../helpers/cli.js';
import { hasTmux, openPane, type Pane } from '../helpers/tmux.js';
import { secretKey, seededRandom } from '../helpers/aws-keys.js';

const random = seededRandom(2024);
const KEYS = { app: fakeAccessKeyId(11), pairId: fakeAccessKeyId(22), pairSecret: secretKey(random), fixture: fakeAccessKeyId(33), old: fakeAccessKeyId(44) };
const PEM = generateKeyPairSync('rsa', { modulusLength: 1024, publicKeyEncoding: { type: 'pkcs1', format: 'pem' }, privateKeyEncoding: { type: 'pkcs1', format: 'pem' } }).privateKey;
const PEM_BODY = PEM.split('\n').filter((l) => l !== '' && !l.startsWith('-----'));
const ALL_SECRETS = [...Object.values(KEYS), ...PEM_BODY];
const OTHER_ENTRY = 'e'.repeat(64);
// A hand-kept ignore file with CRLF endings and a comment: audit must keep every byte of it.
const IGNORE_BEFORE = `# reviewed by hand\r\n${OTHER_ENTRY} # vendored test data\r\n`;

function fingerprints(repo: Repo, args: string[] = ['scan', '.']): Map<string, string> {
  const result = repo.keyfence([...args, '--format', 'json']);
  const findings = (JSON.parse(result.stdout) as { findings: { file: string; fingerprint: string }[] }).findings;
  return new Map(findings.map((f) => [f.file, f.fingerprint]));
}

/** keyfence audit ARGS in a tmux pane in the repository, with the repository's private HOME and git settings. */
function audit(repo: Repo, args = ''): Pane {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: repo.dir, GIT_CONFIG_NOSYSTEM: '1', NO_COLOR: '1', TERM: 'xterm-256color', LANG: 'C.UTF-8' };
  return openPane(`'${process.execPath}' '${BIN}' audit ${args}`, repo.dir, env);
}

function assertNoSecret(screen: string): void {
  for (const secret of ALL_SECRETS) assert.ok(!screen.includes(secret), `a whole secret is on screen:\n${screen}`);
}

/** Every screen on the way is checked for secrets. */
async function see(pane: Pane, want: string | RegExp): Promise<string> {
  const screen = await pane.waitFor(want);
  assertNoSecret(screen);
  return screen;
}

describe('keyfence audit', () => {
  before(() => assert.ok(hasTmux(), 'tmux is needed for these tests (.ci/run installs it with apt-get)'));

  it('refuses without a terminal: one line, exit 2, before scanning', (t) => {
    const repo = makeRepo();
    t.after(() => repo.remove());
    const result = runCli(['audit'], { cwd: repo.dir });
    assert.equal(result.status, 2);
    assert.equal(result.stderr, 'keyfence: keyfence audit needs an interactive terminal (stdin is not a TTY); run it in a terminal; in scripts and CI use `keyfence scan --format json`\n');
  });

  it('refuses when stdout is a pipe, even on a terminal', async (t) => {
    const repo = makeRepo();
    const pane = audit(repo, '| cat');
    t.after(() => (pane.kill(), repo.remove()));
    await pane.waitFor('(stdout is not a TTY)');
  });

  it('walks the working tree: skip, real, false positive with a typed reason, back, and resumes by fingerprint', async (t) => {
    const repo = makeRepo();
    t.after(() => repo.remove());
    repo.commit('config', {
      'app.env': `# settings\nREGION=eu-west-1\nAWS_ACCESS_KEY_ID=${KEYS.app}\nDEBUG=1\n`,
      'creds': `[default]\naws_access_key_id = ${KEYS.pairId}\naws_secret_access_key = ${KEYS.pairSecret}\n`,
      'test.js': `// test fixture\nconst key = "${KEYS.fixture}";\nmodule.exports = key;\n`,
    });
    repo.write('.keyfence-ignore', IGNORE_BEFORE);
    const fp = fingerprints(repo);

    const pane = audit(repo);
    t.after(() => pane.kill());
    let screen = await see(pane, 'finding 1 of 3');
    assert.match(screen, /aws-access-key-id {2}high/);
    assert.match(screen, /file {5}app\.env:3:19/);
    assert.match(screen, /secret {3}AKIA…\(20\)/);
    assert.match(screen, / {2}1 │ # settings\n {2}2 │ REGION=eu-west-1\n> 3 │ AWS_ACCESS_KEY_ID=AKIA…\(20\)\n {2}4 │ DEBUG=1\n/);
    assert.match(screen, /fix {6}use a line AWS_ACCESS_KEY_ID=…/);
    assert.match(screen, /\[f\] false positive {3}\[r\] real {3}\[s\] skip {3}\[b\] back {3}\[q\] quit/);

    pane.keys('s');
    screen = await see(pane, 'finding 2 of 3');
    // The pair's key id, on the line above the secret, is masked too.
    assert.match(screen, / {2}2 │ aws_access_key_id = AKIA…\(20\)\n> 3 │ aws_secret_access_key = \S{4}…\(40\)/);

    pane.keys('r');
    screen = await see(pane, 'Marked real: it stays reported');
    assert.match(screen, /aws iam create-access-key --user-name USER/);
    assert.match(screen, /decision real: rotate it/);

    pane.keys('Space');
    await see(pane, 'finding 3 of 3');
    pane.keys('f');
    await see(pane, 'Why is this not a secret?');
    pane.keys('Enter');
    await see(pane, 'type why this is not a secret');
    pane.type('unit test fixture, not a key');
    await see(pane, 'reason: unit test fixture, not a key');
    pane.keys(...Array<string>(', not a key'.length).fill('BSpace'));
    await see(pane, /reason: unit test fixture█/);
    pane.keys('Enter');
    screen = await see(pane, 'all 3 findings seen');
    assert.match(screen, /1 false positive \(in \.keyfence-ignore\), 1 real .*, 1 skipped/);
    assert.equal(readFileSync(join(repo.dir, '.keyfence-ignore'), 'utf8'), `${IGNORE_BEFORE}${fp.get('test.js')} # unit test fixture\r\n`);

    // Back, and take the false positive back: its line goes, every other byte stays.
    pane.keys('b');
    await see(pane, 'decision false positive');
    pane.keys('s');
    await see(pane, 'all 3 findings seen');
    assert.equal(readFileSync(join(repo.dir, '.keyfence-ignore'), 'utf8'), IGNORE_BEFORE);
    pane.keys('b', 'f');
    await see(pane, 'Why is this not a secret?');
    pane.type('unit test fixture');
    pane.keys('Enter');
    await see(pane, 'all 3 findings seen');
    pane.keys('q');
    assert.equal(await pane.exitCode(), 0);
    assert.match(pane.screen(), /keyfence audit: 1 false positive \(added to \.keyfence-ignore\), 1 real \(rotate them; they stay reported\), 1 skipped, 0 undecided\n/);
    assert.equal(readFileSync(join(repo.dir, '.keyfence-ignore'), 'utf8'), `${IGNORE_BEFORE}${fp.get('test.js')} # unit test fixture\r\n`);
    // The ignore file now silences it for every scan.
    assert.deepEqual([...fingerprints(repo).keys()].sort(), ['app.env', 'creds']);

    // Progress holds fingerprints and decisions only, in the git directory.
    const progress = readFileSync(join(repo.dir, '.git', 'keyfence-audit.json'), 'utf8');
    assert.deepEqual(JSON.parse(progress), { version: 1, decisions: { [fp.get('app.env') as string]: 'skipped', [fp.get('creds') as string]: 'real' }, walks: {} });
    assertNoSecret(progress);

    // A second run starts at the first finding without a decision; quitting mid-way resumes at that finding.
    const second = audit(repo);
    t.after(() => second.kill());
    screen = await see(second, 'finding 1 of 2');
    assert.match(screen, /app\.env:3:19/);
    assert.match(screen, /decision skipped/);
    second.keys('s');
    await see(second, 'finding 2 of 2');
    second.keys('q');
    assert.equal(await second.exitCode(), 0);
    assert.match(second.screen(), /the same `keyfence audit` command resumes at finding 2 of 2/);

    const third = audit(repo);
    t.after(() => third.kill());
    screen = await see(third, 'finding 2 of 2');
    assert.match(screen, /creds:3:25/);
    assert.match(screen, /decision real: rotate it/);
    third.keys('C-c');
    assert.equal(await third.exitCode(), 0);

    // --reset forgets decisions and position.
    const fourth = audit(repo, '--reset');
    t.after(() => fourth.kill());
    screen = await see(fourth, 'finding 1 of 2');
    assert.match(screen, /decision none yet/);
    fourth.keys('q');
    assert.equal(await fourth.exitCode(), 0);
  });

  it('walks the history: the commit, context from the blob, a private key masked line by line', async (t) => {
    const repo = makeRepo();
    t.after(() => repo.remove());
    const added = repo.commit('add deploy key', { 'deploy/key.pem': `# deploy key\n${PEM}# end\n`, 'old.env': `AWS_ACCESS_KEY_ID=${KEYS.old}\n` });
    repo.git('rm', '-q', 'deploy/key.pem', 'old.env');
    repo.commit('remove them');

    const pane = audit(repo, '--history');
    t.after(() => pane.kill());
    let screen = await see(pane, 'history — finding 1 of 2');
    assert.match(screen, /private-key-rsa/);
    assert.match(screen, new RegExp(`commit {3}${added.slice(0, 12)} {2}Test Author <author@example\\.com>`));
    assert.match(screen, / {2}1 │ # deploy key/);
    assert.match(screen, /-----BEGIN RSA PRIVATE KEY-----/);
    // The key's body lines show as "…", never as base64.
    assert.match(screen, /│ …\n/);
    pane.keys('r');
    screen = await see(pane, 'Marked real');
    assert.match(screen, new RegExp(`It is in commit ${added.slice(0, 12)}: anyone with a clone has it`));
    pane.keys('Space');
    screen = await see(pane, 'finding 2 of 2');
    assert.match(screen, /old\.env:1:19/);
    assert.match(screen, /> 1 │ AWS_ACCESS_KEY_ID=AKIA…\(20\)/);
    pane.keys('q');
    assert.equal(await pane.exitCode(), 0);
  });

  it('audits what the baseline hides with --baselined, and moves a false one to the ignore file', async (t) => {
    const repo = makeRepo();
    t.after(() => repo.remove());
    repo.commit('config', { 'app.env': `AWS_ACCESS_KEY_ID=${KEYS.app}\n` });
    const fp = fingerprints(repo).get('app.env');
    assert.equal(repo.keyfence(['baseline', '--quiet']).status, 0);
    const plain = audit(repo);
    t.after(() => plain.kill());
    await plain.waitFor('keyfence audit: nothing to audit');
    const pane = audit(repo, '--baselined');
    t.after(() => pane.kill());
    await see(pane, 'baselined findings — finding 1 of 1');
    pane.keys('f');
    pane.type('sample value from the docs');
    pane.keys('Enter');
    await see(pane, 'all 1 findings seen');
    pane.keys('q');
    assert.equal(await pane.exitCode(), 0);
    assert.equal(readFileSync(join(repo.dir, '.keyfence-ignore'), 'utf8'), `${fp} # sample value from the docs\n`);
  });

  it('says there is nothing to audit in a clean repository', async (t) => {
    const repo = makeRepo();
    t.after(() => repo.remove());
    repo.commit('docs', { 'README.md': '# nothing secret\n' });
    const pane = audit(repo);
    t.after(() => pane.kill());
    await pane.waitFor('keyfence audit: nothing to audit');
    assert.equal(await pane.exitCode(), 0);
  });
});
