// `keyfence rules test` and the config loader's run of custom rules' examples, through the real bin/keyfence.js.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { makeRepo } from '../helpers/git-repo.js';
import { randomString, seededRandom } from '../helpers/tokens.js';

// Generated at run time: no realistic-looking token sits in the repository.
const TOKEN = `acme_${randomString(seededRandom(11), 'abcdefghijklmnopqrstuvwxyz0123456789', 24)}`;

function acmeRule(match: { text: string; why: string }[], noMatch: { text: string; why: string }[] = []): object {
  return { id: 'acme-token', provider: 'acme', description: 'Acme API token', severity: 'high', regex: '\\b(acme_[a-z0-9]{24})\\b', keywords: ['acme_'], entropy: 3, examples: { match, noMatch } };
}

const PASSING = acmeRule([{ text: `token = ${TOKEN}`, why: 'plain assignment' }], [{ text: 'acme_aaaaaaaaaaaaaaaaaaaaaaaa', why: 'low entropy' }]);
const FAILING = acmeRule([{ text: `token = ${TOKEN}`, why: 'plain assignment' }, { text: `url = https://x/?k=${TOKEN}x`, why: 'glued to more text' }]);

interface Case {
  name: string;
  files: Record<string, string>;
  args: string[];
  status: number;
  /** The whole of stdout. */
  output?: string;
  /** Texts or patterns stdout must contain. */
  stdout?: (RegExp | string)[];
  stderr?: RegExp;
}

const CASES: Case[] = [
  {
    name: 'prints each example of a rule file and exits 0 when all pass',
    files: { 'acme.json': JSON.stringify({ rules: [PASSING] }) },
    args: ['rules', 'test', 'acme.json'],
    status: 0,
    output: 'acme.json\n  acme-token\n    ok    match 1: plain assignment\n    ok    noMatch 1: low entropy\n2 checks of 1 rule: 2 passed, 0 failed\n',
  },
  {
    name: 'names the failing example with its why and exits 1',
    files: { 'acme.json': JSON.stringify({ rules: [FAILING] }) },
    args: ['rules', 'test', 'acme.json'],
    status: 1,
    stdout: ['    FAIL  match 2: glued to more text: expected exactly one finding of this rule, got 0\n', '2 checks of 1 rule: 1 passed, 1 failed'],
  },
  {
    name: "tests the config's custom rules when no file is named",
    files: { '.keyfence.json': JSON.stringify({ rules: [PASSING] }) },
    args: ['rules', 'test'],
    status: 0,
    stdout: ['.keyfence.json\n  acme-token\n', '2 passed, 0 failed'],
  },
  {
    name: 'says there is nothing to test without custom rules',
    files: {},
    args: ['rules', 'test'],
    status: 0,
    stdout: [/no custom rules to test; name rule files/],
  },
  {
    name: '--quiet prints only failures and the summary',
    files: { 'acme.json': JSON.stringify({ rules: [FAILING] }) },
    args: ['rules', 'test', 'acme.json', '--quiet'],
    status: 1,
    output: 'acme.json\n  acme-token\n    FAIL  match 2: glued to more text: expected exactly one finding of this rule, got 0\n2 checks of 1 rule: 1 passed, 1 failed\n',
  },
  {
    name: 'a custom rule without a match example fails',
    files: { 'acme.json': JSON.stringify({ rules: [acmeRule([])] }) },
    args: ['rules', 'test', 'acme.json'],
    status: 1,
    stdout: ['FAIL  needs at least 1 match example (has 0)'],
  },
  {
    name: 'a rule file that is not JSON names the file and position, not its text',
    files: { 'acme.json': `{ "rules": [ ${TOKEN} ] }` },
    args: ['rules', 'test', 'acme.json'],
    status: 2,
    stderr: /^keyfence: acme\.json: not valid JSON at line 1, column 14; /,
  },
  {
    name: 'a rule file that fails the schema names the rule and path',
    files: { 'acme.json': JSON.stringify({ rules: [{ id: 'acme-x' }] }) },
    args: ['rules', 'test', 'acme.json'],
    status: 2,
    stderr: /acme\.json: rule "acme-x": \/rules\/0: must have required property/,
  },
  {
    name: '--builtin runs the shipped catalogue, as the test suite does',
    files: {},
    args: ['rules', 'test', '--builtin', '--quiet'],
    status: 0,
    stdout: [/^\d{4,} checks of \d{3,} rules: \d+ passed, 0 failed\n$/],
  },
  {
    name: 'a config whose custom rule fails its example stops a scan with one line naming the rule and example',
    files: { '.keyfence.json': JSON.stringify({ rules: [FAILING] }), 'a.txt': 'nothing\n' },
    args: ['scan', 'a.txt'],
    status: 2,
    stderr: /^keyfence: \.keyfence\.json: rule "acme-token": match example 2: expected exactly one finding of this rule, got 0; fix the rule or its example; `keyfence rules test` prints the result of every example\n$/,
  },
  {
    name: 'a config whose custom rules pass their examples scans with them',
    files: { '.keyfence.json': JSON.stringify({ rules: [PASSING] }), 'a.txt': `token = ${TOKEN}\n` },
    args: ['scan', 'a.txt', '--format', 'json'],
    status: 1,
    stdout: [/"ruleId": "acme-token"/],
  },
];

describe('keyfence rules test', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'keyfence-rules-test-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  for (const [i, c] of CASES.entries()) {
    it(c.name, () => {
      const dir = join(root, String(i));
      mkdirSync(dir);
      for (const [name, text] of Object.entries(c.files)) writeFileSync(join(dir, name), text);
      const result = runCli(c.args, { cwd: dir });
      assert.equal(result.status, c.status, `${result.stdout}\n${result.stderr}`);
      if (c.output !== undefined) assert.equal(result.stdout, c.output);
      for (const want of c.stdout ?? []) {
        if (want instanceof RegExp) assert.match(result.stdout, want);
        else assert.ok(result.stdout.includes(want), `missing ${JSON.stringify(want)} in:\n${result.stdout}`);
      }
      if (c.stderr) assert.match(result.stderr, c.stderr);
      assert.ok(!result.stderr.includes(TOKEN), 'no example text in errors');
      assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
    });
  }

  it('refuses a failing custom rule on the pre-commit path (keyfence staged) too', (t) => {
    const repo = makeRepo();
    t.after(() => repo.remove());
    repo.write('.keyfence.json', JSON.stringify({ rules: [FAILING] }));
    repo.write('a.txt', 'nothing\n');
    repo.git('add', '-A');
    const result = repo.keyfence(['staged']);
    assert.equal(result.status, 2, result.stderr);
    assert.match(result.stderr, /^keyfence: \.keyfence\.json: rule "acme-token": match example 2: /);
    assert.ok(!result.stderr.includes(TOKEN));
  });
});
