// keyfence init without husky: .git/hooks or core.hooksPath; never replaces a foreign hook, appends only with --force.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeAccessKeyId, makeRepo, withNodeModules, type Repo } from '../helpers/git-repo.js';

const repos: Repo[] = [];
function repo(): Repo {
  const r = makeRepo();
  repos.push(r);
  withNodeModules(r);
  return r;
}

describe('keyfence init (plain git hooks)', () => {
  after(() => repos.forEach((r) => r.remove()));

  it('creates an executable .git/hooks/pre-commit that refuses a commit with a key', () => {
    const r = repo();
    const result = r.keyfence(['init']);
    assert.equal(result.status, 0, result.stderr);
    const hook = join(r.dir, '.git', 'hooks', 'pre-commit');
    assert.ok(statSync(hook).mode & 0o100, 'executable');
    r.write('a.txt', `key = ${fakeAccessKeyId()}\n`);
    r.git('add', '-A');
    const refused = r.gitResult('commit', '-q', '-m', 'x');
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /commit refused/);
    r.write('a.txt', 'clean\n');
    r.git('add', '-A');
    assert.equal(r.gitResult('commit', '-q', '-m', 'x').status, 0);
  });

  const messages = [
    { name: 'refuses a real commit whose message holds a key, and makes none', message: (k: string) => `deploy\n\nold key ${k}\n`, status: 1 },
    { name: 'lets a message through whose key line says keyfence:allow', message: (k: string) => `deploy\n\nold key ${k} keyfence:allow\n`, status: 0 },
    { name: 'lets a clean message through', message: () => 'deploy the clean build\n', status: 0 },
  ];
  for (const c of messages) {
    it(`installs a commit-msg hook that ${c.name}`, () => {
      const r = repo();
      assert.equal(r.keyfence(['init']).status, 0);
      assert.ok(statSync(join(r.dir, '.git', 'hooks', 'commit-msg')).mode & 0o100, 'executable');
      r.write('a.txt', 'clean\n');
      r.git('add', '-A');
      r.write('msg.txt', c.message(fakeAccessKeyId()));
      const result = r.gitResult('commit', '-q', '-F', 'msg.txt');
      assert.equal(result.status, c.status, result.stderr);
      if (c.status === 1) assert.match(result.stderr, /commit refused: the commit message/);
      assert.equal(r.gitResult('rev-list', '--count', 'HEAD').status === 0 ? 1 : 0, c.status === 0 ? 1 : 0);
    });
  }

  it('sees what `git commit -a` and `git commit PATH` commit (git hands the hook a temporary index)', () => {
    const r = repo();
    r.commit('base', { 'a.txt': 'a\n' });
    assert.equal(r.keyfence(['init']).status, 0);
    r.write('a.txt', `a\nkey = ${fakeAccessKeyId()}\n`);
    for (const args of [['-a'], ['a.txt']]) {
      const refused = r.gitResult('commit', '-q', '-m', 'x', ...args);
      assert.equal(refused.status, 1);
      assert.match(refused.stderr, /commit refused/);
    }
    assert.equal(r.git('rev-list', '--count', 'HEAD').trim(), '1');
  });

  it('refuses to touch a foreign hook without --force, then appends and keeps every line', () => {
    const r = repo();
    const hook = join(r.dir, '.git', 'hooks', 'pre-commit');
    r.write('.git/hooks/pre-commit', '#!/bin/sh\necho mine\n');
    const refused = r.keyfence(['init']);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /not keyfence's.*--force/);
    assert.equal(readFileSync(hook, 'utf8'), '#!/bin/sh\necho mine\n');
    assert.equal(r.keyfence(['init', '--force']).status, 0);
    const text = readFileSync(hook, 'utf8');
    assert.ok(text.startsWith('#!/bin/sh\necho mine\n'));
    assert.match(text, /keyfence staged/);
    assert.match(r.keyfence(['init', '--force']).stdout, /nothing to do/);
  });

  const endings = [
    { name: 'a foreign hook that ends with `exit 0` still runs keyfence after --force', tail: 'exit 0\n' },
    { name: 'a foreign hook that ends with `exec` still runs keyfence after --force', tail: 'exec true\n' },
  ];
  for (const { name, tail } of endings) {
    it(name, () => {
      const r = repo();
      const foreign = `#!/bin/sh\necho mine\n${tail}`;
      r.write('.git/hooks/pre-commit', foreign);
      chmodSync(join(r.dir, '.git', 'hooks', 'pre-commit'), 0o755);
      assert.equal(r.keyfence(['init', '--force']).status, 0);
      const text = readFileSync(join(r.dir, '.git', 'hooks', 'pre-commit'), 'utf8');
      for (const line of foreign.split('\n')) assert.ok(text.includes(line), `kept: ${line}`);
      r.write('a.txt', `key = ${fakeAccessKeyId()}\n`);
      r.git('add', 'a.txt');
      const refused = r.gitResult('commit', '-q', '-m', 'x');
      assert.equal(refused.status, 1, refused.stderr);
      assert.match(refused.stderr, /commit refused/);
    });
  }

  const blocks = [
    { name: 'an `exec` inside an `if` block: the keyfence lines go above the block, with a note naming both lines', body: 'if true; then\n  exec true\nfi\n', note: /`exec` on line 4 ends it, so the keyfence lines went above the `if` block that holds it \(line 3\)/ },
    { name: 'an `exit` in the `else` of a block: the keyfence lines go above its `if`, not its `else`', body: 'if false; then\n  echo no\nelse\n  exit 0\nfi\n', note: /`exit` on line 6 ends it, so the keyfence lines went above the `if` block that holds it \(line 3\)/ },
    { name: 'an `exec` after `||` inside a `case`: the keyfence lines go above the `case`', body: 'case "$1" in\n  *) true || exec true ;;\nesac\nexit 0\n', note: /`exec` on line 4 ends it, so the keyfence lines went above the `case` block/ },
    { name: 'a top-level `exec` after blank lines: the keyfence lines go just above it, with no note (blank lines are not indentation)', body: `${'\n'.repeat(3)}exec true\n`, note: undefined },
  ];
  for (const { name, body, note } of blocks) {
    it(name, () => {
      const r = repo();
      r.write('.git/hooks/pre-commit', `#!/bin/sh\necho mine\n${body}`);
      chmodSync(join(r.dir, '.git', 'hooks', 'pre-commit'), 0o755);
      const result = r.keyfence(['init', '--force']);
      assert.equal(result.status, 0, result.stderr);
      if (note) assert.match(result.stdout, note);
      else assert.doesNotMatch(result.stdout, /note:/);
      r.write('a.txt', `key = ${fakeAccessKeyId()}\n`);
      r.git('add', 'a.txt');
      const refused = r.gitResult('commit', '-q', '-m', 'x');
      assert.equal(refused.status, 1, refused.stderr);
      assert.match(refused.stderr, /commit refused/);
    });
  }

  // The real framework's hook (`if [ -x … ]; then exec …; elif …; then exec …; else … exit 1; fi`), from Debian's
  // pre-commit as .ci/run installs it. An empty `repos:` makes no hook environment, so this stays fast and offline.
  it('init --force over the hook `pre-commit install` wrote: keyfence runs before the framework\'s exec, and every note is shown', () => {
    const r = repo();
    r.write('.pre-commit-config.yaml', 'repos: []\n');
    r.git('add', '.pre-commit-config.yaml');
    const env = { ...process.env, HOME: r.dir, PRE_COMMIT_HOME: join(r.dir, '.git', 'pre-commit-home') };
    const install = spawnSync('pre-commit', ['install'], { cwd: r.dir, env, encoding: 'utf8' });
    assert.equal(install.status, 0, `${install.stdout}${install.stderr}${install.error ? `${install.error.message} (apt-get install pre-commit, as .ci/run does)` : ''}`);
    const hook = join(r.dir, '.git', 'hooks', 'pre-commit');
    const framework = readFileSync(hook, 'utf8');
    const result = r.keyfence(['init', '--force']);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /went above the `if` block that holds it/);
    assert.match(result.stdout, /the next `pre-commit install` replaces this hook and drops keyfence: add keyfence to \.pre-commit-config\.yaml/);
    const text = readFileSync(hook, 'utf8');
    for (const line of framework.split('\n')) assert.ok(text.includes(line), `kept: ${line}`);
    assert.ok(text.indexOf('keyfence staged') < text.indexOf('\nif '), 'keyfence comes before the framework\'s block');
    r.write('a.txt', `key = ${fakeAccessKeyId()}\n`);
    r.git('add', 'a.txt');
    const refused = spawnSync('git', ['commit', '-q', '-m', 'x'], { cwd: r.dir, env, encoding: 'utf8' });
    assert.equal(refused.status, 1, refused.stderr);
    assert.match(refused.stderr, /commit refused/);
    r.write('a.txt', 'clean\n');
    r.git('add', 'a.txt');
    const accepted = spawnSync('git', ['commit', '-m', 'x'], { cwd: r.dir, env, encoding: 'utf8' });
    assert.equal(accepted.status, 0, accepted.stdout + accepted.stderr);
  });

  it('refuses to append to a hook that is not a shell script', () => {
    const r = repo();
    r.write('.git/hooks/pre-commit', '#!/usr/bin/env python3\nprint(1)\n');
    const result = r.keyfence(['init', '--force']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /not a shell script/);
  });

  it('writes into core.hooksPath when it is set', () => {
    const r = repo();
    r.git('config', 'core.hooksPath', 'githooks');
    assert.equal(r.keyfence(['init']).status, 0);
    assert.ok(existsSync(join(r.dir, 'githooks', 'pre-commit')));
    assert.ok(!existsSync(join(r.dir, '.git', 'hooks', 'pre-commit')));
  });

  it('follows a core.hooksPath that is not husky\'s even when a .husky folder exists', () => {
    const r = repo();
    r.write('.husky/.keep', '');
    r.git('config', 'core.hooksPath', 'tools/hooks');
    assert.equal(r.keyfence(['init']).status, 0);
    assert.ok(existsSync(join(r.dir, 'tools', 'hooks', 'pre-commit')));
    assert.ok(!existsSync(join(r.dir, '.husky', 'pre-commit')));
  });

  it('gives a new hook a shebang for husky v8, where git runs .husky/pre-commit directly', () => {
    const r = repo();
    r.write('.husky/.keep', '');
    r.git('config', 'core.hooksPath', '.husky');
    assert.equal(r.keyfence(['init']).status, 0);
    const hook = readFileSync(join(r.dir, '.husky', 'pre-commit'), 'utf8');
    assert.ok(hook.startsWith('#!/usr/bin/env sh\n'));
    assert.match(hook, /node_modules\/\.bin:\$PATH" keyfence staged/);
    r.write('a.txt', `key = ${fakeAccessKeyId()}\n`);
    r.git('add', 'a.txt');
    const refused = r.gitResult('commit', '-q', '-m', 'x');
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /commit refused/);
  });

  it('creates .husky/pre-commit when a .husky folder exists but husky is not installed yet', () => {
    const r = repo();
    r.write('.husky/.keep', '');
    const result = r.keyfence(['init']);
    assert.match(result.stdout, /created \.husky\/pre-commit/);
    assert.match(result.stdout, /npx husky/);
    assert.equal(readFileSync(join(r.dir, '.husky', 'pre-commit'), 'utf8'), 'keyfence staged\n');
  });

  const foreignBytes = [
    { name: 'an ELF program as the hook is refused and left byte for byte', bytes: Buffer.concat([Buffer.from('\x7fELF\x02\x01\x01\x00', 'latin1'), Buffer.from([0, 0, 0xff, 0xfe, 0x0a, 0x80])]), refused: /binary program/ },
    { name: 'a latin-1 shell hook keeps every byte and gets the keyfence lines', bytes: Buffer.from('#!/bin/sh\n# caf\xe9 cr\xe8me\necho "\xa9 2024"\n', 'latin1'), refused: undefined },
  ];
  for (const { name, bytes, refused } of foreignBytes) {
    it(`init --force: ${name}`, () => {
      const r = repo();
      const hook = join(r.dir, '.git', 'hooks', 'pre-commit');
      r.write('.git/hooks/pre-commit', bytes);
      const result = r.keyfence(['init', '--force']);
      const after = readFileSync(hook);
      if (refused) {
        assert.equal(result.status, 2, result.stdout + result.stderr);
        assert.match(result.stderr, refused);
        assert.ok(after.equals(bytes), 'unchanged');
      } else {
        assert.equal(result.status, 0, result.stderr);
        assert.ok(after.subarray(0, bytes.length).equals(bytes), 'every byte kept');
        assert.match(after.subarray(bytes.length).toString('latin1'), /keyfence staged/);
      }
    });
  }

  it('refuses to write through a hook that is a symbolic link unless --follow-symlinks', () => {
    const r = repo();
    const shared = mkdtempSync(join(tmpdir(), 'keyfence-shared-hook-'));
    try {
      const target = join(shared, 'pre-commit');
      writeFileSync(target, '#!/bin/sh\necho shared\n');
      symlinkSync(target, join(r.dir, '.git', 'hooks', 'pre-commit'));
      const refused = r.keyfence(['init', '--force']);
      assert.equal(refused.status, 2, refused.stdout + refused.stderr);
      assert.match(refused.stderr, /symbolic link to .*--follow-symlinks/);
      assert.equal(readFileSync(target, 'utf8'), '#!/bin/sh\necho shared\n');
      assert.equal(r.keyfence(['init', '--force', '--follow-symlinks']).status, 0);
      assert.match(readFileSync(target, 'utf8'), /^#!\/bin\/sh\necho shared\n[\s\S]*keyfence staged/);
    } finally {
      rmSync(shared, { recursive: true, force: true });
    }
  });

  it('a dangling symbolic link as the hook is not written through either', () => {
    const r = repo();
    const shared = mkdtempSync(join(tmpdir(), 'keyfence-shared-hook-'));
    try {
      symlinkSync(join(shared, 'missing'), join(r.dir, '.git', 'hooks', 'pre-commit'));
      assert.equal(r.keyfence(['init']).status, 2);
      assert.ok(!existsSync(join(shared, 'missing')));
    } finally {
      rmSync(shared, { recursive: true, force: true });
    }
  });

  it('a hook the pre-commit framework installed: says to use its manifest, not --force', () => {
    const r = repo();
    r.write('.git/hooks/pre-commit', '#!/usr/bin/env bash\n# File generated by pre-commit: https://pre-commit.com\n# ID: 138fd403232d2ddd5efb44317e38bf03\nexec pre-commit hook-impl\n');
    const result = r.keyfence(['init']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /installed by the pre-commit framework.*\n?.*\.pre-commit-config\.yaml/);
    assert.doesNotMatch(result.stderr, /--force/);
  });
});

