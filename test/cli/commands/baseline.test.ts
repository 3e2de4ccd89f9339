// `keyfence baseline` where the baseline or .gitattributes cannot be written: a one-line usage error naming the file.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { makeRepo, type Repo } from '../../helpers/git-repo.js';
import { runCli, assertOneLineUsageError } from '../../helpers/cli.js';

interface Case {
  name: string;
  setup?: (r: Repo) => void;
  args: string[];
  names: RegExp;
  fix: RegExp;
}

const cases: Case[] = [
  { name: '--baseline under /proc, where no folder can be made', args: ['--baseline', '/proc/nonexist/b.json'], names: /proc\/nonexist\/b\.json: cannot write the baseline: a folder on its path does not exist/, fix: /name a file in an existing, writable folder/ },
  { name: '--baseline below a file', setup: (r) => r.write('plain', 'x\n'), args: ['--baseline', 'plain/b.json'], names: /^keyfence: plain\/b\.json: cannot write the baseline: a part of its path is a file/, fix: /--baseline FILE/ },
  { name: '--baseline in a folder the system refuses new files in', args: ['--baseline', '/sys/kernel/b.json'], names: /\/sys\/kernel\/b\.json: cannot write the baseline: permission denied/, fix: /writable folder/ },
  { name: '--baseline naming a folder', setup: (r) => mkdirSync(join(r.dir, 'folder')), args: ['--baseline', 'folder'], names: /^keyfence: folder: cannot read baseline file: it is a folder, not a file \(EISDIR\)/, fix: /name the file, not a folder/ },
  { name: 'a .gitattributes that is a folder', setup: (r) => mkdirSync(join(r.dir, '.gitattributes')), args: [], names: /^keyfence: \.gitattributes: cannot add "merge=union" for \.keyfence-baseline\.json \(the baseline itself was written\): it is a folder/, fix: /make \.gitattributes .* a writable file/ },
];

describe('cli/commands/baseline: a baseline keyfence cannot write', () => {
  const repos: Repo[] = [];
  after(() => repos.forEach((r) => r.remove()));

  for (const { name, setup, args, names, fix } of cases) {
    it(`says what is wrong and how to fix it: ${name}`, () => {
      const r = makeRepo();
      repos.push(r);
      r.commit('base', { 'a.txt': 'hello\n' });
      setup?.(r);
      const result = runCli(['baseline', ...args], { cwd: r.dir, env: { HOME: r.dir, GIT_CONFIG_NOSYSTEM: '1' } });
      assertOneLineUsageError(result, names, fix);
      // No temp file of the atomic write stays behind.
      assert.deepEqual(readdirSync(r.dir).filter((f) => f.endsWith('.tmp')), []);
      if (existsSync(join(r.dir, 'plain'))) assert.deepEqual(readdirSync(r.dir).filter((f) => f.startsWith('plain')), ['plain']);
    });
  }
});
