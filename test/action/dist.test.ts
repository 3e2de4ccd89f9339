// The committed bundle must be what `npm run build:action` makes from today's sources (CI fails when dist/ is stale).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../src/paths.js';

describe('dist/index.js', () => {
  it('is byte-identical to a fresh build (run `npm run build:action` and commit dist/ when this fails)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyfence-dist-'));
    try {
      const outfile = join(dir, 'index.js');
      const result = spawnSync(process.execPath, [join(packageRoot, 'scripts', 'build-action.js'), '--outfile', outfile], { cwd: packageRoot, encoding: 'utf8' });
      assert.equal(result.status, 0, result.stderr);
      const fresh = readFileSync(outfile);
      const committed = readFileSync(join(packageRoot, 'dist', 'index.js'));
      assert.ok(fresh.equals(committed), 'dist/index.js is stale: run `npm run build:action` and commit dist/');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
