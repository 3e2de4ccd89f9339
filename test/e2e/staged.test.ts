// keyfence staged against real repositories: only what the index adds is scanned, with staged line numbers.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { fakeAccessKeyId, findingsOf, makeRepo, startConflictingMerge, type Repo } from '../helpers/git-repo.js';

const repos: Repo[] = [];
function repo(): Repo {
  const r = makeRepo();
  repos.push(r);
  return r;
}

const staged = (r: Repo) => r.keyfence(['staged', '--format', 'json']);

interface Case {
  name: string;
  /** Builds the situation; returns the expected findings as file:line. */
  arrange: (r: Repo, key: string) => string[];
}

const cases: Case[] = [
  {
    name: 'reports a key in a file staged for the first commit (no HEAD yet)',
    arrange: (r, key) => {
      r.write('config.js', `const a = 1;\nconst id = "${key}";\n`);
      r.git('add', 'config.js');
      return ['config.js:2'];
    },
  },
  {
    name: 'reports only added lines, numbered as in the staged file',
    arrange: (r, key) => {
      r.commit('base', { 'app.txt': 'one\ntwo\nthree\nfour\n' });
      r.write('app.txt', `one\ntwo\nkey = ${key}\nthree\nfour\n`);
      r.git('add', 'app.txt');
      return ['app.txt:3'];
    },
  },
  {
    name: 'ignores a key that is only in the work tree (partial staging)',
    arrange: (r, key) => {
      r.commit('base', { 'app.txt': 'one\n' });
      r.write('app.txt', 'one\ntwo\n');
      r.git('add', 'app.txt');
      r.write('app.txt', `one\ntwo\nkey = ${key}\n`);
      return [];
    },
  },
  {
    name: 'still reports a staged key after it was deleted from the work tree',
    arrange: (r, key) => {
      r.commit('base', { 'app.txt': 'one\n' });
      r.write('app.txt', `one\nkey = ${key}\n`);
      r.git('add', 'app.txt');
      r.write('app.txt', 'one\n');
      return ['app.txt:2'];
    },
  },
  {
    name: 'passes a commit that removes a key',
    arrange: (r, key) => {
      r.commit('leak', { 'app.txt': `one\nkey = ${key}\n` });
      r.write('app.txt', 'one\n');
      r.git('add', 'app.txt');
      return [];
    },
  },
  {
    name: 'reports a key added to a renamed file at its new path',
    arrange: (r, key) => {
      r.commit('base', { 'old name.txt': 'a\nb\nc\nd\ne\nf\n' });
      r.git('mv', 'old name.txt', 'new name.txt');
      r.write('new name.txt', `a\nb\nc\nd\ne\nf\nkey = ${key}\n`);
      r.git('add', '-A');
      return ['new name.txt:7'];
    },
  },
  {
    name: 'does not report a pure rename of a file that already held a key',
    arrange: (r, key) => {
      r.commit('base', { 'a.txt': `x\nkey = ${key}\ny\nz\n` });
      r.git('mv', 'a.txt', 'b.txt');
      return [];
    },
  },
  {
    name: 'reads odd file names (spaces, quotes, newline, non-ASCII) exactly',
    arrange: (r, key) => {
      r.write('dir/we "ird"\nnamé ü.txt', `key = ${key}\n`);
      r.write('tab\tname.txt', `key = ${key}\n`);
      r.git('add', '-A');
      return ['dir/we "ird"\nnamé ü.txt:1', 'tab\tname.txt:1'];
    },
  },
  {
    name: 'reports a key on a CRLF line with the right line number',
    arrange: (r, key) => {
      r.commit('base', { 'win.ini': 'a\r\nb\r\n' });
      r.write('win.ini', `a\r\nb\r\nkey=${key}\r\n`);
      r.git('add', 'win.ini');
      return ['win.ini:3'];
    },
  },
  {
    name: 'skips a binary file but scans a text file git was told to treat as binary',
    arrange: (r, key) => {
      r.write('.gitattributes', 'hidden.txt -diff\n');
      r.write('blob.bin', Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(`key = ${key}`)]));
      r.write('hidden.txt', `x\nkey = ${key}\n`);
      r.git('add', '-A');
      return ['hidden.txt:2'];
    },
  },
  {
    name: 'scans a merge in progress against HEAD, including the conflict resolution',
    arrange: (r, key) => {
      startConflictingMerge(r);
      r.write('f.txt', `a\nmain\nside\nkey = ${key}\n`);
      r.git('add', 'f.txt');
      return ['f.txt:4'];
    },
  },
];

describe('keyfence staged', () => {
  after(() => repos.forEach((r) => r.remove()));
  for (const c of cases) {
    it(c.name, () => {
      const r = repo();
      const want = c.arrange(r, fakeAccessKeyId());
      const result = staged(r);
      const got = findingsOf(result).map((f) => `${f.file}:${f.line}`).sort();
      assert.deepEqual(got, [...want].sort(), result.stderr);
      assert.equal(result.status, want.length > 0 ? 1 : 0, result.stderr);
    });
  }

  it('says what to do when it refuses', () => {
    const r = repo();
    r.write('a.txt', `key = ${fakeAccessKeyId()}\n`);
    r.git('add', 'a.txt');
    const result = r.keyfence(['staged']);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /commit refused.*Remove them/);
    assert.doesNotMatch(result.stdout + result.stderr, /AKIA[A-Z2-7]{16}/, 'the key is never printed whole');
  });

  it('never changes the index, the work tree or the stash', () => {
    const r = repo();
    r.commit('base', { 'a.txt': 'a\n' });
    r.write('a.txt', `a\nkey = ${fakeAccessKeyId()}\n`);
    r.git('add', 'a.txt');
    r.write('a.txt', 'a\nunstaged\n');
    const before = [r.git('status', '--porcelain=v2'), r.git('diff'), r.git('diff', '--cached'), r.git('stash', 'list')];
    staged(r);
    assert.deepEqual([r.git('status', '--porcelain=v2'), r.git('diff'), r.git('diff', '--cached'), r.git('stash', 'list')], before);
  });
});

describe('keyfence staged, the bare hook path', () => {
  after(() => repos.forEach((r) => r.remove()));

  it('refuses a staged key with exit 1 and says what to do', () => {
    const r = repo();
    r.write('a.env', `AWS_ACCESS_KEY_ID=${fakeAccessKeyId()}\n`);
    r.git('add', 'a.env');
    const result = r.keyfence(['staged']);
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stdout, /a\.env\n {2}1:19 {2}high {2}aws-access-key-id/);
    assert.match(result.stderr, /commit refused/);
  });

  it('still honours KEYFENCE_* variables that yargs maps to flags', () => {
    const r = repo();
    r.write('a.env', `AWS_ACCESS_KEY_ID=${fakeAccessKeyId()}\n`);
    r.git('add', 'a.env');
    const result = r.keyfence(['staged'], { KEYFENCE_FORMAT: 'json' });
    assert.equal(result.status, 1, result.stderr);
    assert.deepEqual(findingsOf(result).map((f) => f.file), ['a.env']);
  });
});
