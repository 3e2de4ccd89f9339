// `keyfence init` where the hook cannot be written: a one-line usage error naming the path and the fix (exit 2).
import { after, describe, it } from 'node:test';
import { chmodSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeRepo, type Repo } from '../../helpers/git-repo.js';
import { runCli, assertOneLineUsageError } from '../../helpers/cli.js';

// Root writes through file modes, so those cases only run for other users; /sys refuses new files even to root.
const isRoot = process.getuid?.() === 0;

interface Case {
  name: string;
  setup: (r: Repo) => void;
  /** What the message must name (the path) and the fix it must give. */
  names: RegExp;
  fix: RegExp;
  args?: string[];
  skip?: string;
}

const cases: Case[] = [
  { name: 'core.hooksPath under /proc, where no folder can be made', setup: (r) => r.git('config', 'core.hooksPath', '/proc/nonexist/hooks'), names: /\/proc\/nonexist\/hooks\/pre-commit: cannot install the pre-commit hook: a folder on its path does not exist/, fix: /core\.hooksPath is \/proc\/nonexist\/hooks: point it at a writable folder .*git config --unset core\.hooksPath/ },
  { name: 'core.hooksPath below a file', setup: (r) => { r.write('plain', 'x\n'); r.git('config', 'core.hooksPath', 'plain/hooks'); }, names: /plain\/hooks\/pre-commit: .*a part of its path is a file, not a folder/, fix: /core\.hooksPath is plain\/hooks/ },
  { name: 'core.hooksPath naming a file', setup: (r) => { r.write('plain', 'x\n'); r.git('config', 'core.hooksPath', 'plain'); }, names: /plain\/pre-commit: .*a part of its path is a file, not a folder/, fix: /core\.hooksPath is plain/ },
  { name: 'core.hooksPath naming a folder the system refuses new files in', setup: (r) => r.git('config', 'core.hooksPath', '/sys/kernel'), names: /\/sys\/kernel\/pre-commit: .*permission denied \(EACCES\)/, fix: /core\.hooksPath is \/sys\/kernel/ },
  { name: 'core.hooksPath naming a read-only folder', setup: (r) => { mkdirSync(join(r.dir, 'ro')); chmodSync(join(r.dir, 'ro'), 0o555); r.git('config', 'core.hooksPath', 'ro'); }, names: /ro\/pre-commit: .*permission denied/, fix: /core\.hooksPath is ro/, skip: isRoot ? 'root can write into a read-only folder' : undefined },
  { name: 'a hook file that is not writable', setup: (r) => { r.write('.git/hooks/pre-commit', '#!/bin/sh\necho mine\n'); chmodSync(join(r.dir, '.git/hooks'), 0o555); chmodSync(join(r.dir, '.git/hooks/pre-commit'), 0o444); }, names: /\.git\/hooks\/pre-commit: .*permission denied/, fix: /make .*\.git\/hooks a writable folder/, args: ['--force'], skip: isRoot ? 'root can write a read-only file' : undefined },
  { name: 'a pre-commit hook that is a folder', setup: (r) => mkdirSync(join(r.dir, '.git/hooks/pre-commit'), { recursive: true }), names: /\.git\/hooks\/pre-commit: .*it is a folder, not a file/, fix: /pre-commit is a folder: move it away/ },
  { name: 'a hooks folder that is a file', setup: (r) => { rmSync(join(r.dir, '.git/hooks'), { recursive: true, force: true }); writeFileSync(join(r.dir, '.git/hooks'), 'x\n'); }, names: /\.git\/hooks\/pre-commit: .*a part of its path is a file/, fix: /make .*\.git\/hooks a writable folder/ },
  { name: 'a .husky that is a file, not the husky folder', setup: (r) => r.write('.husky', 'x\n'), names: /\.husky\/pre-commit: .*a part of its path is a file/, fix: /husky keeps its hooks there/ },
  { name: 'husky set up (core.hooksPath .husky/_) with its folder missing under a file', setup: (r) => { r.write('.husky', 'x\n'); r.git('config', 'core.hooksPath', '.husky/_'); }, names: /\.husky\/pre-commit: .*a part of its path is a file/, fix: /husky keeps its hooks there/ },
];

describe('cli/commands/init: a hook keyfence cannot write', () => {
  const repos: Repo[] = [];
  after(() => {
    for (const r of repos) {
      // A folder made read-only for a case must be writable again to be removed.
      for (const dir of ['ro', '.git/hooks']) if (statSync(join(r.dir, dir), { throwIfNoEntry: false })?.isDirectory()) chmodSync(join(r.dir, dir), 0o755);
      r.remove();
    }
  });

  for (const { name, setup, names, fix, args = [], skip } of cases) {
    it(`says what is wrong and how to fix it: ${name}`, { skip }, () => {
      const r = makeRepo();
      repos.push(r);
      setup(r);
      // runCli's timeout: a mkdir that loops under /proc fails the case instead of hanging the suite.
      const result = runCli(['init', ...args], { cwd: r.dir, env: { HOME: r.dir, GIT_CONFIG_NOSYSTEM: '1' } });
      assertOneLineUsageError(result, names, fix);
    });
  }
});
