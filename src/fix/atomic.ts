// Atomic writes in two steps: every new content goes to a temp file beside its target (old mode copied) first; only
// when all are written, and no target changed since it was read, are they renamed over their targets.
import { chmodSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** File names are at most 255 bytes on common file systems: a long target name is cut to leave room for the suffix. */
const MAX_NAME_BYTES = 255;

function tempPathFor(path: string): string {
  const suffix = `.keyfence-${process.pid}-${Date.now()}.tmp`;
  let name = basename(path);
  while (Buffer.byteLength(name + suffix) > MAX_NAME_BYTES) name = name.slice(0, -1);
  // The temp name starts with the target's name so a stray .env temp file still matches `.env*`-style ignores.
  return join(dirname(path), `${name}${suffix}`);
}

/** Writes `data` to a temp file beside `path` with the target's mode (or newFileMode) and returns the temp path. */
export function writeTemp(path: string, data: Buffer | string, newFileMode = 0o644): string {
  let mode = newFileMode;
  try {
    mode = statSync(path).mode & 0o7777;
  } catch {
    // A new file: keep newFileMode.
  }
  const temp = tempPathFor(path);
  try {
    writeFileSync(temp, data, { mode, flag: 'wx' });
    chmodSync(temp, mode);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  return temp;
}

/** The bytes of `path` now, or undefined when it does not exist. */
export function currentBytes(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Is `path` still what was read (`before` undefined: it did not exist)? */
export function unchangedSince(path: string, before: Buffer | undefined): boolean {
  const now = currentBytes(path);
  return now === undefined || before === undefined ? now === before : now.equals(before);
}

export function renameTemp(temp: string, path: string): void {
  renameSync(temp, path);
}

export function removeTemp(temp: string): void {
  rmSync(temp, { force: true });
}
