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
// Every temp folder a test (or a git, npm or pre-commit it starts) makes lands in one folder, so what a test leaves
// behind is seen: each test removes what it creates (test/helpers/temp-dir.ts, t.after, finally), and a leftover
// fails the run, named, so a new leaking test cannot hide. The folder is still swept, so even a crashed run leaves
// nothing in the system's temp dir.
const temp = mkdtempSync(join(tmpdir(), 'keyfence-tests-'));
// The keyfence code cache the tests share lives beside TMPDIR, so it is the run's to remove, not a test's leftover.
const cacheHome = `${temp}-cache`;
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...files], { stdio: 'inherit', env: { ...process.env, TMPDIR: temp, TEST_XDG_CACHE_HOME: cacheHome } });
rmSync(cacheHome, { recursive: true, force: true });
const left = readdirSync(temp).sort();
rmSync(temp, { recursive: true, force: true });
if (left.length > 0) {
  // Grouped by name without mkdtemp's random suffix, which is what a test's own prefix looks like.
  const byPrefix = new Map();
  for (const name of left) {
    const prefix = name.replace(/[A-Za-z0-9]{6}$/, '*');
    byPrefix.set(prefix, (byPrefix.get(prefix) ?? 0) + 1);
  }
  const listed = [...byPrefix].map(([prefix, n]) => `${prefix}${n > 1 ? ` (${n})` : ''}`).join(', ');
  console.error(`run-tests: the tests left ${left.length} temp folder${left.length === 1 ? '' : 's'} in TMPDIR ${temp}: ${listed}; the test that made each must remove it (makeTempDir from test/helpers/temp-dir.ts, t.after or finally); they were removed now`);
  process.exit(result.status === 0 ? 1 : (result.status ?? 1));
}
process.exit(result.status ?? 1);
