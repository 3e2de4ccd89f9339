// The pre-commit hook loads the BPE vocabulary (gpt-tokenizer) only when a staged candidate is word-like enough to need it.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeRepo, type Repo } from '../helpers/git-repo.js';
import { randomString, seededRandom } from '../helpers/tokens.js';

const random = seededRandom(1514);
const repos: Repo[] = [];
after(() => {
  for (const r of repos) r.remove();
});

/** Half letters, half digits and symbols: random enough to report, too few letters for the classifier to ask the vocabulary. */
const symbolHeavy = (): string => Array.from({ length: 16 }, (_, i) => randomString(random, i % 2 === 0 ? 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ' : '23456789#%*!', 1)).join('');
/** Lower-case letters only: word-like, so the classifier must ask the vocabulary whether they are words. */
const lettersOnly = (): string => randomString(random, 'abcdefghijklmnopqrstuvwxyz', 14);

/** Runs a bare `keyfence staged` (the hook's own bundle) on one staged line; returns its exit code and the modules it loaded. */
function stageAndRun(line: string): { status: number | null; modules: string[] } {
  const r = makeRepo();
  repos.push(r);
  r.write('config.py', `${line}\n`);
  r.git('add', 'config.py');
  // A preload that lists, at exit, every CommonJS module the process loaded (lazyRequire goes through require).
  const probe = join(r.dir, '.probe.cjs');
  const list = join(r.dir, '.modules.json');
  writeFileSync(probe, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(list)}, JSON.stringify(Object.keys(require.cache))));\n`);
  const result = r.keyfence(['staged'], { NODE_OPTIONS: `--require ${probe}` });
  return { status: result.status, modules: JSON.parse(readFileSync(list, 'utf8')) as string[] };
}

const loadsTokenizer = (modules: string[]): boolean => modules.some((m) => m.includes(`${join('node_modules', 'gpt-tokenizer')}`));

describe('hook: lazy BPE vocabulary', () => {
  const cases = [
    { name: 'does not load the tokenizer when the staged candidate is not word-like', line: () => `DB_PASSWORD = "${symbolHeavy()}"`, status: 1, loads: false },
    { name: 'does not load the tokenizer when nothing staged is a candidate', line: () => 'print("hello")', status: 0, loads: false },
    { name: 'loads the tokenizer when a staged candidate is word-like (so the probe can see it)', line: () => `DB_PASSWORD = "${lettersOnly()}"`, status: null, loads: true },
  ];
  for (const { name, line, status, loads } of cases) {
    it(name, () => {
      const run = stageAndRun(line());
      if (status !== null) assert.equal(run.status, status);
      assert.ok(run.modules.length > 0, 'the probe listed the loaded modules');
      assert.equal(loadsTokenizer(run.modules), loads);
    });
  }
});
