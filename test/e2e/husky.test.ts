// The whole hook path with the real husky package: husky init, keyfence init, then real `git commit`s.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, fakeAccessKeyId, makeRepo, withNodeModules, type Repo } from '../helpers/git-repo.js';

const repos: Repo[] = [];

/** The README's husky block, without its `npm install` line: each command, comments dropped. */
function readmeSteps(): string[] {
  const block = /```sh\n(npm install --save-dev husky keyfence\n[\s\S]*?)```/.exec(readFileSync(join(ROOT, 'README.md'), 'utf8'))?.[1];
  assert.ok(block, 'README.md shows the husky set-up');
  return block.split('\n').map((line) => line.replace(/#.*/, '').trim()).filter((line) => line && !line.startsWith('npm install'));
}

describe('husky + keyfence init', () => {
  after(() => repos.forEach((r) => r.remove()));

  it('refuses a real git commit holding an AWS key (exit 1, says what to do) and lets the clean commit through', () => {
    const r = makeRepo();
    repos.push(r);
    withNodeModules(r);
    // The README's commands after the install (withNodeModules leaves what `npm install` would), with the real npx.
    const steps = readmeSteps();
    assert.deepEqual(steps.map((s) => s.split(' ').slice(0, 2).join(' ')), ['npx husky', 'npx keyfence']);
    const [huskyInit, keyfenceInit] = steps.map((step) => spawnSync('sh', ['-c', step], { cwd: r.dir, encoding: 'utf8', env: { ...process.env, HOME: r.dir, NO_COLOR: '1' } }));
    assert.equal(huskyInit?.status, 0, huskyInit?.stderr);
    assert.equal(r.git('config', 'core.hooksPath').trim(), '.husky/_');
    assert.equal(keyfenceInit?.status, 0, keyfenceInit?.stderr);
    assert.match(keyfenceInit?.stdout ?? '', /updated \.husky\/pre-commit/);
    // husky init writes `npm test`, which fails in this project (no test script): keyfence must run before it.
    assert.equal(readFileSync(join(r.dir, '.husky', 'pre-commit'), 'utf8'), 'keyfence staged\nnpm test\n');
    assert.match(r.keyfence(['init']).stdout, /already runs keyfence staged/);
    assert.equal(readFileSync(join(r.dir, '.husky', 'pre-commit'), 'utf8'), 'keyfence staged\nnpm test\n', 'idempotent');

    r.write('src/config.js', `export const id = "${fakeAccessKeyId()}";\n`);
    r.git('add', '-A');
    const refused = r.gitResult('commit', '-m', 'add config');
    assert.equal(refused.status, 1, refused.stdout + refused.stderr);
    assert.match(refused.stderr, /commit refused: the staged changes hold secrets/);
    assert.equal(r.gitResult('rev-parse', '--verify', '-q', 'HEAD').status, 1, 'no commit was made');

    // Clean: keyfence passes and husky goes on to `npm test`, which is the user's to fix (no test script yet).
    r.write('src/config.js', 'export const id = process.env.AWS_ACCESS_KEY_ID;\n');
    r.git('add', '-A');
    const tested = r.gitResult('commit', '-m', 'add config');
    assert.match(tested.stdout + tested.stderr, /Missing script: "test"/);
    r.write('package.json', '{ "name": "demo", "private": true, "scripts": { "test": "echo user-tests-ran" } }\n');
    r.git('add', '-A');
    const accepted = r.gitResult('commit', '-m', 'add config');
    assert.equal(accepted.status, 0, accepted.stdout + accepted.stderr);
    assert.match(accepted.stdout + accepted.stderr, /user-tests-ran/);
  });
});
