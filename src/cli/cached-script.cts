// Loads a CommonJS bundle with a V8 code cache made at build time: Node 20 has no compile cache of its own, and
// parsing and compiling the hook's code is a large part of a pre-commit hook's start-up.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { makeDirs } from '../make-dirs.cjs';

export interface LoadedScript<T> {
  exports: T;
  /** Whether V8 used the cache (false when there is none, it belongs to another build, or another Node made it). */
  cacheUsed: boolean;
  /** A fresh cache of everything compiled so far (call after a representative run); undefined without a build id. */
  makeCache: () => Buffer | undefined;
}

/** The build stamps each bundle with the hash of its content, as a last-line comment. */
const BUILD_ID = /\/\/# keyfence-build=([0-9a-f]{64})\s*$/;
const ID_BYTES = 64;

/** The stamp line the build appends to a bundle of this content. */
export function buildStamp(hash: string): string {
  return `\n//# keyfence-build=${hash}\n`;
}

/** V8 checks a cache against the source's length only, so the cache file starts with the build id it was made for. */
function readCache(cacheFile: string | undefined, id: string | undefined): Buffer | undefined {
  if (!cacheFile || !id) return undefined;
  try {
    const bytes = readFileSync(cacheFile);
    // V8 says nothing about data too short to be a cache: it just compiles, so such a file counts as no cache.
    if (bytes.length <= ID_BYTES + 64) return undefined;
    return bytes.subarray(0, ID_BYTES).toString('latin1') === id ? bytes.subarray(ID_BYTES) : undefined;
  } catch {
    // No cache (not built, or removed): compile from source.
    return undefined;
  }
}

/** Runs `file` as a CommonJS module; V8 also checks the cache against its own version and flags. */
export function loadCommonJs<T>(file: string, cacheFile?: string): LoadedScript<T> {
  const source = readFileSync(file, 'utf8');
  const id = BUILD_ID.exec(source.slice(-120))?.[1];
  const cachedData = readCache(cacheFile, id);
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  const module = { exports: {} as T };
  const wrapper = script.runInThisContext() as (exports: T, require: NodeJS.Require, module: { exports: T }, filename: string, dirname: string) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return {
    exports: module.exports,
    cacheUsed: cachedData !== undefined && !script.cachedDataRejected,
    makeCache: () => (id ? Buffer.concat([Buffer.from(id, 'latin1'), script.createCachedData()]) : undefined),
  };
}

/** The build writes the V8 version its caches were made with beside them (build/bundle/cache-v8.txt). */
export const CACHE_V8_FILE = 'cache-v8.txt';

export interface LoadedBundle<T> {
  exports: T;
  /** After a run: writes this Node's cache when none was used (call once the run is done, so its functions are in it). */
  refresh: () => void;
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'latin1').trim();
  } catch {
    return undefined;
  }
}

/** Where caches for other Node versions go: the user's cache folder (the package folder may be read-only). */
export function userCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir() || tmpdir(), '.cache'), 'keyfence');
}

/** Loads a bundle of build/bundle with the build's code cache when this Node's V8 made it; otherwise (Node 24 running
 *  a Node 20 build, whose cache V8 rejects) with a cache for this V8 in the user's cache folder, made after the first
 *  run and written atomically (temp file, then rename), so later runs start as fast as with the build's. */
export function loadBundle<T>(file: string, dir: string): LoadedBundle<T> {
  if (readText(join(dir, CACHE_V8_FILE)) === process.versions.v8) return { exports: loadCommonJs<T>(file, `${file}.cache`).exports, refresh: () => undefined };
  const cacheFile = join(userCacheDir(), `${basename(file)}-v8-${process.versions.v8}.cache`);
  const loaded = loadCommonJs<T>(file, cacheFile);
  return {
    exports: loaded.exports,
    refresh: () => {
      if (loaded.cacheUsed) return;
      const temp = `${cacheFile}.${process.pid}.tmp`;
      try {
        const bytes = loaded.makeCache();
        if (!bytes) return;
        makeDirs(dirname(cacheFile));
        writeFileSync(temp, bytes);
        renameSync(temp, cacheFile);
      } catch {
        // No cache folder to write to: keyfence only starts slower.
        rmSync(temp, { force: true });
      }
    },
  };
}
