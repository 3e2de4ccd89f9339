// CLI entry: yargs setup, runs one command, maps ScanError to exit codes. The only code that writes to the terminal.
import { lazyRequire } from '../lazy-require.js';
import { UsageError } from '../errors.js';
import { defaultIO, printError } from './terminal.js';
import { COMMANDS } from './commands/index.js';
import type { RunIO } from './run.js';
import { toolVersion } from './version.js';
import { dropEarlyPlan, planHistoryEarly } from './commands/history.js';
import { useEarlyGit } from '../sources/git.js';
import type { EarlyHistory } from '../sources/git-launch.cjs';

/** yargs names an unknown `--foo-bar` twice ("foo-bar, fooBar"): keep the spelling the user typed. */
function withoutCamelCopies(message: string): string {
  const m = /^Unknown arguments?: (.*)$/.exec(message);
  if (!m?.[1]) return message;
  const names = m[1].split(', ');
  const typed = names.filter((name) => !names.some((other) => other !== name && other.includes('-') && other.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()) === name));
  return `Unknown argument${typed.length === 1 ? '' : 's'}: ${typed.join(', ')}`;
}

/** `early`: what bin/keyfence.js started for a history sweep before this bundle loaded (see git-launch.cts). */
export async function main(args: string[], io: RunIO = defaultIO(), early?: EarlyHistory): Promise<number> {
  if (early) {
    useEarlyGit(early.git);
    // The sweep's git processes get their commits before yargs and the rules load (which block the event loop).
    await planHistoryEarly(early.selection, io.cwd);
  }
  let exitCode = 0;
  const setExit = (code: number): void => {
    exitCode = code;
  };
  // yargs' CommonJS build: its help wraps at word boundaries (the ES module build cuts words in two).
  const commands = COMMANDS.map((factory) => factory(io, setExit));
  const yargs = lazyRequire('yargs') as typeof import('yargs').default;
  const parser = yargs(args)
    .scriptName('keyfence')
    .env('KEYFENCE')
    // KEYFENCE_DEBUG=1 reaches yargs through .env(); declare it so strict mode accepts it.
    .option('debug', { type: 'boolean', hidden: true, global: true })
    // Likewise KEYFENCE_VALIDATE_ENDPOINT_OVERRIDE, which validate/override.ts reads from the environment (tests only).
    .option('validate-endpoint-override', { type: 'string', hidden: true, global: true })
    .strict()
    .demandCommand(1, `name a command: ${commandNames(commands)}`)
    .recommendCommands()
    .version(toolVersion)
    .help()
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .fail((message, error) => {
      if (error) throw error;
      throw new UsageError(withoutCamelCopies(message.replace(/\n/g, ' ')), 'see `keyfence --help`');
    });
  for (const command of commands) parser.command(command);
  try {
    await parser.parseAsync();
    return exitCode;
  } catch (error) {
    return printError(error, io);
  } finally {
    if (early) {
      dropEarlyPlan();
      early.git.drop();
      useEarlyGit(undefined);
    }
  }
}

// "scan, staged, … or audit" from each command's first word, so a new command is never left out of the hint.
function commandNames(commands: readonly { command?: string | readonly string[] }[]): string {
  const names = commands.map((command) => String([command.command ?? ''].flat()[0]).split(' ')[0] ?? '');
  return `${names.slice(0, -1).join(', ')} or ${names.at(-1) ?? ''}`;
}
