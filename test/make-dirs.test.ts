// makeDirs: a folder and its missing parents, made level by level, and an error (never a hang) for one that cannot be.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../src/paths.js';

const root = mkdtempSync(join(tmpdir(), 'keyfence-make-dirs-'));
writeFileSync(join(root, 'file'), '');

/** Runs makeDirs in a child process: a loop (as mkdirSync's recursive mode does on /proc) is stopped by the guard. */
function makeDirsIn(dir: string, mode?: number): { code: string; signal: NodeJS.Signals | null } {
  const script = `const { makeDirs } = require(${JSON.stringify(join(packageRoot, 'build', 'src', 'make-dirs.cjs'))});
try { makeDirs(${JSON.stringify(dir)}${mode === undefined ? '' : `, ${mode}`}); process.stdout.write('made'); } catch (e) { process.stdout.write(e.code); }`;
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20_000 });
  return { code: result.stdout, signal: result.signal };
}

const cases = [
  { name: 'makes a folder three levels below the first that exists', dir: join(root, 'a', 'b', 'c'), want: 'made' },
  { name: 'accepts a folder that is already there', dir: root, want: 'made' },
  { name: 'throws ENOENT for a folder /proc cannot make, instead of retrying forever', dir: '/proc/nonexist/keyfence', want: 'ENOENT' },
  { name: 'throws ENOTDIR for a folder below a file', dir: join(root, 'file', 'below'), want: 'ENOTDIR' },
];

describe('makeDirs', () => {
  after(() => rmSync(root, { recursive: true, force: true }));
  for (const c of cases) {
    it(c.name, () => {
      const result = makeDirsIn(c.dir);
      assert.equal(result.signal, null, 'stopped by the hang guard');
      assert.equal(result.code, c.want);
      if (c.want === 'made') assert.ok(statSync(c.dir).isDirectory());
    });
  }

  it('gives every level it makes the mode asked for', () => {
    const dir = join(root, 'private', 'inner');
    assert.equal(makeDirsIn(dir, 0o700).code, 'made');
    for (const level of [join(root, 'private'), dir]) assert.equal(statSync(level).mode & 0o777, 0o700 & ~process.umask());
  });
});
