// Bad input for the git commands: one clear line on stderr, the right exit code, never a stack trace.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeRepo, type Repo } from '../helpers/git-repo.js';

const repos: Repo[] = [];
function repo(init = true): Repo {
  const r = makeRepo({ init });
  repos.push(r);
  return r;
}

interface Case {
  name: string;
  run: () => { status: number | null; stderr: string };
  exit: number;
  says: RegExp;
}

const cases: Case[] = [
  { name: 'not a git repository (staged)', run: () => repo(false).keyfence(['staged']), exit: 3, says: /not a git repository/ },
  { name: 'not a git repository (history)', run: () => repo(false).keyfence(['history']), exit: 3, says: /not a git repository/ },
  { name: 'git not on PATH', run: () => repo().keyfence(['history'], { PATH: '/nonexistent' }), exit: 3, says: /git: not found on PATH; install git/ },
  { name: 'an empty repository has no history', run: () => repo().keyfence(['history']), exit: 3, says: /no commits yet/ },
  { name: 'a --since that is not a date, though git started early', run: () => repo().keyfence(['history', '--since', 'whenever']), exit: 2, says: /--since "whenever": not a date/ },
  {
    name: 'an unknown revision in --range',
    run: () => {
      const r = repo();
      r.commit('one', { 'a.txt': 'a\n' });
      return r.keyfence(['history', '--range', 'nope..HEAD']);
    },
    exit: 3,
    says: /--range: unknown revision "nope"/,
  },
  {
    name: 'a --range without two dots',
    run: () => {
      const r = repo();
      r.commit('one', { 'a.txt': 'a\n' });
      return r.keyfence(['history', '--range', 'HEAD']);
    },
    exit: 2,
    says: /--range HEAD: expected A\.\.B/,
  },
  {
    name: 'a shallow clone whose range base is missing names the fix',
    run: () => {
      const origin = repo();
      const first = origin.commit('one', { 'a.txt': 'a\n' });
      origin.commit('two', { 'a.txt': 'b\n' });
      origin.commit('three', { 'a.txt': 'c\n' });
      const clone = repo(false);
      clone.git('clone', '-q', '--depth', '1', `file://${origin.dir}`, '.');
      return clone.keyfence(['history', '--range', `${first}..HEAD`]);
    },
    exit: 3,
    says: /not in this shallow clone; .*git fetch --unshallow.*fetch-depth: 0/,
  },
  {
    name: 'a shallow clone whose range base is the boundary commit\'s parent (HEAD~1 at depth 1) names the fix, not a root',
    run: () => {
      const origin = repo();
      origin.commit('one', { 'a.txt': 'a\n' });
      origin.commit('two', { 'a.txt': 'b\n' });
      const clone = repo(false);
      clone.git('clone', '-q', '--depth', '1', `file://${origin.dir}`, '.');
      return clone.keyfence(['history', '--range', 'HEAD~1..HEAD']);
    },
    exit: 3,
    says: /HEAD~1 is not in this shallow clone; .*git fetch --unshallow/,
  },
  {
    name: 'a corrupted object',
    run: () => {
      const r = repo();
      r.commit('one', { 'a.txt': 'some text\n' });
      const blob = r.git('rev-parse', 'HEAD:a.txt').trim();
      const path = join(r.dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2));
      chmodSync(path, 0o644);
      writeFileSync(path, 'garbage');
      return r.keyfence(['history']);
    },
    exit: 3,
    says: /damaged object.*git fsck/,
  },
];

describe('git commands on bad input', () => {
  after(() => repos.forEach((r) => r.remove()));
  for (const c of cases) {
    it(c.name, () => {
      const result = c.run();
      assert.equal(result.status, c.exit, result.stderr);
      const lines = result.stderr.trim().split('\n');
      assert.equal(lines.length, 1, result.stderr);
      assert.match(lines[0] as string, /^keyfence: /);
      assert.match(result.stderr, c.says);
    });
  }
});
