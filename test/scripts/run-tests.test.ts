// scripts/run-tests.js: a test file that leaves a temp folder or a running process behind fails the run, named.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/paths.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const LEAKY = "import { mkdtempSync } from 'node:fs';\nimport { tmpdir } from 'node:os';\nimport { join } from 'node:path';\nimport { it } from 'node:test';\nit('makes a folder and forgets it', () => { mkdtempSync(join(tmpdir(), 'keyfence-leaky-')); });\n";
const TIDY = "import { mkdtempSync, rmSync } from 'node:fs';\nimport { tmpdir } from 'node:os';\nimport { join } from 'node:path';\nimport { it } from 'node:test';\nit('makes a folder and removes it', () => { rmSync(mkdtempSync(join(tmpdir(), 'keyfence-tidy-')), { recursive: true }); });\n";
const CHILD = "import { spawn } from 'node:child_process';\nimport { it } from 'node:test';\nit('starts a child and forgets it', () => { spawn('sleep', ['300'], { stdio: 'ignore' }).unref(); });\n";
// sh starts sleep in the background and exits at once: sleep is no longer a descendant, as with a daemon (tmux's server).
const DAEMON = "import { spawnSync } from 'node:child_process';\nimport { it } from 'node:test';\nit('starts a daemon and forgets it', () => { spawnSync('sh', ['-c', 'sleep 301 >/dev/null 2>&1 &']); });\n";
const STOPPED = "import { spawn } from 'node:child_process';\nimport { once } from 'node:events';\nimport { it } from 'node:test';\nit('starts a child and stops it', async () => { const child = spawn('sleep', ['300'], { stdio: 'ignore' }); child.kill(); await once(child, 'exit'); });\n";

const cases = [
  { name: 'fails a run whose tests all pass but leave two temp folders, naming their prefix', tests: { 'a.test.js': LEAKY, 'b.test.js': LEAKY, 'c.test.js': TIDY }, status: 1, stderr: /^run-tests: the tests left 2 temp folders in TMPDIR .*: keyfence-leaky-\* \(2\); the test that made each must remove it/m },
  { name: 'passes a run whose tests remove what they make', tests: { 'c.test.js': TIDY }, status: 0, stderr: /^$/ },
  { name: 'fails a run whose tests pass but leave a child process running, naming the file and the process', tests: { 'child.test.js': CHILD, 'c.test.js': TIDY }, status: 1, stderr: /^run-tests: build\/test\/child\.test\.js left 1 process running after it ended: \d+ sleep 300; the test that started each must stop it/m },
  { name: 'fails a run whose test leaves a daemon that detached itself, naming the file', tests: { 'daemon.test.js': DAEMON }, status: 1, stderr: /^run-tests: build\/test\/daemon\.test\.js left 1 process running after it ended: \d+ sleep 301;/m },
  { name: 'passes a run whose test stops the process it started', tests: { 'stopped.test.js': STOPPED }, status: 0, stderr: /^$/ },
];

describe('scripts/run-tests.js', () => {
  for (const c of cases) {
    it(c.name, () => {
      const project = makeTempDir('keyfence-run-tests-');
      mkdirSync(join(project, 'build', 'test'), { recursive: true });
      for (const [name, text] of Object.entries(c.tests)) writeFileSync(join(project, 'build', 'test', name), text);
      writeFileSync(join(project, 'package.json'), '{ "type": "module" }\n');
      const outside = makeTempDir('keyfence-run-tests-tmp-');
      // Without NODE_TEST_CONTEXT, which would make the inner node --test skip its files as a nested run.
      const { NODE_TEST_CONTEXT: _nested, ...env } = process.env;
      const result = spawnSync(process.execPath, [join(packageRoot, 'scripts', 'run-tests.js')], { cwd: project, encoding: 'utf8', env: { ...env, TMPDIR: outside }, timeout: 60_000 });
      assert.equal(result.status, c.status, result.stdout + result.stderr);
      assert.match(result.stderr, c.stderr);
      assert.deepEqual(readdirSync(outside), [], 'the run swept its own temp folder');
    });
  }
});
