// keyfence history against real repositories: the introducing commit, merges, side branches, ranges, de-duplication.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, fakeAccessKeyId, findingsOf, makeRepo, startConflictingMerge, type Repo } from '../helpers/git-repo.js';

const repos: Repo[] = [];
function repo(): Repo {
  const r = makeRepo();
  repos.push(r);
  return r;
}

describe('keyfence history', () => {
  after(() => repos.forEach((r) => r.remove()));

  it('finds a key added in one commit and deleted two commits later, at the adding commit with its author', () => {
    const r = repo();
    r.commit('base', { 'README.md': 'hello\n' });
    r.git('config', 'user.name', 'Leaky Dev');
    r.git('config', 'user.email', 'leaky@example.com');
    const leak = r.commit('add config', { 'conf/app.env': `A=1\nAWS_ACCESS_KEY_ID=${fakeAccessKeyId()}\n` });
    r.git('config', 'user.name', 'Test Author');
    r.commit('unrelated', { 'README.md': 'hello again\n' });
    r.git('rm', '-q', 'conf/app.env');
    r.commit('remove config');
    const result = r.keyfence(['history', '--format', 'json']);
    const [finding, ...rest] = findingsOf(result);
    assert.equal(rest.length, 0);
    assert.equal(result.status, 1);
    assert.deepEqual(
      { file: finding?.file, line: finding?.line, commit: finding?.commit, author: finding?.author, email: finding?.email, message: finding?.message, occurrences: finding?.occurrences },
      { file: 'conf/app.env', line: 2, commit: leak, author: 'Leaky Dev', email: 'leaky@example.com', message: 'add config', occurrences: 1 },
    );
  });

  it('finds a key that first appears in a merge commit (a conflict resolution)', () => {
    const r = repo();
    startConflictingMerge(r);
    r.write('f.txt', `a\nmain\nside\nkey = ${fakeAccessKeyId()}\n`);
    const merge = r.commit('merge side');
    const findings = findingsOf(r.keyfence(['history', '--format', 'json']));
    assert.deepEqual(findings.map((f) => [f.file, f.line, f.commit]), [['f.txt', 4, merge]]);
  });

  it('scans nothing for an empty range even when HEAD holds a key', () => {
    const r = repo();
    r.commit('leak', { 'a.env': `AWS_ACCESS_KEY_ID=${fakeAccessKeyId()}\n` });
    const result = r.keyfence(['history', '--range', 'HEAD..HEAD', '--format', 'json']);
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(findingsOf(result), []);
  });

  it('finds a key in a UTF-16 file (binary to git) that was committed and deleted, and counts real binaries as skipped', () => {
    const r = repo();
    r.commit('base', { 'README.md': 'hello\n' });
    const utf16 = (text: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    r.write('settings.reg', utf16(`Windows Registry Editor Version 5.00\r\n\r\n"AccessKey"="${fakeAccessKeyId()}"\r\n`));
    r.write('logo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    r.write('blob.bin', Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from('AKIA')]));
    const leak = r.commit('add settings');
    r.git('rm', '-q', 'settings.reg');
    r.commit('remove settings');
    const result = r.keyfence(['history', '--format', 'json']);
    assert.equal(result.status, 1, result.stderr);
    assert.deepEqual(findingsOf(result).map((f) => [f.file, f.line, f.commit]), [['settings.reg', 3, leak]]);
    const { skipped } = (JSON.parse(result.stdout) as { stats: { skipped: Record<string, number> } }).stats;
    assert.equal(skipped.binary, 2);
  });

  it('skips, and counts, a binary-to-git file larger than --max-file-size without reading it', () => {
    const r = repo();
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`key = ${fakeAccessKeyId()}\r\n`.padEnd(4000, ' '), 'utf16le')]);
    r.write('big.txt', utf16);
    r.commit('big');
    const result = r.keyfence(['history', '--format', 'json', '--max-file-size', '1000']);
    assert.equal(result.status, 0, result.stderr);
    assert.equal((JSON.parse(result.stdout) as { stats: { skipped: Record<string, number> } }).stats.skipped['too-large'], 1);
  });

  it('stops with the config error, and leaves no git process waiting, when the config is bad', () => {
    const r = repo();
    // Enough diff text to fill the pipes: a git process nobody reads or stops would wait forever.
    r.commit('leak', { 'a.env': `AWS_ACCESS_KEY_ID=${fakeAccessKeyId()}\n`, 'big.txt': 'filler line\n'.repeat(40_000), '.keyfence.json': '{ "allow": ' });
    // The timeout is the hang guard: a run it stops has status null and a signal.
    const result = spawnSync(process.execPath, [BIN, 'history'], { cwd: r.dir, encoding: 'utf8', timeout: 60_000 });
    assert.equal(result.status, 2, `${result.signal ?? ''} ${result.stderr}`);
    assert.match(result.stderr, /^keyfence: \.keyfence\.json: not valid JSON/);
  });

  it('finds a key on a side branch only with --all', () => {
    const r = repo();
    r.commit('base', { 'a.txt': 'a\n' });
    r.git('checkout', '-q', '-b', 'experiment');
    const side = r.commit('try', { 'b.txt': `key = ${fakeAccessKeyId()}\n` });
    r.git('checkout', '-q', 'main');
    assert.deepEqual(findingsOf(r.keyfence(['history', '--format', 'json'])), []);
    const all = findingsOf(r.keyfence(['history', '--all', '--format', 'json']));
    assert.deepEqual(all.map((f) => [f.file, f.commit]), [['b.txt', side]]);
  });

  it('reports a key added in several commits once, at the oldest, counting the commits that added it', () => {
    const r = repo();
    const key = fakeAccessKeyId();
    const first = r.commit('one', { 'a.txt': `key = ${key}\nsame = ${key}\n` });
    r.commit('two', { 'a.txt': 'gone\n' });
    r.commit('three', { 'a.txt': `back\nkey = ${key}\n` });
    r.git('checkout', '-q', '-b', 'other');
    r.commit('four', { 'a.txt': `again\n\nexport KEY=${key}\n` });
    const findings = findingsOf(r.keyfence(['history', '--all', '--format', 'json', '--threads', '2']));
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.commit, first);
    assert.equal(findings[0]?.line, 1);
    assert.equal(findings[0]?.occurrences, 3);
  });

  it('reports a secret copied into other files once, at the file and commit that had it first, listing the others', () => {
    const r = repo();
    const key = fakeAccessKeyId();
    const first = r.commit('one', { 'app/a.env': `AWS_ACCESS_KEY_ID=${key}\n` });
    const second = r.commit('two', { 'deploy/b.env': `x=1\nAWS_ACCESS_KEY_ID=${key}\n` });
    const third = r.commit('three', { 'ci/c.env': `AWS_ACCESS_KEY_ID=${key}\n`, 'deploy/b.env': 'x=1\n' });
    r.commit('four', { 'deploy/b.env': `x=1\nAWS_ACCESS_KEY_ID=${key}\n` });
    for (const threads of ['1', '2']) {
      const result = r.keyfence(['history', '--format', 'json', '--threads', threads]);
      const findings = findingsOf(result) as (ReturnType<typeof findingsOf>[number] & { fingerprint: string; locations?: { file: string; line: number; commit: string; occurrences: number; fingerprint: string }[] })[];
      assert.equal(findings.length, 1, result.stdout);
      const [finding] = findings;
      assert.deepEqual([finding?.file, finding?.commit, finding?.occurrences], ['app/a.env', first, 4]);
      assert.deepEqual(finding?.locations?.map((l) => [l.file, l.line, l.commit, l.occurrences]), [['deploy/b.env', 2, second, 2], ['ci/c.env', 1, third, 1]]);
    }
    // An ignore entry names one file's fingerprint: the copies elsewhere are still reported, the oldest of them first.
    const [finding] = findingsOf(r.keyfence(['history', '--format', 'json'])) as unknown as { fingerprint: string }[];
    r.write('.keyfence-ignore', `${finding?.fingerprint} # a test key in app/a.env\n`);
    const rest = findingsOf(r.keyfence(['history', '--format', 'json'])) as unknown as { file: string; locations?: { file: string }[] }[];
    assert.deepEqual(rest.map((f) => [f.file, f.locations?.map((l) => l.file)]), [['deploy/b.env', ['ci/c.env']]]);
  });

  it('keeps the oldest commit when a long history is split across two git processes', () => {
    const r = repo();
    const key = fakeAccessKeyId();
    const stream: string[] = [];
    for (let i = 1; i <= 450; i++) {
      const body = i === 10 ? `key = ${key}\n` : i === 300 ? `line ${i}\nexport KEY=${key}\n` : `line ${i}\n`;
      stream.push(`commit refs/heads/main\nmark :${i}\ncommitter T <t@example.com> ${1_600_000_000 + i * 60} +0000\ndata ${String(i).length + 1}\nc${i}\n${i > 1 ? `from :${i - 1}\n` : ''}M 100644 inline a.txt\ndata ${Buffer.byteLength(body)}\n${body}\n`);
    }
    const imported = spawnSync('git', ['fast-import', '--quiet'], { cwd: r.dir, input: stream.join('') });
    assert.equal(imported.status, 0, String(imported.stderr));
    const tenth = r.git('rev-list', '--reverse', 'main').split('\n')[9];
    const findings = findingsOf(r.keyfence(['history', '--all', '--threads', '2', '--format', 'json']));
    assert.deepEqual(findings.map((f) => [f.commit, f.occurrences]), [[tenth, 2]]);
  });

  it('limits the scan to --range A..B, and treats a root commit\'s A^ as the whole history', () => {
    const r = repo();
    const root = r.commit('root', { 'old.txt': `key = ${fakeAccessKeyId()}\n` });
    const base = r.commit('base', { 'x.txt': 'x\n' });
    const head = r.commit('new', { 'new.txt': `key = ${fakeAccessKeyId()}\n` });
    assert.deepEqual(findingsOf(r.keyfence(['history', '--range', `${base}..${head}`, '--format', 'json'])).map((f) => f.file), ['new.txt']);
    assert.deepEqual(findingsOf(r.keyfence(['history', '--range', `${root}^..${head}`, '--format', 'json'])).map((f) => f.file).sort(), ['new.txt', 'old.txt']);
    assert.deepEqual(findingsOf(r.keyfence(['history', '--range', `${'0'.repeat(40)}..${head}`, '--format', 'json'])).length, 2);
  });

  it('limits the scan to commits newer than --since', () => {
    const r = repo();
    r.commit('old', { 'old.txt': `key = ${fakeAccessKeyId()}\n` }, '2001-01-01T00:00:00Z');
    r.commit('new', { 'new.txt': `key = ${fakeAccessKeyId()}\n` });
    const findings = findingsOf(r.keyfence(['history', '--since', '2020-01-01', '--format', 'json']));
    assert.deepEqual(findings.map((f) => f.file), ['new.txt']);
    assert.equal(findingsOf(r.keyfence(['history', '--format', 'json'])).length, 2);
  });

  it('honours allow.paths from .keyfence.json', () => {
    const r = repo();
    r.commit('fixtures', { '.keyfence.json': '{"allow":{"paths":["fixtures/**"]}}', 'fixtures/k.txt': `key = ${fakeAccessKeyId()}\n` });
    const result = r.keyfence(['history', '--format', 'json']);
    assert.deepEqual(findingsOf(result), []);
    assert.equal(result.status, 0);
  });

  describe('git processes started before the CLI loads', () => {
    /** 260 commits (enough for two shards and a root process), keys on main, on a side branch and in the root. */
    function sweptRepo(): { r: Repo; keys: number } {
      const r = repo();
      const stream: string[] = [];
      for (let i = 1; i <= 260; i++) {
        const body = i === 1 || i === 90 || i === 200 ? `line ${i}\nkey = ${fakeAccessKeyId(i)}\n` : `line ${i}\n`;
        stream.push(`commit refs/heads/main\nmark :${i}\ncommitter T <t@example.com> ${1_600_000_000 + i * 60} +0000\ndata ${String(i).length + 1}\nc${i}\n${i > 1 ? `from :${i - 1}\n` : ''}M 100644 inline f${i % 5}.txt\ndata ${Buffer.byteLength(body)}\n${body}\n`);
      }
      stream.push(`commit refs/heads/side\nmark :999\ncommitter T <t@example.com> ${1_600_100_000} +0000\ndata 4\nside\nfrom :100\nM 100644 inline side.txt\ndata 70\nkey = ${fakeAccessKeyId(999)}\n${'x'.repeat(70 - 7 - 20 - 1)}\n`);
      const imported = spawnSync('git', ['fast-import', '--quiet'], { cwd: r.dir, input: stream.join('') });
      assert.equal(imported.status, 0, String(imported.stderr));
      r.git('reset', '-q', '--hard', 'main');
      return { r, keys: 4 };
    }

    /** The git commands a run started (GIT_TRACE2_EVENT), as their arguments. */
    function gitStarts(r: Repo, args: string[]): { starts: string[][]; result: ReturnType<Repo['keyfence']> } {
      const trace = join(r.dir, '.git', 'trace2.json');
      const result = r.keyfence(args, { GIT_TRACE2_EVENT: trace });
      const events = readFileSync(trace, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { event: string; argv?: string[] });
      rmSync(trace);
      return { starts: events.filter((e) => e.event === 'start').map((e) => (e.argv ?? []).slice(1)), result };
    }

    it('finds the same as a run that starts them after reading its arguments', () => {
      const { r, keys } = sweptRepo();
      const early = findingsOf(r.keyfence(['history', '--all', '--threads', '2', '--format', 'json']));
      // A KEYFENCE_* variable is a flag yargs must read first: that run starts git only afterwards.
      const late = findingsOf(r.keyfence(['history', '--all', '--threads', '2'], { KEYFENCE_FORMAT: 'json' }));
      assert.equal(early.length, keys);
      assert.deepEqual(early, late);
    });

    it('uses the processes it started early instead of starting them again', () => {
      const { r } = sweptRepo();
      const { starts, result } = gitStarts(r, ['history', '--all', '--threads', '2', '--format', 'json']);
      assert.equal(findingsOf(result).length, 4);
      const count = (want: (argv: string[]) => boolean): number => starts.filter(want).length;
      assert.equal(count((a) => a.includes('rev-list') && a.includes('--count')), 1);
      assert.equal(count((a) => a.includes('rev-list') && a.includes('--date-order')), 1);
      assert.equal(count((a) => a.includes('--is-shallow-repository')), 1);
      // Two shards and one for the root commit; a helper taking over half of a slow shard may add one.
      assert.ok(count((a) => a.includes('log')) <= 4, JSON.stringify(starts));
    });

    it('sweeps from a subfolder as from the repository root', () => {
      const { r } = sweptRepo();
      mkdirSync(join(r.dir, 'sub', 'deeper'), { recursive: true });
      const fromRoot = findingsOf(r.keyfence(['history', '--all', '--format', 'json']));
      const fromSub = spawnSync(process.execPath, [BIN, 'history', '--all', '--format', 'json'], { cwd: join(r.dir, 'sub', 'deeper'), encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      assert.deepEqual(findingsOf(fromSub), fromRoot);
    });

    const ends: [string, string[], number][] = [
      ['a history too short for the processes it started (more threads than commits need)', ['history', '--threads', '6', '--format', 'json'], 1],
      ['--help, which sweeps nothing', ['history', '--all', '--help'], 0],
      ['a flag yargs refuses after the start', ['history', '--all', '--fail-on', 'never'], 2],
    ];
    for (const [name, args, exit] of ends) {
      it(`exits, leaving no git process waiting, after ${name}`, () => {
        const r = repo();
        r.commit('one', { 'a.txt': `key = ${fakeAccessKeyId()}\n` });
        const result = spawnSync(process.execPath, [BIN, ...args], { cwd: r.dir, encoding: 'utf8', timeout: 30_000, env: { ...process.env, NO_COLOR: '1' } });
        assert.equal(result.status, exit, result.stderr);
      });
    }
  });
});
