// Range resolution against real git: full and shallow checkouts, new branches, force-pushes, unreachable origins.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolveScan, type GitContext } from '../../src/action/range.js';
import type { ScanRequest } from '../../src/action/event.js';
import { GitError } from '../../src/errors.js';
import { buildScenario, checkout, git, type Scenario } from './repo.js';

function context(cwd: string): GitContext & { lines: string[] } {
  const lines: string[] = [];
  return { cwd, remote: 'origin', log: (line) => lines.push(line), lines };
}

function commitsIn(cwd: string, range: string): string[] {
  return git(cwd, 'rev-list', range).split('\n').filter(Boolean).sort();
}

describe('action/range', () => {
  let s: Scenario;
  before(() => {
    s = buildScenario();
  });
  after(() => s.cleanup());

  it('uses base.sha..head.sha of a pull request in a full checkout without fetching', async () => {
    const ctx = context(checkout(s, 'pr-full', 'main'));
    const got = await resolveScan(ctx, { kind: 'range', base: s.sha.base, head: s.sha.head, label: 'pull request #7' });
    assert.deepEqual(got.args, ['--range', `${s.sha.base}..${s.sha.head}`]);
    assert.deepEqual(ctx.lines, []);
    assert.equal(commitsIn(ctx.cwd, `${s.sha.base}..${s.sha.head}`).length, s.prCommits);
  });

  it('fetches exactly the PR commits into a depth-1 checkout and gets the same range', async () => {
    const ctx = context(checkout(s, 'pr-shallow', 'main', 1));
    assert.equal(git(ctx.cwd, 'rev-parse', '--is-shallow-repository'), 'true');
    const got = await resolveScan(ctx, { kind: 'range', base: s.sha.base, head: s.sha.head, label: 'pull request #7', commits: s.prCommits });
    assert.deepEqual(got.args, ['--range', `${s.sha.base}..${s.sha.head}`]);
    assert.ok(ctx.lines.some((l) => /^git fetch --no-tags --quiet --depth=\d+ origin /.test(l)), ctx.lines.join('\n'));
    assert.deepEqual(commitsIn(ctx.cwd, `${s.sha.base}..${s.sha.head}`), commitsIn(s.source, `${s.sha.base}..${s.sha.head}`));
  });

  it('deepens a shallow checkout until the range is exact', async () => {
    const ctx = context(checkout(s, 'pr-deepen', 'main', 1));
    // A depth-1 fetch of both tips leaves the fork point out of reach; resolution must deepen.
    git(ctx.cwd, 'fetch', '-q', '--no-tags', '--depth=1', 'origin', s.sha.head);
    await resolveScan(ctx, { kind: 'range', base: s.sha.base, head: s.sha.head, label: 'pull request' });
    assert.deepEqual(commitsIn(ctx.cwd, `${s.sha.base}..${s.sha.head}`), commitsIn(s.source, `${s.sha.base}..${s.sha.head}`));
  });

  it('stops with a message naming fetch-depth: 0 when the shallow checkout cannot fetch', async () => {
    const ctx = context(checkout(s, 'pr-offline', 'main', 1));
    git(ctx.cwd, 'remote', 'set-url', 'origin', `${s.originUrl}-missing`);
    await assert.rejects(resolveScan(ctx, { kind: 'range', base: s.sha.base, head: s.sha.head, label: 'pull request' }), (error: unknown) => {
      assert.ok(error instanceof GitError);
      assert.match(`${error.message}; ${error.hint ?? ''}`, /fetch-depth: 0/);
      return true;
    });
  });

  it('scans before..after of an ordinary push', async () => {
    const ctx = context(checkout(s, 'push', 'feature'));
    const got = await resolveScan(ctx, { kind: 'push', before: s.sha.removed, after: s.sha.head, ref: 'refs/heads/feature', defaultBranch: 'main' });
    assert.deepEqual(got.args, ['--range', `${s.sha.removed}..${s.sha.head}`]);
    assert.deepEqual(got.notes, []);
  });

  it('scans a new branch from its nearest remote branch (commits no other branch has)', async () => {
    const ctx = context(checkout(s, 'new-full', 'feature'));
    const got = await resolveScan(ctx, { kind: 'new-branch', head: s.sha.head, ref: 'refs/heads/feature', defaultBranch: 'main' });
    // side's tip is the nearest: its key was already on a remote branch and is not rescanned.
    assert.deepEqual(got.args, ['--range', `${s.sha.side}..${s.sha.head}`]);
    assert.match(got.description, /since it left origin\/side/);
  });

  it('scans a new branch from the default branch merge base in a shallow checkout', async () => {
    const ctx = context(checkout(s, 'new-shallow', 'feature', 1));
    const got = await resolveScan(ctx, { kind: 'new-branch', head: s.sha.head, ref: 'refs/heads/feature', defaultBranch: 'main' });
    assert.deepEqual(got.args, ['--range', `${s.sha.forkPoint}..${s.sha.head}`]);
    assert.deepEqual(commitsIn(ctx.cwd, `${s.sha.forkPoint}..${s.sha.head}`), commitsIn(s.source, `${s.sha.forkPoint}..${s.sha.head}`));
  });

  it('scans from the divergence point after a force-push and says so', async () => {
    const dir = checkout(s, 'force', 'feature');
    const kept = git(dir, 'rev-parse', `${s.sha.removed}^`);
    git(dir, 'checkout', '-q', '-b', 'rewritten', kept);
    git(dir, 'commit', '-q', '--allow-empty', '-m', 'rewritten history');
    const rewritten = git(dir, 'rev-parse', 'HEAD');
    git(dir, 'push', '-q', 'origin', 'rewritten');
    const ctx = context(dir);
    const got = await resolveScan(ctx, { kind: 'push', before: s.sha.head, after: rewritten, ref: 'refs/heads/rewritten', defaultBranch: 'main', forced: true });
    assert.deepEqual(got.args, ['--range', `${kept}..${rewritten}`]);
    assert.match(got.notes.join('\n'), /force-push: .* is not an ancestor/);
    // Leave origin as the other cases expect it.
    git(dir, 'push', '-q', 'origin', '--delete', 'rewritten');
  });

  it('treats a force-push whose old tip is gone as a new branch, with a note', async () => {
    const ctx = context(checkout(s, 'force-gone', 'feature'));
    const gone = 'deadbeef'.repeat(5);
    const got = await resolveScan(ctx, { kind: 'push', before: gone, after: s.sha.head, ref: 'refs/heads/feature', defaultBranch: 'main', forced: true });
    assert.deepEqual(got.args, ['--range', `${s.sha.side}..${s.sha.head}`]);
    assert.match(got.notes.join('\n'), /previous tip deadbeefdead is gone/);
  });

  it('unshallows for a full-history scan', async () => {
    const ctx = context(checkout(s, 'full-shallow', 'main', 1));
    const got = await resolveScan(ctx, { kind: 'full', reason: 'schedule' });
    assert.deepEqual(got.args, ['--all']);
    assert.equal(git(ctx.cwd, 'rev-parse', '--is-shallow-repository'), 'false');
  });

  it('skips a range without commits (a PR whose head is already in its base)', async () => {
    const got = await resolveScan(context(s.source), { kind: 'range', base: s.sha.head, head: s.sha.removed, label: 'pull request' });
    assert.equal(got.skip, true);
    assert.match(got.description, /no commits to scan$/);
  });

  const skipCases: { name: string; request: ScanRequest }[] = [
    { name: 'skips a deleted branch', request: { kind: 'nothing', reason: 'refs/heads/x was deleted' } },
    { name: 'skips a push without new commits', request: { kind: 'push', before: 'a'.repeat(40), after: 'a'.repeat(40) } },
  ];
  for (const c of skipCases) {
    it(c.name, async () => {
      const got = await resolveScan(context(s.source), c.request);
      assert.equal(got.skip, true);
      assert.deepEqual(got.args, []);
    });
  }
});
