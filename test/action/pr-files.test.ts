// A pull request cannot silence the bundled action with its own .keyfence.json, .keyfence-ignore or baseline: they
// are read from the base commit and the widening is annotated; trust-pr-config: true opts back into the PR's files.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { copyAction, runAction } from './harness.js';
import { git, makeKeyId } from './repo.js';

interface Case {
  name: string;
  /** Files the PR adds besides the key; `fingerprint` is replaced by the key's finding fingerprint. */
  files: (fingerprint: string) => Record<string, string>;
  /** Run `keyfence baseline` on the PR branch and commit what it writes. */
  baseline?: boolean;
  inputs?: Record<string, string>;
  status: number;
  warning?: RegExp;
}

const cases: Case[] = [
  { name: 'a PR .keyfence.json that allows every path does not hide its key, and is annotated', files: () => ({ '.keyfence.json': '{"allow":{"paths":["**"]}}\n' }), status: 1, warning: /^::warning file=\.keyfence\.json,title=keyfence%3A pull request widens the allowlist::\.keyfence\.json: this pull request widens what keyfence lets through: adds allow\.paths "\*\*"\. not applied: this scan used the base commit's version/m },
  { name: 'a PR .keyfence.json that disables the rule and drops the built-ins is annotated with both', files: () => ({ '.keyfence.json': '{"extends":"none","disable":["aws-access-key-id"]}\n' }), status: 1, warning: /::\.keyfence\.json: this pull request widens what keyfence lets through: disables "aws-access-key-id"; sets extends: none/ },
  { name: 'a PR .keyfence-ignore holding the key\'s fingerprint does not hide it, and is annotated', files: (fp) => ({ '.keyfence-ignore': `${fp} # not a secret, honest\n` }), status: 1, warning: /^::warning file=\.keyfence-ignore,[^:]*::\.keyfence-ignore: this pull request widens what keyfence lets through: adds 1 ignored fingerprint\./m },
  { name: 'a PR baseline that accepts its own key does not hide it, and is annotated', files: () => ({}), baseline: true, status: 1, warning: /^::warning file=\.keyfence-baseline\.json,[^:]*::\.keyfence-baseline\.json: this pull request widens what keyfence lets through: adds 1 baseline entry\./m },
  { name: 'a PR .keyfence.json with "validate": true is annotated and sends nothing', files: () => ({ '.keyfence.json': '{"validate":true}\n' }), status: 1, warning: /sets validate: true \(keys would be sent to AWS\)/ },
  { name: 'trust-pr-config: true applies the PR\'s own config (the key is allowed) and still annotates the change', files: () => ({ '.keyfence.json': '{"allow":{"paths":["**"]}}\n' }), inputs: { 'trust-pr-config': 'true' }, status: 0, warning: /adds allow\.paths "\*\*"\. applied, as trust-pr-config is true/ },
];

describe('action: suppression files of a pull request come from its base commit', () => {
  let root: string;
  let actionDir: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'keyfence-prfiles-'));
    actionDir = copyAction(root);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  for (const [i, c] of cases.entries()) {
    it(c.name, () => {
      const repo = join(root, `case-${i}`);
      mkdirSync(repo);
      git(repo, 'init', '-q', '-b', 'main');
      git(repo, 'config', 'user.name', 'Test User');
      git(repo, 'config', 'user.email', 'test@example.com');
      git(repo, 'config', 'commit.gpgsign', 'false');
      writeFileSync(join(repo, 'README.md'), '# demo\n');
      git(repo, 'add', '-A');
      git(repo, 'commit', '-q', '-m', 'base');
      const base = git(repo, 'rev-parse', 'HEAD');
      git(repo, 'checkout', '-q', '-b', 'feature');
      const key = makeKeyId(`pr-files-${i}`);
      writeFileSync(join(repo, 'app.env'), `AWS_ACCESS_KEY_ID=${key}\n`);
      const scan = runCli(['scan', 'app.env', '--format', 'json'], { cwd: repo });
      const fingerprint = (JSON.parse(scan.stdout) as { findings: { fingerprint: string }[] }).findings[0]?.fingerprint ?? '';
      assert.ok(fingerprint, scan.stderr);
      for (const [name, text] of Object.entries(c.files(fingerprint))) writeFileSync(join(repo, name), text);
      if (c.baseline) assert.equal(runCli(['baseline', '.'], { cwd: repo }).status, 0);
      git(repo, 'add', '-A');
      git(repo, 'commit', '-q', '-m', 'feature: key and suppression');
      const head = git(repo, 'rev-parse', 'HEAD');
      const payload = { number: 3, pull_request: { number: 3, commits: 1, base: { sha: base, ref: 'main', repo: { full_name: 'octo/demo' } }, head: { sha: head, ref: 'feature', repo: { full_name: 'octo/demo' } } }, repository: { full_name: 'octo/demo', default_branch: 'main' } };
      const result = runAction(process.execPath, actionDir, repo, 'pull_request', payload, c.inputs ?? {});
      assert.equal(result.status, c.status, result.stdout + result.stderr);
      if (c.status === 1) assert.match(result.stdout, /^::error file=app\.env,line=1/m);
      if (c.warning) assert.match(result.stdout, c.warning);
      assert.doesNotMatch(result.summary, /\| valid|\| invalid|\| unknown/, 'no validation ran');
      assert.ok(!(result.stdout + result.stderr + result.summary).includes(key), 'the key is never printed whole');
    });
  }
});
