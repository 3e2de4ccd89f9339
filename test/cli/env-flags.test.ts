// KEYFENCE_<FLAG> variables: which set a flag of which command; the list bin/keyfence.js reads agrees with yargs.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { COMMAND_FLAGS, envFlagsFor, flagOfVariable } from '../../src/cli/env-flags.cjs';
import { COMMANDS } from '../../src/cli/commands/index.js';
import type { RunIO } from '../../src/cli/run.js';

const yargs = createRequire(import.meta.url)('yargs') as typeof import('yargs').default;
const io: RunIO = { cwd: '/', stdin: (async function* () {})(), stdout: () => undefined, stderr: () => undefined, isTTY: false, env: {} };

/** The flags yargs defines for a command: its options minus aliases, positionals (paths, history's url), help and version. */
function yargsFlags(builder: unknown): string[] {
  const options = (builder as (y: unknown) => { getOptions: () => { key: Record<string, unknown>; alias: Record<string, string[]> } })(yargs([])).getOptions();
  const aliases = new Set(Object.values(options.alias).flat());
  return Object.keys(options.key).filter((k) => !aliases.has(k) && !['help', 'version', 'paths', 'url'].includes(k)).sort();
}

describe('cli/env-flags', () => {
  for (const factory of COMMANDS) {
    const module = factory(io, () => undefined) as unknown as { command: string; builder: unknown };
    const name = module.command.split(' ')[0] as string;
    it(`lists exactly the flags yargs defines for ${name}`, () => assert.deepEqual([...(COMMAND_FLAGS[name] ?? [])].sort(), yargsFlags(module.builder)));
  }

  const names: { name: string; variable: string; want: string | undefined }[] = [
    { name: 'maps an upper snake name to the kebab flag', variable: 'KEYFENCE_MAX_FILE_SIZE', want: 'max-file-size' },
    { name: 'leaves KEYFENCE_DEBUG to itself (a switch, not a flag)', variable: 'KEYFENCE_DEBUG', want: undefined },
    { name: 'maps nothing from a bare KEYFENCE', variable: 'KEYFENCE', want: undefined },
    { name: 'maps nothing from a lower-case or nested name', variable: 'KEYFENCE_a__b', want: undefined },
  ];
  for (const c of names) it(c.name, () => assert.equal(flagOfVariable(c.variable), c.want));

  it('sets the flags of the command run and ignores the rest', () => {
    const env = { KEYFENCE_FORMAT: 'json', KEYFENCE_RANGE: 'a..b', KEYFENCE_VERSION: '1.2.3', KEYFENCE: 'x', KEYFENCE_DEBUG: '1', PATH: '/bin' };
    const scan = envFlagsFor('scan', env);
    assert.deepEqual([...scan.flags.keys()], ['format']);
    assert.deepEqual(scan.ignored.sort(), ['KEYFENCE', 'KEYFENCE_RANGE', 'KEYFENCE_VERSION']);
    assert.deepEqual([...envFlagsFor('history', env).flags.keys()].sort(), ['format', 'range']);
  });
});
