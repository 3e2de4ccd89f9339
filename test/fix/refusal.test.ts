// --fix refuses rather than lose anything: each refusal leaves the work tree and the index byte-for-byte as they were.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyFixes } from '../../src/fix/apply.js';
import { FixRefusedError } from '../../src/fix/errors.js';
import { suggestRemedy } from '../../src/remediate/env-var.js';
import { BIN, generateAwsPair, git, keyfence, makeRepo, snapshot } from './repo.js';
import { makeFinding } from '../remediate/finding.js';
import { makeTempDir } from '../helpers/temp-dir.js';

function repoWith(files: Record<string, string>): string {
  const repo = makeRepo();
  for (const [path, text] of Object.entries(files)) writeFileSync(join(repo, path), text);
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'initial');
  return repo;
}

const lines = (key: string): string => `'use strict';\nconst a = 1;\nconst id = '${key}';\nconst b = 2;\nconst c = 3;\nconst d = 4;\nconst e = 5;\nmodule.exports = { id };\n`;

interface RefusalCase {
  name: string;
  setup: (key: string) => string;
  message: RegExp;
}

const refusals: RefusalCase[] = [
  {
    name: 'refuses a partially staged file',
    setup: (key) => {
      const repo = repoWith({ 'app.js': lines(key) });
      writeFileSync(join(repo, 'app.js'), lines(key).replace('const a = 1', 'const a = 10'));
      git(repo, 'add', 'app.js');
      writeFileSync(join(repo, 'app.js'), lines(key).replace('const a = 1', 'const a = 10').replace('const e = 5', 'const e = 50'));
      return repo;
    },
    message: /app\.js: partially staged/,
  },
  {
    name: 'refuses unstaged changes on the line it would rewrite',
    setup: (key) => {
      const repo = repoWith({ 'app.js': lines(key) });
      writeFileSync(join(repo, 'app.js'), lines(key).replace('const id =', 'const keyId ='));
      return repo;
    },
    message: /app\.js:3: has unstaged changes/,
  },
  {
    name: 'refuses a secret inside a longer string as manual',
    setup: (key) => repoWith({ 'app.js': `const url = "https://${key}@example.com/";\n` }),
    message: /app\.js:1: manual: /,
  },
  {
    name: 'a .env only staged (never committed) is refused as staged, not as committed',
    setup: (key) => {
      const repo = repoWith({ 'README.md': 'x\n' });
      writeFileSync(join(repo, '.env'), `AWS_ACCESS_KEY_ID=${key}\n`);
      git(repo, 'add', '.env');
      return repo;
    },
    message: /^keyfence: \.env: staged \(git add\), so the next commit would hold the secrets in it/m,
  },
  {
    name: 'refuses when .env is tracked by git',
    setup: (key) => repoWith({ 'app.js': lines(key), '.env': 'LOG_LEVEL=info\n' }),
    message: /\.env: tracked by git/,
  },
  {
    name: 'names the Terraform file, not .env, when a second provider "aws" holds its own keys',
    setup: (key) => {
      const [first, second] = [generateAwsPair(), generateAwsPair()];
      const provider = (extra: string, pair: { keyId: string; secret: string }): string => `provider "aws" {\n${extra}  access_key = "${pair.keyId}"\n  secret_key = "${pair.secret}"\n}\n`;
      return repoWith({ 'main.tf': `${provider('', first)}\n${provider('  alias = "prod"\n', second)}`, 'app.js': lines(key) });
    },
    message: /^keyfence: main\.tf:9: manual: provider "aws" secret_key: AWS_SECRET_ACCESS_KEY already stands for another key/m,
  },
  {
    name: 'names both lines when two tracked env files give one name two values',
    setup: (key) => repoWith({ 'dev.env': `AWS_ACCESS_KEY_ID=${key}\n`, 'prod.env': `AWS_ACCESS_KEY_ID=${generateAwsPair().keyId}\n` }),
    message: /^keyfence: prod\.env:1: would put AWS_ACCESS_KEY_ID in \.env, which dev\.env:1 gives another value/m,
  },
  {
    name: 'lists every refusal at once, each with its fix',
    setup: (key) => {
      const repo = repoWith({ 'app.js': lines(key), 'b.js': `const url = "https://${key}@example.com/";\n` });
      writeFileSync(join(repo, 'app.js'), lines(key).replace('const a = 1', 'const a = 10'));
      git(repo, 'add', 'app.js');
      writeFileSync(join(repo, 'app.js'), lines(key).replace('const a = 1', 'const a = 10').replace('const e = 5', 'const e = 50'));
      return repo;
    },
    message: /^keyfence: app\.js: partially staged .*; stage the whole file.*\nkeyfence: b\.js:1: manual: .*; fix these by hand/m,
  },
];

describe('fix/apply refusals', () => {
  for (const c of refusals) {
    it(c.name, () => {
      const { keyId } = generateAwsPair();
      const repo = c.setup(keyId);
      const before = snapshot(repo);
      const result = keyfence(repo, 'scan', '--fix');
      assert.equal(result.status, 2, result.stderr);
      assert.match(result.stderr, c.message);
      assert.ok(!result.stderr.includes(keyId), 'no secret in the refusal');
      assert.equal(result.stderr.trim().split('\n').filter((l) => !l.startsWith('keyfence: ')).length, 0, 'one-line errors, no stack trace');
      assert.deepEqual(snapshot(repo), before, 'work tree and index unchanged');
    });
  }

  it('refuses a finding from history (a commit) in the library', async () => {
    const { keyId } = generateAwsPair();
    const finding = makeFinding({ file: 'app.js', lineText: `x = "${keyId}"`, secret: keyId, commit: '0123456789abcdef' });
    const remedy = suggestRemedy({ finding, taken: new Map() });
    const root = makeTempDir('keyfence-history-');
    await assert.rejects(applyFixes([{ finding, remedy }], { root, dryRun: false, showSecrets: false }), (error: unknown) => error instanceof FixRefusedError && /app\.js: found in commit 0123456789ab/.test(error.message));
  });
});

describe('fix/apply writes', () => {
  const racing = [
    { name: 'another writer appends a line to the target after the plan: refused, the line is kept, no .env or .gitignore written', file: 'app.js', play: (repo: string): void => appendFileSync(join(repo, 'app.js'), 'const added = "by another writer";\n') },
    { name: 'another writer creates .env after the plan: refused and its .env is kept, the target untouched', file: '.env', play: (repo: string): void => writeFileSync(join(repo, '.env'), 'OTHER=1\n') },
  ];
  for (const c of racing) {
    it(c.name, async () => {
      const { keyId } = generateAwsPair();
      const repo = repoWith({ 'app.js': `const id = '${keyId}';\n` });
      const finding = makeFinding({ file: 'app.js', lineText: `const id = '${keyId}';`, secret: keyId });
      const remedy = suggestRemedy({ finding, taken: new Map(), fileText: `const id = '${keyId}';\n` });
      let after = new Map<string, string>();
      await assert.rejects(
        applyFixes([{ finding, remedy }], { root: repo, dryRun: false, showSecrets: false, beforeWrite: () => { c.play(repo); after = snapshot(repo); } }),
        (error: unknown) => error instanceof FixRefusedError && new RegExp(`^${c.file.replace('.', '\\.')}: changed on disk while --fix ran; nothing was changed`).test(error.message),
      );
      assert.deepEqual(snapshot(repo), after, 'nothing written after the other writer');
      if (c.file === 'app.js') assert.ok(!existsSync(join(repo, '.env')) && !existsSync(join(repo, '.gitignore')));
    });
  }

  it('fixes a file whose name is as long as the file system allows (its temp file name is cut to fit)', () => {
    const { keyId } = generateAwsPair();
    const name = `${'n'.repeat(250)}.js`;
    const repo = repoWith({ [name]: `const id = '${keyId}';\n` });
    const result = keyfence(repo, 'scan', '--fix');
    assert.equal(result.status, 1, result.stderr);
    assert.doesNotMatch(result.stderr, /internal error/);
    assert.equal(readFileSync(join(repo, name), 'utf8'), 'const id = process.env.AWS_ACCESS_KEY_ID;\n');
    assert.match(readFileSync(join(repo, '.env'), 'utf8'), /^AWS_ACCESS_KEY_ID=/);
  });

  it('fixes a file whose unstaged changes are on other lines', () => {
    const { keyId } = generateAwsPair();
    const repo = repoWith({ 'app.js': lines(keyId) });
    writeFileSync(join(repo, 'app.js'), lines(keyId).replace('const e = 5', 'const e = 50'));
    const result = keyfence(repo, 'scan', '--fix');
    assert.equal(result.status, 1, result.stderr);
    const text = readFileSync(join(repo, 'app.js'), 'utf8');
    assert.match(text, /const id = process\.env\.AWS_ACCESS_KEY_ID;/);
    assert.match(text, /const e = 50;/);
    assert.equal(readFileSync(join(repo, '.env'), 'utf8'), `AWS_ACCESS_KEY_ID=${keyId}\n`);
    assert.equal(statSync(join(repo, '.env')).mode & 0o777, 0o600);
  });

  it('drops an environment fallback and keeps the read, after multi-byte text on the line', () => {
    const { keyId } = generateAwsPair();
    const repo = repoWith({ 'app.js': `const id = /* clé */ process.env.AWS_ACCESS_KEY_ID || '${keyId}';\n` });
    const result = keyfence(repo, 'scan', '--fix');
    assert.equal(result.status, 1, result.stderr);
    assert.equal(readFileSync(join(repo, 'app.js'), 'utf8'), 'const id = /* clé */ process.env.AWS_ACCESS_KEY_ID;\n');
    assert.equal(readFileSync(join(repo, '.env'), 'utf8'), `AWS_ACCESS_KEY_ID=${keyId}\n`);
  });

  it('keeps CRLF line endings, the UTF-8 BOM and the file mode', () => {
    const { keyId } = generateAwsPair();
    const body = (value: string): Buffer => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`#!/usr/bin/env node\r\nconst id = ${value};\r\nconsole.log(id);\r\n`)]);
    const repo = repoWith({ 'tool.js': body(`"${keyId}"`).toString('latin1') });
    writeFileSync(join(repo, 'tool.js'), body(`"${keyId}"`));
    chmodSync(join(repo, 'tool.js'), 0o755);
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'bytes');
    const result = keyfence(repo, 'scan', '--fix');
    assert.equal(result.status, 1, result.stderr);
    assert.deepEqual(readFileSync(join(repo, 'tool.js')), body('process.env.AWS_ACCESS_KEY_ID'));
    assert.equal(statSync(join(repo, 'tool.js')).mode & 0o777, 0o755);
  });

  it('gives a different secret a numbered name when .env already uses the name', () => {
    const { keyId } = generateAwsPair();
    const repo = repoWith({ 'app.js': lines(keyId), '.gitignore': '.env\n' });
    writeFileSync(join(repo, '.env'), 'AWS_ACCESS_KEY_ID=older\n');
    const result = keyfence(repo, 'scan', '--fix');
    assert.equal(result.status, 1, result.stderr);
    assert.match(readFileSync(join(repo, 'app.js'), 'utf8'), /process\.env\.AWS_ACCESS_KEY_ID_2/);
    assert.equal(readFileSync(join(repo, '.env'), 'utf8'), `AWS_ACCESS_KEY_ID=older\nAWS_ACCESS_KEY_ID_2=${keyId}\n`);
    assert.equal(readFileSync(join(repo, '.gitignore'), 'utf8'), '.env\n');
  });

  it('moves a real key out of a tracked .env.example and leaves its name there', () => {
    const { keyId } = generateAwsPair();
    const repo = repoWith({ '.env.example': `LOG_LEVEL=\nAWS_ACCESS_KEY_ID=${keyId}\n` });
    const result = keyfence(repo, 'scan', '--fix');
    assert.equal(result.status, 1, result.stderr);
    assert.equal(readFileSync(join(repo, '.env.example'), 'utf8'), 'LOG_LEVEL=\nAWS_ACCESS_KEY_ID=\n');
    assert.equal(readFileSync(join(repo, '.env'), 'utf8'), `AWS_ACCESS_KEY_ID=${keyId}\n`);
    assert.equal(keyfence(repo, 'scan', '--fix').status, 0);
  });

  it('leaves secrets in an untracked .env where they are and git-ignores it', () => {
    const { keyId } = generateAwsPair();
    const repo = repoWith({ 'README.md': 'x\n' });
    writeFileSync(join(repo, '.env'), `AWS_ACCESS_KEY_ID=${keyId}\n`);
    const result = keyfence(repo, 'scan', '--fix');
    assert.equal(result.status, 1, result.stderr);
    assert.equal(readFileSync(join(repo, '.env'), 'utf8'), `AWS_ACCESS_KEY_ID=${keyId}\n`);
    assert.equal(readFileSync(join(repo, '.gitignore'), 'utf8'), '.env\n');
    assert.equal(readFileSync(join(repo, '.env.example'), 'utf8'), 'AWS_ACCESS_KEY_ID=\n');
    assert.equal(keyfence(repo, 'scan', '--fix').status, 0);
  });

  it('refuses --fix on piped text', () => {
    const repo = repoWith({ 'a.txt': 'x\n' });
    const result = spawnSync(process.execPath, [BIN, 'scan', '--stdin', '--stdin-filename', 'a.js', '--fix'], { cwd: repo, input: `const k = '${generateAwsPair().keyId}';\n`, encoding: 'utf8' });
    assert.equal(result.status, 2, result.stderr);
    assert.match(result.stderr, /--fix cannot be used with --stdin/);
  });

  it('says a file outside the folder it runs in is outside it, not changed on disk', () => {
    const { keyId } = generateAwsPair();
    const parent = makeTempDir('keyfence-outside-');
    mkdirSync(join(parent, 'here'));
    mkdirSync(join(parent, 'other'));
    writeFileSync(join(parent, 'other', 'app.js'), `const id = '${keyId}';\n`);
    const before = snapshot(parent);
    const fixed = keyfence(join(parent, 'here'), 'scan', '../other/app.js', '--fix');
    assert.equal(fixed.status, 2, fixed.stderr);
    assert.match(fixed.stderr, /other\/app\.js: outside the folder keyfence runs in \(.*here\), so --fix will not write to it/);
    const report = keyfence(join(parent, 'here'), 'scan', '../other/app.js');
    assert.match(report.stdout, /manual: outside .*here, the folder --fix works in/);
    assert.doesNotMatch(report.stdout + fixed.stderr, /no longer holds|changed on disk/);
    assert.deepEqual(snapshot(parent), before);
  });

  it('shows the whole plan with --dry-run: what it would refuse, then the diff of the rest, exit 2', () => {
    const { keyId } = generateAwsPair();
    const repo = repoWith({ 'app.js': lines(keyId), 'b.js': `const url = "https://${keyId}@example.com/";\n` });
    const before = snapshot(repo);
    const dry = keyfence(repo, 'scan', '--fix', '--dry-run', '--output', join(makeTempDir('keyfence-report-'), 'report.txt'));
    assert.equal(dry.status, 2, dry.stderr);
    assert.match(dry.stderr, /--fix would refuse and write nothing, because of:\nkeyfence: {3}b\.js:1: manual: /);
    assert.match(dry.stderr, /without the files refused, it would change \.gitignore, \.env, \.env\.example, app\.js/);
    assert.match(dry.stdout, /^\+\+\+ b\/app\.js\n[\s\S]*^\+const id = process\.env\.AWS_ACCESS_KEY_ID;$/m);
    assert.doesNotMatch(dry.stdout, /b\/b\.js/);
    assert.ok(!dry.stdout.includes(keyId) && !dry.stderr.includes(keyId), 'no secret printed');
    assert.deepEqual(snapshot(repo), before, 'nothing written');
  });

  it('works in a folder outside git and lists .env in a new .gitignore', () => {
    const { keyId } = generateAwsPair();
    const dir = makeTempDir('keyfence-plain-');
    writeFileSync(join(dir, 'app.py'), `KEY = '${keyId}'\n`);
    const result = keyfence(dir, 'scan', '--fix');
    assert.equal(result.status, 1, result.stderr);
    assert.equal(readFileSync(join(dir, 'app.py'), 'utf8'), 'import os\nKEY = os.environ["AWS_ACCESS_KEY_ID"]\n');
    assert.equal(readFileSync(join(dir, '.gitignore'), 'utf8'), '.env\n');
    assert.equal(keyfence(dir, 'scan', '--fix').status, 0);
  });
});
