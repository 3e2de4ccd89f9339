// End to end: a baselined secret stays suppressed through edits, rebases, squashes, CRLF and (opted-in) renames.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commitAll, fakeKeyId, git, keyfence, makeRepo, readText, writeFile } from '../helpers/baseline-repo.js';
import { makeTempDir } from '../helpers/temp-dir.js';

interface Baselined {
  dir: string;
  key: string;
}

/** A repo whose config/app.env holds a key, with a committed baseline that covers it. */
function baselinedRepo(): Baselined {
  const dir = makeRepo();
  const key = fakeKeyId();
  writeFile(dir, 'config/app.env', `REGION=eu-west-1\nAWS_ACCESS_KEY_ID=${key}\nDEBUG=0\n`);
  commitAll(dir, 'add config');
  const made = keyfence(dir, ['baseline']);
  assert.equal(made.status, 0, made.stderr);
  commitAll(dir, 'baseline');
  return { dir, key };
}

function scanJson(dir: string): { status: number; findings: { ruleId: string; file: string; line: number }[]; stats: Record<string, unknown>; stderr: string } {
  const run = keyfence(dir, ['scan', '--format', 'json']);
  const parsed = run.stdout ? (JSON.parse(run.stdout) as { findings: never[]; stats: Record<string, unknown> }) : { findings: [], stats: {} };
  return { status: run.status, findings: parsed.findings, stats: parsed.stats, stderr: run.stderr };
}

describe('keyfence baseline (e2e)', () => {
  it('reports the secret before a baseline exists and suppresses it after', () => {
    const dir = makeRepo();
    writeFile(dir, 'app.env', `AWS_ACCESS_KEY_ID=${fakeKeyId()}\n`);
    assert.equal(keyfence(dir, ['scan']).status, 1);
    assert.equal(keyfence(dir, ['baseline']).status, 0);
    const after = scanJson(dir);
    assert.equal(after.status, 0, after.stderr);
    assert.deepEqual(after.stats.baseline, { file: '.keyfence-baseline.json', entries: 1, suppressed: 1, stale: 0 });
    assert.equal((after.stats.skipped as Record<string, number>).baseline, 1);
  });

  const survives: { name: string; change: (b: Baselined) => void }[] = [
    {
      name: 'stays suppressed after lines are added above the secret',
      change: ({ dir }) => writeFile(dir, 'config/app.env', `# new header\nA=1\nB=2\n${readText(dir, 'config/app.env')}`),
    },
    {
      name: 'stays suppressed after a rebase moves the line',
      change: ({ dir }) => {
        git(dir, 'checkout', '-q', '-b', 'feature');
        writeFile(dir, 'README.md', 'feature work\n');
        commitAll(dir, 'feature');
        git(dir, 'checkout', '-q', 'main');
        writeFile(dir, 'config/app.env', `# owned by ops\n${readText(dir, 'config/app.env')}`);
        commitAll(dir, 'main moves the key down');
        git(dir, 'checkout', '-q', 'feature');
        git(dir, 'rebase', '-q', 'main');
      },
    },
    {
      name: 'stays suppressed after the history is squashed into one commit',
      change: ({ dir }) => {
        writeFile(dir, 'config/app.env', `X=1\n${readText(dir, 'config/app.env')}`);
        commitAll(dir, 'more');
        const root = git(dir, 'rev-list', '--max-parents=0', 'HEAD').trim();
        git(dir, 'reset', '-q', '--soft', root);
        git(dir, 'commit', '-q', '--amend', '-m', 'squashed');
      },
    },
    {
      name: 'stays suppressed after the file is converted to CRLF',
      change: ({ dir }) => writeFile(dir, 'config/app.env', readText(dir, 'config/app.env').replace(/\n/g, '\r\n')),
    },
    {
      name: 'stays suppressed after the file is renamed when pathIndependentBaseline is on',
      change: ({ dir }) => {
        git(dir, 'mv', 'config/app.env', 'config/renamed.env');
        writeFile(dir, '.keyfence.json', '{ "pathIndependentBaseline": true }\n');
      },
    },
  ];
  for (const { name, change } of survives) {
    it(name, () => {
      const repo = baselinedRepo();
      change(repo);
      const scan = scanJson(repo.dir);
      assert.equal(scan.status, 0, `expected no findings, got ${JSON.stringify(scan.findings)} ${scan.stderr}`);
      assert.equal((scan.stats.baseline as { suppressed: number }).suppressed, 1);
    });
  }

  it('suppresses a secret baselined from a CRLF file once the file is LF', () => {
    const dir = makeRepo();
    writeFile(dir, 'app.env', `A=1\r\nAWS_ACCESS_KEY_ID=${fakeKeyId()}\r\n`);
    assert.equal(keyfence(dir, ['baseline']).status, 0);
    writeFile(dir, 'app.env', readText(dir, 'app.env').replace(/\r\n/g, '\n'));
    assert.equal(scanJson(dir).status, 0);
  });

  it('reports a renamed file again when path-independent matching is off (the default)', () => {
    const { dir } = baselinedRepo();
    git(dir, 'mv', 'config/app.env', 'config/renamed.env');
    const scan = scanJson(dir);
    assert.equal(scan.status, 1);
    assert.deepEqual(scan.findings.map((f) => f.file), ['config/renamed.env']);
    assert.equal((scan.stats.baseline as { stale: number }).stale, 1);
  });

  it('reports a different secret written on the same line', () => {
    const { dir, key } = baselinedRepo();
    writeFile(dir, 'config/app.env', readText(dir, 'config/app.env').replace(key, fakeKeyId()));
    const scan = scanJson(dir);
    assert.equal(scan.status, 1);
    assert.deepEqual(scan.findings.map((f) => [f.file, f.line]), [['config/app.env', 2]]);
  });

  it('reports a new secret added next to a baselined one', () => {
    const { dir } = baselinedRepo();
    writeFile(dir, 'config/app.env', `${readText(dir, 'config/app.env')}BACKUP_KEY_ID=${fakeKeyId()}\n`);
    const scan = scanJson(dir);
    assert.equal(scan.status, 1);
    assert.deepEqual(scan.findings.map((f) => f.line), [4]);
  });

  it('stores no secret, no prefix of it and no unsalted hash of it in the baseline file', () => {
    const { dir, key } = baselinedRepo();
    const text = readText(dir, '.keyfence-baseline.json');
    for (const leak of [key, key.slice(4), createHash('sha256').update(key).digest('hex'), createHash('sha1').update(key).digest('hex')]) {
      assert.ok(!text.includes(leak), `baseline contains ${leak.slice(0, 6)}…`);
    }
    assert.doesNotMatch(text, /"line"|"date"|"generated/);
  });

  it('writes a byte-identical file when nothing changed (sorted, no timestamps)', () => {
    const { dir } = baselinedRepo();
    const before = readText(dir, '.keyfence-baseline.json');
    assert.equal(keyfence(dir, ['baseline', '--update', '--prune']).status, 0);
    assert.equal(readText(dir, '.keyfence-baseline.json'), before);
  });

  it('refuses to overwrite an existing baseline without --update or --prune', () => {
    const { dir } = baselinedRepo();
    const run = keyfence(dir, ['baseline']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /\.keyfence-baseline\.json: baseline already exists; add --update/);
  });

  it('adds new findings with --update and drops vanished ones with --prune', () => {
    const { dir, key } = baselinedRepo();
    writeFile(dir, 'other.env', `AWS_ACCESS_KEY_ID=${fakeKeyId()}\n`);
    assert.equal(scanJson(dir).status, 1);
    assert.match(keyfence(dir, ['baseline', '--update']).stdout, /2 entries \(1 added, 0 pruned\)/);
    assert.equal(scanJson(dir).status, 0);
    writeFile(dir, 'config/app.env', readText(dir, 'config/app.env').replace(key, '${AWS_ACCESS_KEY_ID}'));
    assert.equal((scanJson(dir).stats.baseline as { stale: number }).stale, 1);
    assert.match(keyfence(dir, ['baseline', '--prune']).stdout, /1 entry \(0 added, 1 pruned\)/);
    assert.equal((scanJson(dir).stats.baseline as { stale: number }).stale, 0);
  });

  it('refuses --prune alone when there is no baseline (it would otherwise create one)', () => {
    const dir = makeRepo();
    writeFile(dir, 'app.env', `AWS_ACCESS_KEY_ID=${fakeKeyId()}\n`);
    const run = keyfence(dir, ['baseline', '--prune']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /\.keyfence-baseline\.json: no baseline to prune/);
  });

  it('keeps entries outside the scanned paths when pruning a sub-folder', () => {
    const { dir } = baselinedRepo();
    writeFile(dir, 'docs/readme.txt', 'nothing here\n');
    assert.match(keyfence(dir, ['baseline', '--prune', 'docs']).stdout, /1 entry \(0 added, 0 pruned\)/);
  });

  it('honours --baseline FILE and the config "baseline" field', () => {
    const dir = makeRepo();
    writeFile(dir, 'app.env', `AWS_ACCESS_KEY_ID=${fakeKeyId()}\n`);
    assert.equal(keyfence(dir, ['baseline', '--baseline', 'ci/known.json']).status, 2, 'the folder does not exist yet');
    writeFile(dir, 'ci/.keep', '');
    assert.equal(keyfence(dir, ['baseline', '--baseline', 'ci/known.json']).status, 0);
    assert.equal(keyfence(dir, ['scan']).status, 1, 'the default file is absent');
    assert.equal(keyfence(dir, ['scan', '--baseline', 'ci/known.json']).status, 0);
    writeFile(dir, '.keyfence.json', '{ "baseline": "ci/known.json" }\n');
    assert.equal(keyfence(dir, ['scan']).status, 0);
  });

  it('suppresses a finding whose fingerprint line, as the text report prints it, is in .keyfence-ignore', () => {
    const dir = makeRepo();
    writeFile(dir, 'app.env', `AWS_ACCESS_KEY_ID=${fakeKeyId()}\n`);
    const report = keyfence(dir, ['scan']);
    const line = /ignore: add "([^"]+)" to \.keyfence-ignore/.exec(report.stdout)?.[1];
    assert.ok(line, report.stdout);
    writeFile(dir, '.keyfence-ignore', `# test fixtures\n\n${line.replace('reason', 'fake key for the docs')}\n`);
    const scan = scanJson(dir);
    assert.equal(scan.status, 0, scan.stderr);
    assert.equal((scan.stats.skipped as Record<string, number>).ignored, 1);
  });

  it('suppresses a fingerprint listed in the config allow.fingerprints', () => {
    const dir = makeRepo();
    writeFile(dir, 'app.env', `AWS_ACCESS_KEY_ID=${fakeKeyId()}\n`);
    const fingerprint = (JSON.parse(keyfence(dir, ['scan', '--format', 'json']).stdout) as { findings: { fingerprint: string }[] }).findings[0]?.fingerprint;
    writeFile(dir, '.keyfence.json', JSON.stringify({ allow: { fingerprints: [fingerprint] } }));
    assert.equal(keyfence(dir, ['scan']).status, 0);
  });

  it('rejects scan-only flags such as --fix and --format instead of ignoring them', () => {
    for (const flag of ['--fix', '--format=json', '--validate']) {
      const run = keyfence(makeRepo(), ['baseline', flag]);
      assert.equal(run.status, 2, flag);
      assert.match(run.stderr, /Unknown argument/);
    }
  });

  it('rejects --all without --history', () => {
    const run = keyfence(makeRepo(), ['baseline', '--all']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--all applies only with --history/);
  });
});

describe('keyfence baseline --history, history and staged (e2e)', () => {
  /** A key committed and then deleted: only the history holds it. */
  function historyRepo(): { dir: string; key: string } {
    const dir = makeRepo();
    const key = fakeKeyId();
    writeFile(dir, 'deploy/old.env', `AWS_ACCESS_KEY_ID=${key}\n`);
    commitAll(dir, 'add key');
    writeFile(dir, 'deploy/old.env', 'AWS_ACCESS_KEY_ID=${AWS_ACCESS_KEY_ID}\n');
    commitAll(dir, 'remove key');
    return { dir, key };
  }

  function history(dir: string, ...args: string[]): { status: number; files: string[]; stats: Record<string, unknown> } {
    const run = keyfence(dir, ['history', '--format', 'json', ...args]);
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    const report = JSON.parse(run.stdout) as { findings: { file: string }[]; stats: Record<string, unknown> };
    return { status: run.status, files: report.findings.map((f) => f.file), stats: report.stats };
  }

  it('baselines secrets that only the history holds; history then reports only new ones', () => {
    const { dir } = historyRepo();
    assert.equal(history(dir).status, 1);
    const made = keyfence(dir, ['baseline', '--history']);
    assert.equal(made.status, 0, made.stderr);
    assert.match(made.stdout, /1 entry \(1 added\)/);
    commitAll(dir, 'baseline');
    assert.equal(history(dir).status, 0);
    writeFile(dir, 'deploy/new.env', `AWS_ACCESS_KEY_ID=${fakeKeyId()}\n`);
    commitAll(dir, 'new key');
    const after = history(dir);
    assert.deepEqual([after.status, after.files], [1, ['deploy/new.env']]);
  });

  /** main has a README; feature adds a key, then lines above it; the history of feature is baselined. */
  function featureRepo(): string {
    const dir = makeRepo();
    writeFile(dir, 'README.md', 'start\n');
    commitAll(dir, 'start');
    git(dir, 'checkout', '-q', '-b', 'feature');
    writeFile(dir, 'config/app.env', `AWS_ACCESS_KEY_ID=${fakeKeyId()}\n`);
    commitAll(dir, 'add key');
    writeFile(dir, 'config/app.env', `REGION=eu-west-1\n${readText(dir, 'config/app.env')}`);
    commitAll(dir, 'add region');
    const made = keyfence(dir, ['baseline', '--history']);
    assert.equal(made.status, 0, made.stderr);
    return dir;
  }

  const rewrites: { name: string; rewrite: (dir: string) => void }[] = [
    {
      name: 'keeps history findings suppressed after the branch is squashed into one commit (new ids, new line)',
      rewrite: (dir) => {
        git(dir, 'reset', '-q', '--soft', 'main');
        git(dir, 'commit', '-q', '-m', 'squashed');
      },
    },
    {
      name: 'keeps history findings suppressed after the branch is rebased onto new work (new ids)',
      rewrite: (dir) => {
        git(dir, 'checkout', '-q', 'main');
        writeFile(dir, 'README.md', 'upstream work\n');
        commitAll(dir, 'upstream');
        git(dir, 'checkout', '-q', 'feature');
        git(dir, 'rebase', '-q', 'main');
      },
    },
  ];
  for (const { name, rewrite } of rewrites) {
    it(name, () => {
      const dir = featureRepo();
      const before = git(dir, 'rev-parse', 'HEAD');
      rewrite(dir);
      assert.notEqual(git(dir, 'rev-parse', 'HEAD'), before);
      const after = history(dir);
      assert.equal(after.status, 0, JSON.stringify(after.files));
      assert.equal((after.stats.baseline as { suppressed: number }).suppressed, 1);
    });
  }

  it('imports a gitleaks history report with --history --from gitleaks', () => {
    const { dir, key } = historyRepo();
    const reportPath = join(makeTempDir('keyfence-gitleaks-'), 'report.json');
    const commit = git(dir, 'rev-list', '--max-parents=0', 'HEAD').trim();
    writeFileSync(reportPath, JSON.stringify([{ RuleID: 'aws-access-token', File: 'deploy/old.env', Secret: key, StartLine: 1, Commit: commit, Fingerprint: `${commit}:deploy/old.env:aws-access-token:1` }]));
    const run = keyfence(dir, ['baseline', '--history', '--from', 'gitleaks', reportPath]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /1 of 1 gitleaks suppression matched 1 current finding/);
    assert.equal(history(dir).status, 0);
  });

  it('lets staged skip a baselined secret that moved, and report a new one', () => {
    const { dir, key } = baselinedRepo();
    writeFile(dir, 'config/app.env', `# moved\n${readText(dir, 'config/app.env')}`);
    git(dir, 'add', '-A');
    assert.equal(keyfence(dir, ['staged']).status, 0);
    writeFile(dir, 'config/app.env', readText(dir, 'config/app.env').replace(key, fakeKeyId()));
    git(dir, 'add', '-A');
    assert.equal(keyfence(dir, ['staged']).status, 1);
  });
});

describe('bad baseline and ignore files (e2e)', () => {
  const cases: { name: string; file: string; text: (valid: string) => string; want: RegExp }[] = [
    { name: 'names the line and column of a JSON syntax error', file: '.keyfence-baseline.json', text: (v) => v.replace('"entries": [', '"entries": [,'), want: /^keyfence: \.keyfence-baseline\.json: not valid JSON at line 4, column 15/ },
    { name: 'names an unknown version', file: '.keyfence-baseline.json', text: (v) => v.replace('"version": 1', '"version": 7'), want: /\.keyfence-baseline\.json:2: unknown baseline version 7 \(this keyfence reads version 1\); upgrade keyfence/ },
    { name: 'names the line of a hand-edited entry', file: '.keyfence-baseline.json', text: (v) => v.replace(/"hash":"[0-9a-f]+"/, '"hash":"hunter2"'), want: /\.keyfence-baseline\.json:5: \/entries\/0\/hash: must match pattern/ },
    { name: 'names the line of an entry with a misspelt field', file: '.keyfence-baseline.json', text: (v) => v.replace('"rule"', '"rules"'), want: /\.keyfence-baseline\.json:5: \/entries\/0: must have required property 'rule'/ },
    { name: 'rejects an empty file rather than treating it as empty', file: '.keyfence-baseline.json', text: () => '', want: /\.keyfence-baseline\.json: not valid JSON/ },
    { name: 'names a leftover merge conflict', file: '.keyfence-baseline.json', text: (v) => v.replace('    {"end": true}', '<<<<<<< HEAD\n=======\n>>>>>>> other\n    {"end": true}'), want: /\.keyfence-baseline\.json:6: unresolved merge conflict/ },
    { name: 'names the line of a bad .keyfence-ignore entry', file: '.keyfence-ignore', text: () => '# ok\n\nnot-a-fingerprint # why\n', want: /\.keyfence-ignore:3: expected a 64-hex-digit fingerprint/ },
    { name: 'points gitleaks fingerprints in .keyfence-ignore to --from gitleaks', file: '.keyfence-ignore', text: () => `${'a'.repeat(40)}:config/app.env:aws-access-token:2\n`, want: /\.keyfence-ignore:1: .*looks like a gitleaks fingerprint/ },
  ];
  for (const { name, file, text, want } of cases) {
    it(name, () => {
      const { dir } = baselinedRepo();
      writeFile(dir, file, text(readText(dir, '.keyfence-baseline.json')));
      const run = keyfence(dir, ['scan']);
      assert.equal(run.status, 2, run.stdout + run.stderr);
      assert.match(run.stderr, want);
      assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
      assert.equal(run.stdout, '');
    });
  }

  it('fails when --baseline names a missing file', () => {
    const { dir } = baselinedRepo();
    const run = keyfence(dir, ['scan', '--baseline', 'nope.json']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^keyfence: nope\.json: baseline file not found/);
  });

  it('refuses to update a corrupt baseline instead of overwriting it', () => {
    const { dir } = baselinedRepo();
    writeFile(dir, '.keyfence-baseline.json', '{ "version": 1,');
    assert.equal(keyfence(dir, ['baseline', '--update']).status, 2);
    assert.equal(readText(dir, '.keyfence-baseline.json'), '{ "version": 1,');
  });
});

describe('keyfence baseline --from (e2e)', () => {
  it('imports a gitleaks report and says how many suppressions could not be matched', () => {
    const dir = makeRepo();
    const key = fakeKeyId();
    writeFile(dir, 'app.env', `AWS_ACCESS_KEY_ID=${key}\n`);
    writeFile(dir, 'new.env', `AWS_ACCESS_KEY_ID=${fakeKeyId()}\n`);
    const report = [
      { RuleID: 'aws-access-token', File: 'app.env', Secret: key, StartLine: 1, Fingerprint: `${'a'.repeat(40)}:app.env:aws-access-token:1` },
      { RuleID: 'aws-access-token', File: 'gone.env', Secret: fakeKeyId(), StartLine: 3, Fingerprint: `${'a'.repeat(40)}:gone.env:aws-access-token:3` },
    ];
    // Outside the repository: the report holds the secret in clear, as gitleaks writes it.
    const reportPath = join(makeTempDir('keyfence-gitleaks-'), 'report.json');
    writeFileSync(reportPath, JSON.stringify(report));
    const run = keyfence(dir, ['baseline', '--from', 'gitleaks', reportPath]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /1 of 2 gitleaks suppressions matched 1 current finding/);
    assert.match(run.stderr, /1 of 2 could not be matched/);
    assert.ok(!run.stdout.includes(key) && !run.stderr.includes(key));
    const scan = scanJson(dir);
    assert.equal(scan.status, 1, 'the finding gitleaks did not know is still reported');
    assert.deepEqual(scan.findings.map((f) => f.file), ['new.env']);
  });

  it('imports a detect-secrets baseline by sha1 of the secret', () => {
    const dir = makeRepo();
    const key = fakeKeyId();
    writeFile(dir, 'app.env', `AWS_ACCESS_KEY_ID=${key}\n`);
    const hashed = createHash('sha1').update(key).digest('hex');
    writeFile(dir, '.secrets.baseline', JSON.stringify({ version: '1.4.0', plugins_used: [], filters_used: [], results: { 'app.env': [{ type: 'AWS Access Key', filename: 'app.env', hashed_secret: hashed, is_verified: false, line_number: 1 }] }, generated_at: '2024-01-01T00:00:00Z' }));
    const run = keyfence(dir, ['baseline', '--from', 'detect-secrets', '.secrets.baseline']);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, '');
    assert.equal(scanJson(dir).status, 0);
  });

  it('rejects an unknown --from format', () => {
    const run = keyfence(makeRepo(), ['baseline', '--from', 'trufflehog', 'x.json']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--from: expected a format \(gitleaks or detect-secrets\)/);
  });
});
