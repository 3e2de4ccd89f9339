// Atomic writes: a temp file in the same folder, the old mode copied, then rename over the target.
import { chmodSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export function writeAtomic(path: string, data: Buffer | string, newFileMode = 0o644): void {
  let mode = newFileMode;
  try {
    mode = statSync(path).mode & 0o7777;
  } catch {
    // A new file: keep newFileMode.
  }
  // The temp name starts with the target's name so a stray .env temp file still matches `.env*`-style ignores.
  const temp = join(dirname(path), `${basename(path)}.keyfence-${process.pid}-${Date.now()}.tmp`);
  try {
    writeFileSync(temp, data, { mode, flag: 'wx' });
    chmodSync(temp, mode);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
