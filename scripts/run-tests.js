// Runs every compiled test file under build/test with node:test (Node 20 has no --test globs).
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function listTests(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listTests(path));
    else if (name.endsWith('.test.js')) out.push(path);
  }
  return out;
}

const only = process.argv.slice(2);
const files = listTests('build/test').filter((f) => only.length === 0 || only.some((o) => f.includes(o)));
if (files.length === 0) {
  console.error('run-tests: no compiled tests under build/test; run `npm run build` first');
  process.exit(2);
}
// Every temp folder a test (or a git, npm or pre-commit it starts) makes lands in one folder, removed at the end,
// so a run leaves nothing in the system's temp dir even when a test fails before its own clean-up.
const temp = mkdtempSync(join(tmpdir(), 'keyfence-tests-'));
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...files], { stdio: 'inherit', env: { ...process.env, TMPDIR: temp } });
const left = readdirSync(temp).length;
rmSync(temp, { recursive: true, force: true });
if (left > 0) console.log(`run-tests: removed ${left} temp folder${left === 1 ? '' : 's'} the tests left`);
process.exit(result.status ?? 1);
