// keyfence scan's path arguments and --output, as scripts pass them: after `--`, repeated, overlapping, unwritable.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { fakeAccessKeyId } from '../helpers/git-repo.js';

interface JsonFinding {
  file: string;
  line: number;
}

/** A plain folder (no git) with a clean `here/` to run in and `there/keys.env` holding one key id. */
function tree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'keyfence-args-'));
  mkdirSync(join(dir, 'here'));
  mkdirSync(join(dir, 'there'));
  writeFileSync(join(dir, 'here', 'clean.txt'), 'nothing here\n');
  writeFileSync(join(dir, 'there', 'keys.env'), `AWS_ACCESS_KEY_ID=${fakeAccessKeyId(7)}\n`);
  return dir;
}

function findings(stdout: string): JsonFinding[] {
  return (JSON.parse(stdout) as { findings: JsonFinding[] }).findings;
}

describe('keyfence scan path arguments', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const make = (): string => {
    const dir = tree();
    dirs.push(dir);
    return dir;
  };

  it('scans the paths given after `--` (not the current folder instead)', () => {
    const dir = make();
    const result = runCli(['scan', '--format', 'json', '--', '../there/keys.env'], { cwd: join(dir, 'here') });
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.deepEqual(findings(result.stdout).map((f) => f.file.endsWith('there/keys.env')), [true]);
  });

  it('names --output and the fix when the report cannot be written, instead of an internal error', () => {
    const dir = make();
    const result = runCli(['scan', '.', '--output', join(dir, 'missing', 'report.json')], { cwd: join(dir, 'there') });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /^keyfence: --output .*missing.*report\.json: .*; /);
    assert.doesNotMatch(result.stderr, /internal error|\n\s+at /);
  });

  it('scans a file once when it is named twice or lies inside a folder also named', () => {
    const dir = make();
    const result = runCli(['scan', 'keys.env', './keys.env', '.', '--format', 'json'], { cwd: join(dir, 'there') });
    assert.equal(result.status, 1, result.stderr);
    assert.deepEqual(findings(result.stdout).map((f) => [f.file, f.line]), [['keys.env', 1]]);
    assert.equal((JSON.parse(result.stdout) as { stats: { files: number } }).stats.files, 1);
  });

  it('refuses PATH arguments with --stdin instead of silently scanning only the input', () => {
    const dir = make();
    const result = runCli(['scan', '--stdin', 'keys.env'], { cwd: join(dir, 'there'), input: 'clean\n' });
    assert.equal(result.status, 2, result.stdout);
    assert.match(result.stderr, /^keyfence: --stdin .*keys\.env.*; /);
  });

  it('reads a symbolic link named as an argument, serially and with --threads 2', () => {
    const dir = make();
    symlinkSync(join(dir, 'there', 'keys.env'), join(dir, 'here', 'link.env'));
    for (const extra of [[], ['--threads', '2']]) {
      const result = runCli(['scan', 'link.env', '--format', 'json', ...extra], { cwd: join(dir, 'here') });
      assert.equal(result.status, 1, `${extra.join(' ')}: ${result.stdout}${result.stderr}`);
      assert.deepEqual(findings(result.stdout).map((f) => f.file), ['link.env']);
    }
  });
});
