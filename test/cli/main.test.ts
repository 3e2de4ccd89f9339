// main(): the start-up shortcut that reaches into yargs, checked against the installed yargs.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { skipHelpCache } from '../../src/cli/main.js';

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
