// The npm package: what `npm pack` ships (only what users run), the licence, and no install script for users.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/git-repo.js';

const SHIPPED = [/^bin\//, /^build\/src\//, /^build\/bundle\//, /^build\/generated\//, /^build\/(rules\.json|rules\.json\.bodies|prefilter\.bin)$/, /^rules\//, /^schemas\//, /^(package\.json|README\.md|LICENSE)$/];

describe('npm package', () => {
  const packed = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
  const files = (JSON.parse(packed.stdout || '[{"files":[]}]') as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { license: string; scripts: Record<string, string> };

  it('packs only what users run: the CLI, its build, rules, schemas, the README and the licence', () => {
    assert.equal(packed.status, 0, packed.stderr);
    assert.deepEqual(files.filter((f) => !SHIPPED.some((re) => re.test(f))), []);
    for (const needed of ['bin/keyfence.js', 'build/bundle/hook.cjs', 'build/bundle/keyfence.cjs', 'build/rules.json', 'build/rules.json.bodies', 'build/src/index.js', 'LICENSE']) assert.ok(files.includes(needed), needed);
  });

  it('has the MIT licence package.json names, and a security policy', () => {
    assert.equal(manifest.license, 'MIT');
    assert.match(readFileSync(join(ROOT, 'LICENSE'), 'utf8'), /^MIT License\n/);
    assert.ok(existsSync(join(ROOT, 'SECURITY.md')));
  });

  it('keeps npm pack output out of git (a tarball of the build was once committed by accident)', () => {
    const tracked = spawnSync('git', ['-C', ROOT, 'ls-files', '*.tgz', '*.tar.gz'], { encoding: 'utf8' });
    assert.equal(tracked.status, 0, tracked.stderr);
    assert.equal(tracked.stdout, '');
  });

  it('runs no script when users install it (prepare runs only in a git checkout)', () => {
    for (const hook of ['preinstall', 'install', 'postinstall']) assert.equal(manifest.scripts[hook], undefined, hook);
  });
});
