// Bad input for the sources (issue 13): large blobs, huge stdin, odd names, lying byte-order marks, submodules, bare
// repositories and stale reports each end in a counted skip, a finding or a clear error, never a hang or a silent miss.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, fakeAccessKeyId, makeRepo, type Repo } from '../helpers/git-repo.js';

const repos: Repo[] = [];
function repo(init = true): Repo {
  const r = makeRepo({ init });
  repos.push(r);
  return r;
}

interface Outcome {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Peak resident memory of keyfence's own process (kB), when measured. */
  maxRssKb?: number;
}

interface Report {
  findings: { file: string; line: number; ruleId: string }[];
  stats: { skipped: Record<string, number> };
}

function report(outcome: Outcome): Report {
  try {
    return JSON.parse(outcome.stdout) as Report;
  } catch {
    throw new Error(`not JSON (exit ${outcome.status}): ${outcome.stdout}\n${outcome.stderr}`);
  }
}

/** Runs keyfence in `r`, measuring its own peak RSS (process.resourceUsage in the child, git's processes apart);
 *  `stdinBytes` zero bytes are piped in through `head`, so the test process never holds them. */
function measured(r: Repo, args: string[], stdinBytes?: number): Outcome {
  const probe = join(r.dir, '.rss-probe.cjs');
  const out = join(r.dir, '.rss');
  writeFileSync(probe, `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(out)}, String(process.resourceUsage().maxRSS)));\n`);
  const quoted = [process.execPath, '-r', probe, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const command = stdinBytes === undefined ? `${quoted} < /dev/null` : `head -c ${stdinBytes} /dev/zero | ${quoted}`;
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: r.dir, NO_COLOR: '1' };
  const result = spawnSync('sh', ['-c', command], { cwd: r.dir, env, encoding: 'utf8', timeout: 120_000 });
  const maxRssKb = existsSync(out) ? Number(readFileSync(out, 'utf8')) : undefined;
  rmSync(probe, { force: true });
  rmSync(out, { force: true });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, ...(maxRssKb !== undefined ? { maxRssKb } : {}) };
}

const MIB = 1024 * 1024;
/** Generous: node and the CLI take about 70 MB; holding the input (as before) took several times its size. */
const RSS_BOUND_KB = 200 * 1024;

interface Case {
  name: string;
  run: () => Outcome;
  status: number;
  /** Checks on the outcome beyond the exit code. */
  check: (outcome: Outcome) => void;
}

const skipped = (reason: string, count: number) => (outcome: Outcome) => assert.equal(report(outcome).stats.skipped[reason], count, outcome.stdout);
const foundIn = (...files: string[]) => (outcome: Outcome) => assert.deepEqual(report(outcome).findings.map((f) => f.file).sort(), [...files].sort(), outcome.stdout);

const cases: Case[] = [
  {
    name: 'staged: a 2 MiB and a 50 MiB binary are counted as too large, and the commit passes (no deadlock, no exit 3)',
    run: () => {
      const r = repo();
      r.write('logo.bin', randomBytes(2 * MIB));
      r.write('video.bin', randomBytes(50 * MIB));
      r.git('add', '-A');
      const outcome = measured(r, ['staged', '--format', 'json']);
      // The blobs never enter memory: their sizes are asked first.
      rmSync(join(r.dir, 'video.bin'));
      return outcome;
    },
    status: 0,
    check: (outcome) => {
      skipped('too-large', 2)(outcome);
      assert.ok((outcome.maxRssKb ?? Infinity) < RSS_BOUND_KB, `peak RSS ${outcome.maxRssKb} kB`);
    },
  },
  {
    name: 'history: a 64 MB text file is counted as too large without its added lines being held',
    run: () => {
      const r = repo();
      r.commit('big', { 'dump.sql': 'INSERT INTO t VALUES (1, "some value that is not a secret");\n'.repeat((64 * MIB) / 59) });
      rmSync(join(r.dir, 'dump.sql'));
      return measured(r, ['history', '--format', 'json']);
    },
    status: 0,
    check: (outcome) => {
      skipped('too-large', 1)(outcome);
      assert.ok((outcome.maxRssKb ?? Infinity) < RSS_BOUND_KB, `peak RSS ${outcome.maxRssKb} kB`);
    },
  },
  {
    name: 'scan --stdin: 512 MiB of zeros are read to the end and counted as too large, in bounded memory',
    run: () => measured(repo(false), ['scan', '--stdin', '--format', 'json'], 512 * MIB),
    status: 0,
    check: (outcome) => {
      skipped('too-large', 1)(outcome);
      assert.ok((outcome.maxRssKb ?? Infinity) < RSS_BOUND_KB, `peak RSS ${outcome.maxRssKb} kB`);
    },
  },
  {
    name: 'history --threads 64 is capped at the cores and says so',
    run: () => {
      const r = repo();
      r.commit('one', { 'a.txt': 'a\n' });
      return r.keyfence(['history', '--threads', '64', '--format', 'json']);
    },
    status: 0,
    check: (outcome) => assert.match(outcome.stderr, /^keyfence: --threads 64: capped at \d+, the number of cores\n$/),
  },
  {
    name: 'scan --threads 64 is capped at the cores and says so',
    run: () => {
      const r = repo(false);
      r.write('a.txt', 'a\n');
      return r.keyfence(['scan', '.', '--threads', '64', '--format', 'json']);
    },
    status: 0,
    check: (outcome) => assert.match(outcome.stderr, /^keyfence: --threads 64: capped at \d+, the number of cores\n$/),
  },
  {
    name: 'scan of a plain folder: a name with a newline and a name that is not UTF-8 are scanned; a path past PATH_MAX is counted',
    run: () => {
      const r = repo(false);
      r.write('new\nline.env', `AWS_ACCESS_KEY_ID=${fakeAccessKeyId(1)}\n`);
      writeFileSync(Buffer.from(`${r.dir}/bad\xffname.env`, 'latin1'), `AWS_ACCESS_KEY_ID=${fakeAccessKeyId(2)}\n`);
      // 45 folders of 100 characters: past Linux's 4096-byte PATH_MAX, built one relative step at a time (chdir), in
      // a child process so this test's own working folder stays put.
      const build = `const fs = require('fs'); for (let i = 0; i < 45; i++) { fs.mkdirSync('${'d'.repeat(100)}'); process.chdir('${'d'.repeat(100)}'); } fs.writeFileSync('deep.env', 'AWS_ACCESS_KEY_ID=${fakeAccessKeyId(3)}\\n');`;
      const built = spawnSync(process.execPath, ['-e', build], { cwd: r.dir, encoding: 'utf8' });
      assert.equal(built.status, 0, built.stderr);
      const outcome = r.keyfence(['scan', '.', '--format', 'json']);
      // rm cannot always remove such a tree by its long path either: remove it the way it was built.
      spawnSync('sh', ['-c', `rm -rf ${'d'.repeat(100)}`], { cwd: r.dir });
      return outcome;
    },
    status: 1,
    check: (outcome) => {
      foundIn('bad\\xffname.env', 'new\nline.env')(outcome);
      skipped('path-too-long', 1)(outcome);
      assert.equal(report(outcome).stats.skipped.deleted, undefined, 'nothing counted as deleted');
    },
  },
  {
    name: 'scan: the text report shows a file name with a newline on one quoted line',
    run: () => {
      const r = repo(false);
      r.write('new\nline.env', `AWS_ACCESS_KEY_ID=${fakeAccessKeyId(4)}\n`);
      return r.keyfence(['scan', '.']);
    },
    status: 1,
    check: (outcome) => assert.match(outcome.stdout, /^"new\\nline\.env"$/m),
  },
  {
    name: 'scan: a UTF-8 file that starts with FF FE is read as UTF-8, not as UTF-16',
    run: () => {
      const r = repo(false);
      r.write('odd.env', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`\nAWS_ACCESS_KEY_ID=${fakeAccessKeyId(5)}\n`)]));
      return r.keyfence(['scan', '.', '--format', 'json']);
    },
    status: 1,
    check: foundIn('odd.env'),
  },
  {
    name: 'history: a blob git calls binary that starts with FF FE but is UTF-8 is read as UTF-8',
    run: () => {
      const r = repo();
      r.write('.gitattributes', 'odd.env -diff\n');
      r.write('odd.env', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`\nAWS_ACCESS_KEY_ID=${fakeAccessKeyId(6)}\n`)]));
      r.commit('odd');
      return r.keyfence(['history', '--format', 'json']);
    },
    status: 1,
    check: foundIn('odd.env'),
  },
  {
    name: 'scan of a submodule folder scans the submodule files',
    run: () => {
      const inner = repo();
      inner.commit('inner', { 'creds.env': `AWS_ACCESS_KEY_ID=${fakeAccessKeyId(7)}\n` });
      const outer = repo();
      outer.commit('outer', { 'README.md': 'hi\n' });
      outer.git('-c', 'protocol.file.allow=always', 'submodule', '--quiet', 'add', inner.dir, 'vendor/inner');
      outer.commit('add submodule');
      return outer.keyfence(['scan', 'vendor/inner', '--format', 'json']);
    },
    status: 1,
    check: foundIn('vendor/inner/creds.env'),
  },
  {
    name: 'staged in a bare repository stops with exit 3 and says why',
    run: () => {
      const origin = repo();
      origin.commit('one', { 'a.txt': 'a\n' });
      const bare = repo(false);
      bare.git('clone', '-q', '--bare', origin.dir, '.');
      return bare.keyfence(['staged']);
    },
    status: 3,
    check: (outcome) => assert.match(outcome.stderr, /^keyfence: staged: this is a bare repository, which has no index: nothing can be staged here; run keyfence staged in a work tree/),
  },
  {
    name: 'a run that fails (exit 3) removes the report an earlier run left at --output',
    run: () => {
      const r = repo();
      r.commit('one', { 'a.txt': 'a\n' });
      const first = r.keyfence(['history', '--output', 'report.json', '--format', 'json']);
      assert.equal(first.status, 0, first.stderr);
      assert.ok(existsSync(join(r.dir, 'report.json')));
      return r.keyfence(['history', '--range', 'nope..HEAD', '--output', 'report.json', '--format', 'json']);
    },
    status: 3,
    check: (outcome) => {
      const dir = repos[repos.length - 1]?.dir as string;
      assert.match(outcome.stderr, /unknown revision/);
      assert.equal(existsSync(join(dir, 'report.json')), false, 'no stale report');
    },
  },
];

describe('keyfence sources on bad input', () => {
  after(() => {
    for (const r of repos) {
      // rmSync can fail on a tree deeper than PATH_MAX left by a failed case; rm walks it relatively.
      try {
        r.remove();
      } catch {
        spawnSync('rm', ['-rf', r.dir]);
      }
    }
  });
  for (const c of cases) {
    it(c.name, () => {
      const outcome = c.run();
      assert.equal(outcome.status, c.status, outcome.stderr);
      c.check(outcome);
      assert.doesNotMatch(outcome.stderr, /\n\s+at /, 'no stack trace');
    });
  }
});
