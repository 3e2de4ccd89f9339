// Runs every compiled test file under build/test with node:test (Node 20 has no --test globs).
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
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
// Each test file's process records what it started and left running (scripts/test-process-guard.js) in this folder.
const leaksDir = `${temp}-leaks`;
mkdirSync(leaksDir);
const guard = new URL('./test-process-guard.js', import.meta.url).href;
const result = spawnSync(process.execPath, ['--import', guard, '--test', '--test-concurrency=2', ...files], { stdio: 'inherit', env: { ...process.env, TMPDIR: temp, TEST_XDG_CACHE_HOME: cacheHome, RUN_TESTS_LEAKS: leaksDir } });
rmSync(cacheHome, { recursive: true, force: true });
const leaked = readdirSync(leaksDir).map((name) => JSON.parse(readFileSync(join(leaksDir, name), 'utf8')));
rmSync(leaksDir, { recursive: true, force: true });
if (leaked.length > 0) {
  for (const { file, processes } of leaked.sort((a, b) => (a.file < b.file ? -1 : 1))) {
    const listed = processes.map(({ pid, command }) => `${pid} ${command.slice(0, 120)}`).join('; ');
    console.error(`run-tests: ${relative(process.cwd(), file)} left ${processes.length} process${processes.length === 1 ? '' : 'es'} running after it ended: ${listed}; the test that started each must stop it (t.after, finally) and wait for it to exit; they were killed now`);
  }
}
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
if (leaked.length > 0) process.exit(result.status === 0 ? 1 : (result.status ?? 1));
process.exit(result.status ?? 1);
