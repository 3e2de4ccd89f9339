// The whole hook path with the real husky package: husky init, keyfence init, then real `git commit`s.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fakeAccessKeyId, makeRepo, withNodeModules, type Repo } from '../helpers/git-repo.js';

const repos: Repo[] = [];

describe('husky + keyfence init', () => {
  after(() => repos.forEach((r) => r.remove()));

  it('refuses a real git commit holding an AWS key (exit 1, says what to do) and lets the clean commit through', () => {
    const r = makeRepo();
    repos.push(r);
    withNodeModules(r);
    const husky = spawnSync(process.execPath, [join(r.dir, 'node_modules', 'husky', 'bin.js'), 'init'], { cwd: r.dir, encoding: 'utf8', env: { ...process.env, HOME: r.dir } });
    assert.equal(husky.status, 0, husky.stderr);
    assert.equal(r.git('config', 'core.hooksPath').trim(), '.husky/_');
    // husky init writes `npm test`; keep a command of the user's own to check that init appends.
    r.write('.husky/pre-commit', 'echo user-hook-ran\n');

    const init = r.keyfence(['init']);
    assert.equal(init.status, 0, init.stderr);
    assert.match(init.stdout, /appended \.husky\/pre-commit/);
    assert.equal(readFileSync(join(r.dir, '.husky', 'pre-commit'), 'utf8'), 'echo user-hook-ran\nkeyfence staged\n');
    assert.match(r.keyfence(['init']).stdout, /already runs keyfence staged/);
    assert.equal(readFileSync(join(r.dir, '.husky', 'pre-commit'), 'utf8'), 'echo user-hook-ran\nkeyfence staged\n', 'idempotent');

    r.write('src/config.js', `export const id = "${fakeAccessKeyId()}";\n`);
    r.git('add', '-A');
    const refused = r.gitResult('commit', '-m', 'add config');
    assert.equal(refused.status, 1, refused.stdout + refused.stderr);
    assert.match(refused.stdout + refused.stderr, /user-hook-ran/);
    assert.match(refused.stderr, /commit refused: the staged changes hold secrets/);
    assert.equal(r.gitResult('rev-parse', '--verify', '-q', 'HEAD').status, 1, 'no commit was made');

    r.write('src/config.js', 'export const id = process.env.AWS_ACCESS_KEY_ID;\n');
    r.git('add', '-A');
    const accepted = r.gitResult('commit', '-m', 'add config');
    assert.equal(accepted.status, 0, accepted.stdout + accepted.stderr);
  });
});
