// Loads a CommonJS bundle with a V8 code cache made at build time: Node 20 has no compile cache of its own, and
// parsing and compiling the hook's code is a large part of a pre-commit hook's start-up.
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

export interface LoadedScript<T> {
  exports: T;
  /** Whether V8 used the cache (false when there is none, or it was made by another Node or V8 flags). */
  cacheUsed: boolean;
  /** A fresh cache of everything compiled so far (call after a representative run). */
  makeCache: () => Buffer;
}

/** V8 checks a cache against the source's length only: one written before the source changed is not used. */
function readCache(file: string, cacheFile: string | undefined): Buffer | undefined {
  if (!cacheFile) return undefined;
  try {
    if (statSync(cacheFile).mtimeMs < statSync(file).mtimeMs) return undefined;
    return readFileSync(cacheFile);
  } catch {
    // No cache (not built, or removed): compile from source.
    return undefined;
  }
}

/** Runs `file` as a CommonJS module; V8 also checks the cache against its own version and flags. */
export function loadCommonJs<T>(file: string, cacheFile?: string): LoadedScript<T> {
  const source = readFileSync(file, 'utf8');
  const cachedData = readCache(file, cacheFile);
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  const module = { exports: {} as T };
  const wrapper = script.runInThisContext() as (exports: T, require: NodeJS.Require, module: { exports: T }, filename: string, dirname: string) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return { exports: module.exports, cacheUsed: cachedData !== undefined && !script.cachedDataRejected, makeCache: () => script.createCachedData() };
}
