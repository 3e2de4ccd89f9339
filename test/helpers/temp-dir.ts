// Temporary folders for one test file, each removed when the file's process exits (tests passed, failed or threw):
// run-tests.js fails the suite on any folder left behind. No side effects at import.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];
let hooked = false;

function removeAll(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A new folder under the system's temp dir, named `<prefix>XXXXXX`, removed when this process exits. */
export function makeTempDir(prefix: string): string {
  // 'exit' handlers run synchronously after node:test has reported, whichever way the tests ended.
  if (!hooked) process.once('exit', removeAll);
  hooked = true;
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
