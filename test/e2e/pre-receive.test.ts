// keyfence pre-receive, installed as the hook of a bare repository on disk, with real pushes: new branches, clean
// pushes, force-pushes, tags, deletions, several refs at once, long pushes, the time budget and the default branch's
// policy.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, fakeAccessKeyId, makeRepo, type Repo } from '../helpers/git-repo.js';

const folders: string[] = [];
const repos: Repo[] = [];

interface Server {
  dir: string;
  git: (...args: string[]) => string;
  /** The hook's arguments after `pre-receive`; (re)writes hooks/pre-receive. */
  hook: (args?: string[]) => void;
}

/** A bare repository with keyfence as its pre-receive hook. */
function server(args: string[] = []): Server {
  const dir = mkdtempSync(join(tmpdir(), 'keyfence-server-'));
  folders.push(dir);
  const git = (...rest: string[]): string => {
    const result = spawnSync('git', rest, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: dir } });
    if (result.status !== 0) throw new Error(`git ${rest.join(' ')}: ${result.stderr}`);
    return result.stdout;
  };
  git('init', '-q', '--bare', '-b', 'main');
  const hook = (hookArgs: string[] = args): void => {
    const path = join(dir, 'hooks', 'pre-receive');
    writeFileSync(path, `#!/bin/sh\nexec "${process.execPath}" "${BIN}" pre-receive ${hookArgs.map((a) => `'${a}'`).join(' ')}\n`);
    chmodSync(path, 0o755);
  };
  hook();
  return { dir, git, hook };
}

/** A clone-like work repository with the server as `origin`. */
function client(remote: Server): Repo {
  const r = makeRepo();
  repos.push(r);
  r.git('remote', 'add', 'origin', remote.dir);
  return r;
}

function push(r: Repo, ...args: string[]): SpawnSyncReturns<string> {
  return r.gitResult('push', '--porcelain', 'origin', ...args);
}

/** Where the server's ref points, or undefined when it does not exist. */
function refOf(remote: Server, ref: string): string | undefined {
  const result = spawnSync('git', ['rev-parse', '--verify', '--quiet', ref], { cwd: remote.dir, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

const leak = (key = fakeAccessKeyId()): Record<string, string> => ({ 'deploy/app.env': `AWS_ACCESS_KEY_ID=${key}\n` });

describe('keyfence pre-receive', () => {
  after(() => {
    repos.forEach((r) => r.remove());
    folders.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
  });

  it('refuses a new branch that adds a key, shows the pusher the masked finding, and leaves the ref unset', () => {
    const remote = server();
    const r = client(remote);
    r.commit('base', { 'README.md': 'demo\n' });
    assert.equal(push(r, 'main').status, 0);
    r.git('checkout', '-q', '-b', 'feature');
    const key = fakeAccessKeyId();
    r.commit('add deploy config', leak(key));
    const result = push(r, 'feature');
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, /remote: deploy\/app\.env/);
    assert.match(result.stderr, /remote: .*AKIA…\(20\)/);
    assert.match(result.stderr, /remote: keyfence: push refused/);
    assert.ok(!result.stderr.includes(key) && !result.stdout.includes(key), 'the whole key reached the pusher');
    assert.equal(refOf(remote, 'refs/heads/feature'), undefined);
  });

  it('accepts a clean push and updates the ref', () => {
    const remote = server();
    const r = client(remote);
    const head = r.commit('base', { 'README.md': 'demo\n' });
    const result = push(r, 'main');
    assert.equal(result.status, 0, result.stderr);
    assert.equal(refOf(remote, 'refs/heads/main'), head);
  });

  it('scans a new branch only from where it leaves the existing refs (an old leak on main is not its fault)', () => {
    const remote = server();
    const r = client(remote);
    r.commit('legacy leak', leak());
    // Pushed while no hook ran: stand-in for history older than the hook.
    writeFileSync(join(remote.dir, 'hooks', 'pre-receive'), '#!/bin/sh\nexit 0\n');
    assert.equal(push(r, 'main').status, 0);
    remote.hook();
    r.git('checkout', '-q', '-b', 'feature');
    const tip = r.commit('clean work', { 'src/a.txt': 'a\n' });
    const result = push(r, 'feature');
    assert.equal(result.status, 0, result.stderr);
    assert.equal(refOf(remote, 'refs/heads/feature'), tip);
  });

  it('refuses a force-push whose rewritten commit adds a key, and accepts one that rewrites cleanly', () => {
    const remote = server();
    const r = client(remote);
    r.commit('base', { 'README.md': 'demo\n' });
    const before = r.commit('second', { 'a.txt': 'a\n' });
    assert.equal(push(r, 'main').status, 0);
    r.git('reset', '-q', '--hard', 'HEAD~1');
    r.commit('rewritten with a key', leak());
    const refused = push(r, '--force', 'main');
    assert.notEqual(refused.status, 0);
    assert.match(refused.stderr, /push refused/);
    assert.equal(refOf(remote, 'refs/heads/main'), before);
    r.git('reset', '-q', '--hard', 'HEAD~1');
    const clean = r.commit('rewritten cleanly', { 'b.txt': 'b\n' });
    const accepted = push(r, '--force', 'main');
    assert.equal(accepted.status, 0, accepted.stderr);
    assert.equal(refOf(remote, 'refs/heads/main'), clean);
  });

  it('accepts a tag of a commit already on a branch, and refuses a tag of a new commit with a key', () => {
    const remote = server();
    const r = client(remote);
    r.commit('base', { 'README.md': 'demo\n' });
    assert.equal(push(r, 'main').status, 0);
    r.git('tag', '-a', '-m', 'release', 'v1');
    assert.equal(push(r, 'v1').status, 0);
    assert.ok(refOf(remote, 'refs/tags/v1'));
    r.git('checkout', '-q', '--detach');
    r.commit('tagged leak', leak());
    r.git('tag', 'v2');
    const result = push(r, 'v2');
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, /deploy\/app\.env/);
    assert.equal(refOf(remote, 'refs/tags/v2'), undefined);
  });

  it('accepts a deletion, even of a branch whose commits hold a key', () => {
    const remote = server();
    const r = client(remote);
    r.commit('base', { 'README.md': 'demo\n' });
    assert.equal(push(r, 'main').status, 0);
    r.git('checkout', '-q', '-b', 'old');
    r.commit('legacy leak', leak());
    writeFileSync(join(remote.dir, 'hooks', 'pre-receive'), '#!/bin/sh\nexit 0\n');
    assert.equal(push(r, 'old').status, 0);
    remote.hook();
    const result = push(r, '--delete', 'old');
    assert.equal(result.status, 0, result.stderr);
    assert.equal(refOf(remote, 'refs/heads/old'), undefined);
  });

  it('refuses a push of several refs when one of them brings a key, and updates none', () => {
    const remote = server();
    const r = client(remote);
    r.commit('base', { 'README.md': 'demo\n' });
    assert.equal(push(r, 'main').status, 0);
    r.git('checkout', '-q', '-b', 'clean');
    r.commit('clean', { 'a.txt': 'a\n' });
    r.git('checkout', '-q', '-b', 'dirty', 'main');
    r.commit('dirty', leak());
    r.git('checkout', '-q', 'main');
    const main = r.commit('more', { 'b.txt': 'b\n' });
    const result = push(r, 'main', 'clean', 'dirty');
    assert.notEqual(result.status, 0);
    assert.equal(refOf(remote, 'refs/heads/clean'), undefined);
    assert.equal(refOf(remote, 'refs/heads/dirty'), undefined);
    assert.notEqual(refOf(remote, 'refs/heads/main'), main);
    r.git('branch', '-D', 'dirty');
    assert.equal(push(r, 'main', 'clean').status, 0);
  });

  it('finds the one leaking commit of a push of 300, and names it', () => {
    const remote = server(['--format', 'json']);
    const r = client(remote);
    r.commit('base', { 'README.md': 'demo\n' });
    assert.equal(push(r, 'main').status, 0);
    let leaking = '';
    for (let i = 0; i < 300; i++) {
      const sha = r.commit(`change ${i}`, i === 150 ? leak() : { [`notes/${i % 20}.txt`]: `line ${i}\n` });
      if (i === 150) leaking = sha;
    }
    const result = push(r, 'main');
    assert.notEqual(result.status, 0);
    const json = result.stderr.split('\n').filter((l) => l.startsWith('remote: ')).map((l) => l.slice(8).trimEnd()).join('\n');
    const report = JSON.parse(json.slice(json.indexOf('{'), json.lastIndexOf('}') + 1)) as { findings: { commit: string }[]; stats: { commits: number } };
    assert.deepEqual(report.findings.map((f) => f.commit), [leaking]);
    assert.equal(report.stats.commits, 300);
  });

  const budgets: { name: string; args: string[]; accepted: boolean; message: RegExp }[] = [
    { name: 'refuses the push when the scan passes --timeout, and says how to change it', args: ['--timeout', '0.001'], accepted: false, message: /push refused: the scan of 40 pushed commits did not finish within 0\.001 s.*--on-timeout accept/ },
    { name: 'accepts it with a warning under --on-timeout accept', args: ['--timeout', '0.001', '--on-timeout', 'accept'], accepted: true, message: /warning: the scan of 40 pushed commits did not finish within 0\.001 s .*: push accepted unscanned/ },
  ];
  for (const c of budgets) {
    it(c.name, () => {
      const remote = server(c.args);
      const r = client(remote);
      let tip = '';
      for (let i = 0; i < 40; i++) tip = r.commit(`change ${i}`, { [`f${i}.txt`]: `${i}\n` });
      const result = push(r, 'main');
      assert.equal(result.status === 0, c.accepted, result.stderr);
      assert.match(result.stderr, c.message);
      assert.equal(refOf(remote, 'refs/heads/main'), c.accepted ? tip : undefined);
    });
  }

  it('takes the policy from the default branch, never from the pushed commits', () => {
    const remote = server();
    const r = client(remote);
    r.commit('base', { 'README.md': 'demo\n' });
    assert.equal(push(r, 'main').status, 0);
    r.git('checkout', '-q', '-b', 'sneaky');
    r.commit('silence everything, add a key', { '.keyfence.json': JSON.stringify({ allow: { paths: ['**'] } }), '.keyfence-ignore': '', ...leak() });
    const refused = push(r, 'sneaky');
    assert.notEqual(refused.status, 0);
    assert.match(refused.stderr, /deploy\/app\.env/);
    // The default branch's own ignore file is honoured: the reviewed way to let a false alarm through.
    const fingerprint = /add "([0-9a-f]{64})/.exec(refused.stderr)?.[1];
    assert.ok(fingerprint);
    r.git('checkout', '-q', 'main');
    r.commit('ignore a test key', { '.keyfence-ignore': `${fingerprint} # a test key\n` });
    assert.equal(push(r, 'main').status, 0);
    const accepted = push(r, 'sneaky');
    assert.equal(accepted.status, 0, accepted.stderr);
  });

  it('stops with exit 2 on input that is not what git gives a pre-receive hook', () => {
    const remote = server();
    const result = spawnSync(process.execPath, [BIN, 'pre-receive'], { cwd: remote.dir, input: 'not a ref update\n', encoding: 'utf8' });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /stdin line 1: expected "<old-id> <new-id> <ref>"/);
  });
});
