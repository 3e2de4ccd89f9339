// Golden-file compare for reporters: UPDATE_GOLDEN=1 rewrites the expected file instead of comparing.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import assert from 'node:assert/strict';
import { packageRoot } from '../../src/paths.js';

export function assertGolden(relativePath: string, actual: string): void {
  const path = join(packageRoot, relativePath);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  assert.ok(existsSync(path), `${relativePath} is missing; run the test with UPDATE_GOLDEN=1 to create it`);
  assert.equal(actual, readFileSync(path, 'utf8'), `${relativePath} differs; if the change is intended, rerun with UPDATE_GOLDEN=1`);
}
