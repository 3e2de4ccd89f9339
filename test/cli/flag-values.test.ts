// checkFlagValues through the real CLI: a flag typed twice or left empty is a one-line usage error (exit 2).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../helpers/temp-dir.js';
import { assertOneLineUsageError, runCli } from '../helpers/cli.js';

describe('cli/flag-values', () => {
  const dir = makeTempDir('keyfence-flag-values-');
  writeFileSync(join(dir, 'notes.txt'), 'nothing to find here\n');

  const cases: { name: string; args: string[]; says: RegExp }[] = [
    { name: 'refuses --output given twice', args: ['scan', '--output', 'a.txt', '--output', 'b.txt', '.'], says: /^keyfence: --output: given 2 times; give --output once$/ },
    { name: 'refuses --config given twice by its long and short names', args: ['scan', '--config', 'a.json', '-c', 'b.json', '.'], says: /^keyfence: --config: given 2 times; give --config once$/ },
    { name: 'refuses --baseline given twice', args: ['scan', '--baseline', 'x', '--baseline', 'y', '.'], says: /^keyfence: --baseline: given 2 times/ },
    { name: 'refuses --format given twice instead of calling both unknown', args: ['scan', '--format=json', '-f', 'sarif', '.'], says: /^keyfence: --format: given 2 times/ },
    { name: 'refuses --threads given twice', args: ['scan', '--threads', '1', '--threads', '2', '.'], says: /^keyfence: --threads: given 2 times/ },
    { name: 'refuses --since given twice in history', args: ['history', '--since', 'a', '--since', 'b'], says: /^keyfence: --since: given 2 times/ },
    { name: 'refuses an empty --output instead of printing to stdout', args: ['scan', '.', '--output'], says: /^keyfence: --output: needs a value; write --output VALUE/ },
    { name: 'refuses an empty --config instead of naming no file', args: ['scan', '--config=', '.'], says: /^keyfence: --config: needs a value/ },
    { name: 'refuses an empty --baseline instead of reading the folder', args: ['scan', '.', '--baseline', ''], says: /^keyfence: --baseline: needs a value/ },
    { name: 'refuses --from with one value of its two instead of an internal error', args: ['baseline', '--from', 'gitleaks'], says: /^keyfence: --from: needs more values; see `keyfence --help`$/ },
    { name: 'refuses a URL after -- in history instead of sweeping this folder', args: ['history', '--', 'https://example.invalid/r.git'], says: /^keyfence: keyfence history: 1 argument after -- would be ignored; put it before --/ },
    { name: 'refuses rule files after -- in rules test instead of testing none', args: ['rules', 'test', '--', 'a.json', 'b.json'], says: /^keyfence: keyfence rules: 2 arguments after -- would be ignored/ },
    { name: 'refuses words after -- in staged', args: ['staged', '--', 'x'], says: /^keyfence: keyfence staged: 1 argument after -- would be ignored/ },
    { name: 'takes --from with its two values as one flag, not as a flag typed twice', args: ['baseline', '--from', 'detect-secrets', 'notes.txt'], says: /^keyfence: notes\.txt: not valid JSON at line 1/ },
  ];
  for (const { name, args, says } of cases) {
    it(name, () => assertOneLineUsageError(runCli(args, { cwd: dir }), says));
  }

  it('still takes a flag typed once, and a boolean typed twice', () => {
    const result = runCli(['scan', '--format', 'json', '--quiet', '--quiet', '.'], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    assert.equal((JSON.parse(result.stdout) as { findings: unknown[] }).findings.length, 0);
  });

  it('still lets KEYFENCE_FORMAT fill a flag the command line left unset', () => {
    const result = runCli(['scan', '.', '-o', 'report.json'], { cwd: dir, env: { KEYFENCE_FORMAT: 'json' } });
    assert.equal(result.status, 0, result.stderr);
    assert.match(readFileSync(join(dir, 'report.json'), 'utf8'), /^\{\n {2}"version": 1,/);
  });
});
