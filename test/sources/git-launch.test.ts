// git-launch.cts: the history flags read before yargs, and git processes started early and taken by equal requests.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { makeRepo, type Repo } from '../helpers/git-repo.js';
import { EarlyGit, earlySelection, findRepoRoot, logArgs, startHistoryEarly, STREAM_ENV } from '../../src/sources/git-launch.cjs';
import { gitOutput, startGit, useEarlyGit } from '../../src/sources/git.js';

const repos: Repo[] = [];
function repo(): Repo {
  const r = makeRepo();
  repos.push(r);
  r.commit('one', { 'a.txt': 'a\n' });
  return r;
}

describe('sources/git-launch', () => {
  after(() => {
    useEarlyGit(undefined);
    repos.forEach((r) => r.remove());
  });

  describe('earlySelection', () => {
    const cases: [string, string[], ReturnType<typeof earlySelection>][] = [
      ['a bare history sweeps HEAD', ['history'], { all: false }],
      ['--all sweeps every ref', ['history', '--all'], { all: true }],
      ['--since and --threads take the next argument', ['history', '--since', '2 weeks ago', '--threads', '3'], { all: false, since: '2 weeks ago', threads: 3 }],
      ['--since= and --threads= carry their value', ['history', '--all', '--since=2024-01-31', '--threads=2'], { all: true, since: '2024-01-31', threads: 2 }],
      ['report flags and their values do not change the commits', ['history', '--format', 'json', '-o', 'out.json', '-q', '--no-color', '--config', 'c.json'], { all: false }],
      ['a value that looks like a flag is still a value', ['history', '--output', '--all'], { all: false }],
      ['--range needs git to resolve it first', ['history', '--range', 'a..b'], undefined],
      ['--threads 0 is left to the CLI to refuse', ['history', '--threads', '0'], undefined],
      ['a --threads that is not a number is left to the CLI', ['history', '--threads', 'many'], undefined],
      ['--since without a value is left to the CLI', ['history', '--since'], undefined],
      ['--all=false is a form not read early', ['history', '--all=false'], undefined],
      ['an unknown flag is left to the CLI', ['history', '--bogus'], undefined],
      ['a positional argument is left to the CLI', ['history', 'src'], undefined],
      ['--help is left to the CLI', ['history', '--help'], undefined],
      ['other commands start nothing early', ['scan', '--all'], undefined],
    ];
    for (const [name, args, want] of cases) it(name, () => assert.deepEqual(earlySelection(args), want));
  });

  describe('EarlyGit', () => {
    it('hands a finished process, output and all, to the first request with the same arguments, once', async () => {
      const r = repo();
      const early = new EarlyGit(r.dir);
      early.launch(['rev-list', '--count', 'HEAD', '--']);
      // Let it exit before anyone asks: its output must not be lost.
      await new Promise((resolve) => setTimeout(resolve, 300));
      useEarlyGit(early);
      try {
        assert.equal(await gitOutput(['rev-list', '--count', 'HEAD', '--'], { cwd: r.dir }), '1\n');
        assert.equal(early.left, 0);
        assert.equal(await gitOutput(['rev-list', '--count', 'HEAD', '--'], { cwd: r.dir }), '1\n');
      } finally {
        useEarlyGit(undefined);
      }
    });

    it('keeps git\'s own words when the early process failed', async () => {
      const r = repo();
      const early = new EarlyGit(r.dir);
      early.launch(['rev-list', '--count', 'no-such-branch', '--']);
      useEarlyGit(early);
      try {
        await assert.rejects(gitOutput(['rev-list', '--count', 'no-such-branch', '--'], { cwd: r.dir }), /no-such-branch/);
        assert.equal(early.left, 0);
      } finally {
        useEarlyGit(undefined);
      }
    });

    const mismatches: [string, (r: Repo) => [string[], string, NodeJS.ProcessEnv | undefined]][] = [
      ['other arguments', (r) => [['rev-list', '--count', '--all', '--'], r.dir, undefined]],
      ['another folder', (r) => [['rev-list', '--count', 'HEAD', '--'], join(r.dir, 'sub'), undefined]],
      ['another environment', (r) => [['rev-list', '--count', 'HEAD', '--'], r.dir, { GIT_FLUSH: '0' }]],
    ];
    for (const [name, request] of mismatches) {
      it(`does not hand a process to a request with ${name}`, () => {
        const r = repo();
        mkdirSync(join(r.dir, 'sub'), { recursive: true });
        const early = new EarlyGit(r.dir);
        early.launch(['rev-list', '--count', 'HEAD', '--']);
        const [args, cwd, env] = request(r);
        assert.equal(early.take(args, cwd, env), undefined);
        assert.equal(early.left, 1);
        early.drop();
      });
    }

    it('ends the processes nobody took, so none waits for its input forever', async () => {
      const r = repo();
      const early = new EarlyGit(r.dir);
      const waiting = early.launch(logArgs(), STREAM_ENV);
      early.drop();
      assert.equal(early.left, 0);
      // A hang guard, generous for a loaded machine: the kill is sent at once, only the exit is waited for.
      const timeout = new Promise((resolve) => setTimeout(() => resolve('still running'), 30_000).unref());
      // Killed (code null), not ended by closing its input: `git log --stdin` would then walk HEAD.
      assert.deepEqual(await Promise.race([waiting.exited, timeout]), { code: null });
    });
  });

  describe('startHistoryEarly', () => {
    it('starts what the sweep asks for first, in the repository root even from a subfolder', async () => {
      const r = repo();
      mkdirSync(join(r.dir, 'sub', 'deeper'), { recursive: true });
      const started = startHistoryEarly(['history', '--all', '--threads', '2'], join(r.dir, 'sub', 'deeper'));
      assert.ok(started);
      assert.equal(started.git.cwd, findRepoRoot(r.dir));
      // The list, the count, the shallow check and a pair of git log processes.
      assert.equal(started.git.left, 5);
      useEarlyGit(started.git);
      try {
        const log = startGit(logArgs(), { cwd: started.git.cwd, env: STREAM_ENV }, true);
        assert.equal(started.git.left, 4);
        log.child.stdin.end(`${r.git('rev-parse', 'HEAD').trim()}\n`);
        const chunks: Buffer[] = [];
        for await (const chunk of log.output ?? log.child.stdout) chunks.push(chunk as Buffer);
        await log.finished;
        assert.match(Buffer.concat(chunks).toString('utf8'), /\+a/);
      } finally {
        useEarlyGit(undefined);
        started.git.drop();
      }
      assert.equal(started.git.left, 0);
    });

    const counts: [string, string, number][] = [
      ['one core', '1', 1],
      ['three cores (a pair, the odd core left to keyfence)', '3', 2],
      ['four cores (two pairs)', '4', 4],
      ['--threads 64 on four cores (capped at the cores, as the CLI does)', '64', 4],
    ];
    for (const [name, threads, logs] of counts) {
      it(`starts ${logs} git log processes for ${name}`, () => {
        const started = startHistoryEarly(['history', '--threads', threads], process.cwd(), 4);
        assert.ok(started);
        try {
          assert.equal(started.git.left, 3 + logs);
        } finally {
          started.git.drop();
        }
      });
    }

    it('starts nothing for arguments it does not read', () => {
      assert.equal(startHistoryEarly(['history', '--range', 'a..b'], process.cwd()), undefined);
    });
  });
});
