// runScan's masking: scanned text is masked in every format, our own text (rule descriptions, hints) never is, even
// when a false "secret" is a common word that our text uses too.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../helpers/temp-dir.js';
import { assertOneLineUsageError, runCli } from '../helpers/cli.js';
import { generateAwsPair, git, keyfence, makeRepo as makeFixRepo } from '../fix/repo.js';

const rule = {
  id: 'acme-deploy-token', provider: 'acme', description: 'Acme deploy secret', severity: 'high', regex: 'acme_token=(\\w+)', keywords: ['acme_token='],
  examples: { match: [{ text: ['acme_token=', 'k3x9q2m7'], why: 'assignment (in parts: a whole one reads as a token to a history scan)' }], noMatch: [{ text: 'acme_token=', why: 'empty' }] },
};

describe('cli/run: masking a common-word secret', () => {
  const dir = makeTempDir('keyfence-run-mask-');
  writeFileSync(join(dir, '.keyfence.json'), JSON.stringify({ extends: 'none', rules: [rule] }));
  writeFileSync(join(dir, 'deploy.env'), 'acme_token=secret\n');

  const cases: { name: string; args: string[]; ours: RegExp[]; masked: RegExp }[] = [
    { name: 'text keeps the rule description and the closing advice', args: [], ours: [/acme-deploy-token {2}Acme deploy secret\n/, /Remove each secret from the change/], masked: /\n {4}acme_token=…\(masked\)\n/ },
    { name: 'JSON keeps the description', args: ['--format', 'json'], ours: [/"description": "Acme deploy secret"/], masked: /"secret": "…\(masked\)",\n\s+"match": "acme_token=…\(masked\)"/ },
    { name: 'SARIF keeps the rule text and its help', args: ['--format', 'sarif'], ours: [/"text": "Acme deploy secret: a hard-coded credential/, /"markdown": "\*\*Acme deploy secret\*\*/], masked: /"text": "Acme deploy secret …\(masked\) in deploy\.env:1\./ },
  ];
  for (const { name, args, ours, masked } of cases) {
    it(`${name}, and masks the scanned line`, () => {
      const result = runCli(['scan', 'deploy.env', ...args], { cwd: dir });
      assert.equal(result.status, 1, result.stderr);
      for (const pattern of ours) assert.match(result.stdout, pattern);
      assert.match(result.stdout, masked);
      assert.doesNotMatch(result.stdout, /acme_token=secret/);
      assert.doesNotMatch(result.stdout, /"secret": "secret"/);
    });
  }
});

describe('cli/run: --output never costs the user a file', () => {
  const dir = makeTempDir('keyfence-run-output-');
  writeFileSync(join(dir, '.keyfence.json'), JSON.stringify({ extends: 'none', rules: [rule] }));
  writeFileSync(join(dir, 'broken.json'), '{ "extends": ');
  const scanned = ['acme_token=', 'k3x9q2m7w'].join('');
  writeFileSync(join(dir, 'deploy.env'), `${scanned}\n`);

  const cases: { name: string; file: string; content: string; args: string[]; says: RegExp }[] = [
    { name: 'refuses to write the report over the file being scanned', file: 'deploy.env', content: `${scanned}\n`, args: ['scan', 'deploy.env', '--output', 'deploy.env'], says: /^keyfence: --output deploy\.env: the file exists and is not a keyfence report; writing the report would overwrite it; name a new file/ },
    { name: 'refuses to write the report over a file of notes in the scanned tree', file: 'notes.md', content: '# notes\nkeep me\n', args: ['scan', '.', '-o', 'notes.md', '--format', 'json'], says: /^keyfence: --output notes\.md: the file exists and is not a keyfence report/ },
    { name: 'keeps a file of the user\'s when a run with a broken config fails', file: 'notes.txt', content: 'keep me too\n', args: ['scan', '.', '--config', 'broken.json', '--output', 'notes.txt'], says: /^keyfence: --output notes\.txt: the file exists and is not a keyfence report/ },
  ];
  for (const { name, file, content, args, says } of cases) {
    it(name, () => {
      writeFileSync(join(dir, file), content);
      assertOneLineUsageError(runCli(args, { cwd: dir }), says);
      assert.equal(readFileSync(join(dir, file), 'utf8'), content);
    });
  }

  for (const format of ['text', 'json', 'sarif', 'github', 'junit', 'gitlab']) {
    it(`replaces its own ${format} report on the next run, and removes it when a run fails`, () => {
      const report = join(dir, `report.${format}`);
      for (const run of [1, 2]) {
        const result = runCli(['scan', 'deploy.env', '--format', format, '--output', `report.${format}`, ...(run === 2 ? ['--quiet'] : [])], { cwd: dir });
        assert.equal(result.status, 1, `run ${run}: ${result.stderr}`);
      }
      assert.ok(existsSync(report));
      const failed = runCli(['scan', 'deploy.env', '--format', format, '--config', 'broken.json', '--output', `report.${format}`], { cwd: dir });
      assert.equal(failed.status, 2, failed.stderr);
      assert.equal(existsSync(report), false, 'no stale report');
    });
  }
});

describe('cli/run: the --fix --dry-run diff on a terminal', () => {
  it('shows the control characters of the lines it quotes, never sends them', () => {
    const { keyId } = generateAwsPair();
    const repo = makeFixRepo();
    writeFileSync(join(repo, 'a.js'), `const id = "${keyId}"; // \u001b[2J\u001b]0;owned\u0007\n`);
    git(repo, 'add', 'a.js');
    const result = keyfence(repo, 'scan', 'a.js', '--fix', '--dry-run');
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stdout, /^-const id = "AKIA…\(20\)"; \/\/ \\x1b\[2J\\x1b\]0;owned\\x07$/m);
    assert.equal(result.stdout.includes('\u001b'), false);
  });
});
