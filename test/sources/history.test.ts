// The history sweep's sharding: several git processes give exactly the findings of one (oldest commit, occurrences, order).
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fakeAccessKeyId, makeRepo, type Repo } from '../helpers/git-repo.js';
import { countCommits, startSweep } from '../../src/sources/history.js';
import { countSkip, createEngine, emptyStats, scanFragment } from '../../src/scan.js';
import { MESSAGE_FILE, type Fragment, type Stats } from '../../src/types.js';
import { loadConfig } from '../../src/config/load.js';

/** `count` commits on main via fast-import (fast); the same key is added in far-apart commits, another key once. */
function longHistory(r: Repo, count: number): void {
  const key = fakeAccessKeyId(11);
  const other = fakeAccessKeyId(12);
  const chunks: string[] = [];
  for (let c = 1; c <= count; c++) {
    const files: Record<string, string> = { [`src/f${c % 7}.txt`]: `change ${c}\n` };
    if (c === 5 || c === 60 || c === 110) files[`conf/app${c === 5 ? '' : c}.env`] = `AWS_ACCESS_KEY_ID=${key}\n`;
    if (c === 5) files['conf/keep.env'] = `AWS_ACCESS_KEY_ID=${key}\n`;
    // Removed, then added again in a commit that lands in another shard.
    if (c === 30) files['conf/keep.env'] = 'none\n';
    if (c === 100) files['conf/keep.env'] = `AWS_ACCESS_KEY_ID=${key}\n`;
    if (c === 90) files['late.env'] = `AWS_ACCESS_KEY_ID=${other}\n`;
    // In the root commit (its own git process when there are shards), removed, and added again in a later shard.
    if (c === 1 || c === 120) files['root.env'] = `AWS_ACCESS_KEY_ID=${key}\n`;
    if (c === 50) files['root.env'] = 'none\n';
    chunks.push(mainCommit(c, files));
  }
  fastImport(r, chunks);
  r.git('reset', '-q', '--hard', 'main');
}

/** The fast-import text of commit `c` on main, on top of commit c - 1, writing `files`. */
function mainCommit(c: number, files: Record<string, string>): string {
  const message = `commit ${c}`;
  const header = `commit refs/heads/main\nmark :${c}\nauthor A <a@example.com> ${1_600_000_000 + c * 60} +0000\ncommitter A <a@example.com> ${1_600_000_000 + c * 60} +0000\ndata ${message.length}\n${message}\n`;
  return header + (c > 1 ? `from :${c - 1}\n` : '') + Object.entries(files).map(([path, text]) => `M 100644 inline ${path}\ndata ${Buffer.byteLength(text)}\n${text}\n`).join('');
}

function fastImport(r: Repo, chunks: string[]): void {
  const result = spawnSync('git', ['fast-import', '--quiet'], { cwd: r.dir, input: chunks.join(''), encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
}

/** `count` one-commit orphan branches: every commit is a root, so whole shards' blocks go to the roots process. */
function rootsOnly(r: Repo, count: number): void {
  const chunks: string[] = [];
  for (let c = 1; c <= count; c++) {
    const text = c % 40 === 0 ? `AWS_ACCESS_KEY_ID=${fakeAccessKeyId(20 + c)}\n` : `root ${c}\n`;
    const message = `root ${c}`;
    chunks.push(`commit refs/heads/b${c}\nauthor A <a@example.com> ${1_600_000_000 + c * 60} +0000\ncommitter A <a@example.com> ${1_600_000_000 + c * 60} +0000\ndata ${message.length}\n${message}\n`);
    chunks.push(`M 100644 inline f${c}.env\ndata ${Buffer.byteLength(text)}\n${text}\n`);
  }
  fastImport(r, chunks);
  r.git('checkout', '-q', 'b1');
}

describe('sources/history', () => {
  const r = makeRepo();
  longHistory(r, 160);
  after(() => r.remove());
  const report = (threads: string): unknown => {
    const result = r.keyfence(['history', '--format', 'json', '--threads', threads]);
    assert.equal(result.status, 1, result.stderr);
    const json = JSON.parse(result.stdout) as { findings: unknown[]; stats: { durationMs?: number } };
    delete json.stats.durationMs;
    return json;
  };

  it('reports each secret once, at the oldest adding commit, with the occurrences and other files, whichever shard saw them', () => {
    const json = report('1') as { findings: { file: string; message: string; occurrences: number; locations?: { file: string; occurrences: number }[] }[] };
    assert.deepEqual(
      json.findings.map((f) => [f.file, f.message, f.occurrences, f.locations?.map((l) => `${l.file}×${l.occurrences}`)]),
      [
        ['late.env', 'commit 90', 1, undefined],
        // root.env twice, conf/keep.env twice, three other files once (commit 5's two files in name order).
        ['root.env', 'commit 1', 7, ['conf/app.env×1', 'conf/keep.env×2', 'conf/app60.env×1', 'conf/app110.env×1']],
      ],
    );
  });

  for (const threads of ['2', '3']) {
    it(`gives the same report with ${threads} git processes as with one`, () => assert.deepEqual(report(threads), report('1')));
  }
});

describe('sources/history with root commits only', () => {
  const r = makeRepo();
  rootsOnly(r, 120);
  after(() => r.remove());
  const report = (threads: string): { findings: { file: string; message: string }[]; stats: { durationMs?: number } } => {
    const result = r.keyfence(['history', '--all', '--format', 'json', '--threads', threads]);
    assert.equal(result.status, 1, result.stderr);
    const json = JSON.parse(result.stdout) as { findings: { file: string; message: string }[]; stats: { durationMs?: number } };
    delete json.stats.durationMs;
    return json;
  };

  it('finds the key of every root', () => {
    assert.deepEqual(report('1').findings.map((f) => [f.file, f.message]), [['f120.env', 'root 120'], ['f40.env', 'root 40'], ['f80.env', 'root 80']]);
  });

  // A shard given no commit must not fall back to HEAD (git log --stdin does): the counts would show it.
  it('gives the same report, counts included, when a whole shard is roots', () => assert.deepEqual(report('2'), report('1')));
});

/** Like longHistory, but the newest quarter of the commits each rewrites a big file: the newer half costs git far more. */
function lopsidedHistory(r: Repo, count: number): void {
  const chunks: string[] = [];
  for (let c = 1; c <= count; c++) {
    const files: Record<string, string> = { [`src/f${c % 7}.txt`]: `change ${c}\n` };
    if (c > (count * 3) / 4) files['big.txt'] = Array.from({ length: 3000 }, (_, i) => `line ${i} of version ${c}${i % 97 === c % 97 ? ` key = ${fakeAccessKeyId(c)}` : ''}`).join('\n');
    if (c === 10 || c === 390) files['conf/app.env'] = `AWS_ACCESS_KEY_ID=${fakeAccessKeyId(c)}\n`;
    chunks.push(mainCommit(c, files));
  }
  fastImport(r, chunks);
  r.git('reset', '-q', '--hard', 'main');
}

/** The sweep's result, or a failure after 20 s: a sweep that never settles would otherwise let the test process end
 *  with nothing reported (nothing else keeps it alive), so the timer is not unref'd. */
async function settled<T>([sweep]: [Promise<T>]): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('the sweep never finished')), 20_000)));
  try {
    return await Promise.race([sweep, stalled]);
  } finally {
    clearTimeout(timer);
  }
}

interface SweepReport {
  findings: unknown[];
  files: number;
  bytes: number;
  commits: number;
  skipped: Stats['skipped'];
}

/** One sweep of every ref through startSweep (not capped at the machine's cores, as --threads is): its findings and
 *  stats, and how many git processes it ran. A fragment of `slowFile` also takes the reader longer, whatever the
 *  machine's load. */
async function sweepOnce(dir: string, options: { shards: number; splitWorthMs?: number; slowFile?: string; maxFileSize?: number }): Promise<{ report: SweepReport; processes: number }> {
  const engine = createEngine(loadConfig(dir));
  const stats = emptyStats(engine.ruleSet.rules.length);
  // A split asked for (splitWorthMs) is made sure of: the first block waits until the other pair has met.
  const split = options.splitWorthMs !== undefined ? { splitWorthMs: options.splitWorthMs, holdFirstBlock: true } : {};
  const target = { cwd: dir, revs: ['--all'], shards: options.shards, ...split };
  const started = startSweep(target, await countCommits(target));
  const findings = await settled([
    started.scan({
      maxFileSize: options.maxFileSize ?? engine.config.maxFileSize,
      scan: (fragment) => {
        if (fragment.file === options.slowFile) for (const until = Date.now() + 2; Date.now() < until; );
        return scanFragment(fragment, engine);
      },
      onSkip: (reason) => countSkip(stats, reason),
      onFragment: (bytes) => {
        stats.files++;
        stats.bytes += bytes;
      },
      onCommit: () => void stats.commits++,
    }),
  ]);
  const report = { findings: findings.map((f) => [f.file, f.line, f.commit, f.occurrences]).sort(), files: stats.files, bytes: stats.bytes, commits: stats.commits, skipped: stats.skipped };
  return { report, processes: started.processes() };
}

describe('sources/history with processes walking towards each other', () => {
  const r = makeRepo();
  lopsidedHistory(r, 400);
  after(() => r.remove());
  const sweep = (shards: number, splitWorthMs?: number): Promise<{ report: SweepReport; processes: number }> => sweepOnce(r.dir, { shards, ...(splitWorthMs !== undefined ? { splitWorthMs } : {}), slowFile: 'big.txt' });

  it('has findings in both halves to compare', async () => {
    const { report } = await sweep(1);
    assert.ok(report.findings.length > 50);
  });

  // Files and bytes count each commit read: a commit read by both processes, or by neither, changes them.
  const shares: [string, number, number | undefined, (processes: number) => boolean][] = [
    ['two processes meet wherever the costs balance', 2, undefined, (n) => n === 2],
    ['three cores run one pair, leaving a core to keyfence', 3, undefined, (n) => n === 2],
    ['a pair that has met starts another in the middle of the longest stretch left', 4, 0, (n) => n > 4],
  ];
  for (const [name, shards, splitWorthMs, processes] of shares) {
    it(`gives the one-process report when ${name}`, async () => {
      const split = await sweep(shards, splitWorthMs);
      assert.ok(processes(split.processes), `${split.processes} processes`);
      assert.deepEqual(split.report, (await sweep(1)).report);
    });
  }

  it('finishes every time, also when one process reads a whole block before the other begins', async () => {
    const small = makeRepo();
    try {
      // One small file changed by every commit: git prints a whole block before node has read the other's first commit.
      const chunks: string[] = [];
      for (let c = 1; c <= 450; c++) chunks.push(mainCommit(c, { 'a.txt': c === 10 || c === 300 ? `key = ${fakeAccessKeyId(7)}\n` : `line ${c}\n` }));
      fastImport(small, chunks);
      const once = async (): Promise<number> => {
        const target = { cwd: small.dir, revs: ['--all'], shards: 2 };
        const started = startSweep(target, await countCommits(target));
        const engine = createEngine(loadConfig(small.dir));
        const hooks = { maxFileSize: 1 << 20, scan: (fragment: Fragment) => scanFragment(fragment, engine), onSkip: () => undefined, onFragment: () => undefined, onCommit: () => undefined };
        return (await settled([started.scan(hooks)])).length;
      };
      const counts: number[] = [];
      for (let i = 0; i < 40; i++) counts.push(await once());
      assert.deepEqual(new Set(counts), new Set([1]));
    } finally {
      small.remove();
    }
  });
});

/** A history as real ones come: two branches merged again and again, roots of their own, renames, binary and large
 *  files, keys (some only in messages), and the commits `git log -p --diff-filter=d` prints nothing for (empty, or
 *  deletions only). */
function messyHistory(r: Repo, count: number): void {
  const chunks: string[] = [];
  const tips: Record<string, number> = {};
  const files: Record<string, string[]> = { main: [], dev: [] };
  for (let c = 1; c <= count; c++) {
    const branch = c % 40 === 0 ? `root${c}` : c % 3 === 0 ? 'dev' : 'main';
    const own = (files[branch] ??= []);
    const parents = [tips[branch], c % 17 === 0 && branch === 'main' ? tips['dev'] : undefined].filter((p) => p !== undefined);
    let change: string;
    if (c % 11 === 0 && own.length > 1) change = `D ${own.shift() as string}\n`;
    else if (c % 13 === 0) change = '';
    else if (c % 19 === 0 && own.length > 0) {
      const from = own.shift() as string;
      own.push(`moved/${c}.txt`);
      change = `R ${from} moved/${c}.txt\n`;
    } else {
      const path = `${branch}/f${c % 23}.txt`;
      const text = c % 29 === 0 ? 'x'.repeat(5000) : c % 31 === 0 ? `key = ${fakeAccessKeyId(c % 4)}\n` : `line ${c}\n`;
      if (c % 23 === 0) change = `M 100644 inline ${branch}/b${c}.bin\ndata 4\nA\0B\n\n`;
      else {
        if (!own.includes(path)) own.push(path);
        change = `M 100644 inline ${path}\ndata ${Buffer.byteLength(text)}\n${text}\n`;
      }
    }
    // A key pasted into the message of commits that add, change nothing (c % 13) or only delete (c % 11).
    const message = `commit ${c}${c % 26 === 0 || c % 22 === 0 || c % 35 === 0 ? `\n\nthe old key was ${fakeAccessKeyId(200 + (c % 5))}\n` : ''}`;
    const time = `${1_600_000_000 + c * 60} +0000`;
    chunks.push(`commit refs/heads/${branch}\nmark :${c}\ncommitter A <a@example.com> ${time}\ndata ${Buffer.byteLength(message)}\n${message}\n${parents.map((p, i) => `${i === 0 ? 'from' : 'merge'} :${p}\n`).join('')}${change}`);
    tips[branch] = c;
  }
  fastImport(r, chunks);
}

describe('sources/history with commits git prints nothing for', () => {
  const r = makeRepo();
  messyHistory(r, 900);
  after(() => r.remove());
  const sweep = (shards: number, splitWorthMs?: number): Promise<{ report: SweepReport; processes: number }> => sweepOnce(r.dir, { shards, maxFileSize: 4096, ...(splitWorthMs !== undefined ? { splitWorthMs } : {}) });

  it('has silent commits, merges, skips and findings to count', async () => {
    const { report } = await sweep(1);
    const printed = r.git('log', '--all', '-p', '--diff-filter=d', '--format=%x01%H').split('\x01').length - 1;
    assert.ok(report.commits - printed > 100, `${report.commits} commits, ${printed} printed`);
    assert.ok(Number(r.git('rev-list', '--all', '--merges', '--count')) > 10);
    assert.ok((report.skipped.binary ?? 0) > 0 && (report.skipped['too-large'] ?? 0) > 0, JSON.stringify(report.skipped));
    assert.ok(report.findings.length > 0);
  });

  it('finds the keys of messages, also of commits that change nothing or only delete, at the oldest commit', async () => {
    const { report } = await sweep(1);
    const messages = (report.findings as [string, number, string, number][]).filter(([file]) => file === MESSAGE_FILE);
    // Five keys (200..204), each at line 3 of the oldest message holding it.
    assert.equal(messages.length, 5, JSON.stringify(messages));
    assert.ok(messages.every(([, line]) => line === 3));
    const subjects = new Set(messages.map(([, , commit]) => r.git('log', '-1', '--format=%s', commit)));
    const quiet = [...subjects].filter((subject) => Number(subject.split(' ')[1]) % 13 === 0 || Number(subject.split(' ')[1]) % 11 === 0);
    assert.ok(quiet.length > 0, `message findings at ${[...subjects].join(', ')}`);
  });

  // Each commit's files, bytes and skips counted once, by whichever process reached it: every run, every split.
  const shares: [string, number, number | undefined][] = [
    ['two processes meet', 2, undefined],
    ['pairs start in the stretches left', 4, 0],
  ];
  for (const [name, shards, splitWorthMs] of shares) {
    it(`gives the one-process stats and findings in five runs when ${name}`, async () => {
      const one = (await sweep(1)).report;
      for (let run = 0; run < 5; run++) assert.deepEqual((await sweep(shards, splitWorthMs)).report, one, `run ${run + 1}`);
    });
  }

  it('gives the one-thread JSON stats with --threads 2', () => {
    const stats = (threads: string): unknown => {
      const result = r.keyfence(['history', '--all', '--format', 'json', '--threads', threads]);
      assert.equal(result.status, 1, result.stderr);
      const json = JSON.parse(result.stdout) as { stats: { durationMs?: number } };
      delete json.stats.durationMs;
      return json;
    };
    assert.deepEqual(stats('2'), stats('1'));
  });
});
