// main(): the start-up shortcut that reaches into yargs, checked against the installed yargs.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { skipHelpCache } from '../../src/cli/main.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { runCli } from '../helpers/cli.js';

const yargs = createRequire(import.meta.url)('yargs') as typeof import('yargs').default;

describe('cli/main', () => {
  const cases: { name: string; parser: () => unknown; skipped: boolean }[] = [
    { name: 'the installed yargs still has the help cache that start-up skips', parser: () => yargs([]).help(), skipped: true },
    { name: 'a parser without yargs internals is left as it is', parser: () => ({}), skipped: false },
  ];
  for (const { name, parser, skipped } of cases) it(name, () => assert.equal(skipHelpCache(parser()), skipped));

  it('help still renders in full once the cache is skipped', async () => {
    const parser = yargs(['--help']).scriptName('keyfence').command('scan', 'scan files').help().exitProcess(false);
    skipHelpCache(parser);
    const shown = await new Promise<string>((resolve) => void parser.parse(['--help'], (_error: unknown, _argv: unknown, output: string) => resolve(output)));
    assert.match(shown, /keyfence scan\s+scan files/);
  });
});

describe('cli/main: KEYFENCE_* variables left empty by a CI template', () => {
  const dir = makeTempDir('keyfence-main-env-');
  writeFileSync(join(dir, 'notes.txt'), 'nothing to find here\n');
  const cases: { name: string; env: NodeJS.ProcessEnv }[] = [
    { name: 'an empty KEYFENCE_CONFIG is unset, not a config named by nothing', env: { KEYFENCE_CONFIG: '' } },
    { name: 'an empty KEYFENCE_OUTPUT is unset: the report goes to stdout', env: { KEYFENCE_OUTPUT: '' } },
    { name: 'an empty KEYFENCE_THREADS is unset, not "not a number"', env: { KEYFENCE_THREADS: '' } },
  ];
  for (const { name, env } of cases) {
    it(name, () => {
      const result = runCli(['scan', '.'], { cwd: dir, env });
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /^0 findings in 1 file /);
    });
  }
});
