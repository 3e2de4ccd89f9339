// The pre-commit hook loads node:worker_threads (the sandbox of users' regexes) only when a config brings a custom rule.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeRepo, type Repo } from '../helpers/git-repo.js';

const repos: Repo[] = [];
after(() => {
  for (const r of repos) r.remove();
});

const customRule = { id: 'acme-token', provider: 'acme', description: 'Acme token', severity: 'high', regex: 'acme_([a-z0-9]{32})', keywords: ['acme_'], examples: { match: [{ text: ['acme_', 'q8x2m9v4t7k3n6b1p5r0s8d2f4g6h9j1'], why: 'an Acme token' }], noMatch: [{ text: 'acme_short', why: 'too short' }] } };

/** Runs a bare `keyfence staged` on one staged clean file; returns its exit code and the built-in modules it loaded. */
function stageAndRun(config: object | undefined): { status: number | null; builtins: string[] } {
  const r = makeRepo();
  repos.push(r);
  if (config) r.write('.keyfence.json', JSON.stringify(config));
  r.write('app.py', 'print("hello")\n');
  r.git('add', '-A');
  // A preload that writes, at exit, the built-in modules the process loaded.
  const probe = join(r.dir, '.probe.cjs');
  const list = join(r.dir, '.builtins.json');
  writeFileSync(probe, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(list)}, JSON.stringify(process.moduleLoadList)));\n`);
  const result = r.keyfence(['staged'], { NODE_OPTIONS: `--require ${probe}` });
  return { status: result.status, builtins: JSON.parse(readFileSync(list, 'utf8')) as string[] };
}

const loadsWorkers = (builtins: string[]): boolean => builtins.includes('NativeModule worker_threads');

describe('hook: lazy worker_threads', () => {
  const cases = [
    { name: 'does not load worker_threads without a custom rule', config: undefined, loads: false },
    { name: 'loads worker_threads when the config brings a custom rule (so the probe can see it)', config: { rules: [customRule] }, loads: true },
  ];
  for (const { name, config, loads } of cases) {
    it(name, () => {
      const run = stageAndRun(config);
      assert.equal(run.status, 0);
      assert.ok(run.builtins.length > 0, 'the probe listed the loaded modules');
      assert.equal(loadsWorkers(run.builtins), loads);
    });
  }
});
