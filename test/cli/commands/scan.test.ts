// `keyfence scan --output FILE` (and --fix) where the file cannot be written: a one-line usage error naming it (exit 2).
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fakeAccessKeyId, makeRepo, type Repo } from '../../helpers/git-repo.js';
import { runCli, assertOneLineUsageError } from '../../helpers/cli.js';

interface Case {
  name: string;
  setup?: (r: Repo) => void;
  args: string[];
  says: RegExp;
}

const cases: Case[] = [
  { name: 'a SARIF report under /proc, where no folder can be made', args: ['--format', 'sarif', '--output', '/proc/nonexist/out.sarif'], says: /^keyfence: --output \/proc\/nonexist\/out\.sarif: cannot write the report: its folder does not exist; name a file in an existing, writable folder$/ },
  { name: 'a JSON report below a file', args: ['--format', 'json', '--output', 'app.js/out.json'], says: /^keyfence: --output app\.js\/out\.json: cannot write the report: a part of its path is a file, not a folder \(ENOTDIR\); name a file/ },
  { name: 'a report naming a folder', setup: (r) => mkdirSync(join(r.dir, 'reports')), args: ['--output', 'reports'], says: /^keyfence: --output reports: cannot write the report: it is a folder, not a file \(EISDIR\); name a file/ },
  { name: 'a report in a folder the system refuses new files in', args: ['--format', 'sarif', '--output', '/sys/kernel/out.sarif'], says: /^keyfence: --output \/sys\/kernel\/out\.sarif: cannot write the report: permission denied \(EACCES\); name a file/ },
  { name: '--fix where .env is a folder', setup: (r) => mkdirSync(join(r.dir, '.env')), args: ['--fix'], says: /^keyfence: \.env: not a regular file .*; fix the link target by hand$/ },
];

describe('cli/commands/scan: output keyfence cannot write', () => {
  const repos: Repo[] = [];
  after(() => repos.forEach((r) => r.remove()));

  for (const { name, setup, args, says } of cases) {
    it(`says what is wrong and how to fix it: ${name}`, () => {
      const r = makeRepo();
      repos.push(r);
      r.commit('base', { 'app.js': `const key = "${fakeAccessKeyId()}";\n` });
      setup?.(r);
      const result = runCli(['scan', '.', ...args], { cwd: r.dir, env: { HOME: r.dir, GIT_CONFIG_NOSYSTEM: '1' } });
      assertOneLineUsageError(result, says);
      assert.deepEqual(readdirSync(r.dir).filter((f) => f.endsWith('.partial') || f.endsWith('.tmp')), []);
    });
  }
});
