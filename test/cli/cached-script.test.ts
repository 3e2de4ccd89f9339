// A CommonJS bundle runs the same with a matching, a foreign, a damaged or no code cache; only a matching one is used.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCommonJs } from '../../src/cli/cached-script.cjs';
import { packageRoot } from '../../src/paths.js';

interface Answer {
  answer: number;
  sep: string;
  dir: string;
}

const SOURCE = "const { sep } = require('node:path');\nexports.answer = 6 * 7;\nexports.sep = sep;\nexports.dir = __dirname;\n";

/** A folder with the module and, when `cache` says so, a cache file next to it. */
function moduleWith(cache: (file: string) => Buffer | undefined): { file: string; cacheFile: string } {
  const dir = mkdtempSync(join(tmpdir(), 'keyfence-cached-'));
  const file = join(dir, 'module.cjs');
  writeFileSync(file, SOURCE);
  const cacheFile = `${file}.cache`;
  const bytes = cache(file);
  if (bytes) writeFileSync(cacheFile, bytes);
  return { file, cacheFile };
}

/** The module rewritten (same length) after its cache was made: the cache must not be trusted. */
function staleCache(file: string): Buffer {
  const bytes = loadCommonJs(file).makeCache();
  writeFileSync(file, SOURCE.replace('6 * 7', '7 * 6'));
  const later = new Date(Date.now() + 60_000);
  utimesSync(file, later, later);
  return bytes;
}

const CASES: { name: string; cache: (file: string) => Buffer | undefined; used: boolean }[] = [
  { name: 'runs the module without a cache file', cache: () => undefined, used: false },
  { name: 'uses a cache made from the same source', cache: (file) => loadCommonJs(file).makeCache(), used: true },
  { name: 'ignores a cache made from another source', cache: () => cacheOf("exports.answer = 'something else, and longer';\n"), used: false },
  { name: 'ignores a cache older than the source', cache: staleCache, used: false },
  { name: 'ignores a damaged cache file', cache: () => Buffer.from('not a V8 code cache at all'), used: false },
  { name: 'ignores an empty cache file', cache: () => Buffer.alloc(0), used: false },
];

function cacheOf(source: string): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'keyfence-cached-other-'));
  writeFileSync(join(dir, 'other.cjs'), source);
  return loadCommonJs(join(dir, 'other.cjs')).makeCache();
}

describe('cli/cached-script', () => {
  for (const { name, cache, used } of CASES) {
    it(name, () => {
      const { file, cacheFile } = moduleWith(cache);
      const loaded = loadCommonJs<Answer>(file, cacheFile);
      assert.equal(loaded.exports.answer, 42);
      assert.equal(typeof loaded.exports.sep, 'string');
      assert.equal(loaded.exports.dir, join(file, '..'));
      assert.equal(loaded.cacheUsed, used);
    });
  }

  it('has a hook bundle whose build-time cache this Node accepts', () => {
    const hook = join(packageRoot, 'build', 'bundle', 'hook.cjs');
    const loaded = loadCommonJs<{ runHook: unknown }>(hook, `${hook}.cache`);
    assert.equal(typeof loaded.exports.runHook, 'function');
    assert.equal(loaded.cacheUsed, true);
  });
});
