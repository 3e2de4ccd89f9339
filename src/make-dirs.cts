// Creates a folder and its missing parents without mkdirSync's recursive mode, which loops forever on Node 20 when a
// level can never be made (XDG_CACHE_HOME=/proc/nonexist: /proc answers ENOENT to mkdir, and Node retries the parent).
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

function isDir(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
}

/** Walks up to the first folder that exists, then makes each level below it once, without recursion: a level that
 *  cannot be made throws its error (ENOENT, EACCES, ENOTDIR…) instead of being retried. */
export function makeDirs(dir: string, mode?: number): void {
  const missing: string[] = [];
  for (let at = resolve(dir); !isDir(at); at = dirname(at)) {
    missing.push(at);
    if (dirname(at) === at) break;
  }
  for (const level of missing.reverse()) {
    try {
      mkdirSync(level, mode === undefined ? undefined : { mode });
    } catch (error) {
      // Another process made it in between: that is what was wanted.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !isDir(level)) throw error;
    }
  }
}
