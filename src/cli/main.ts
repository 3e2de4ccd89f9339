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
import { envFlagsFor } from './env-flags.cjs';
import type { MiddlewareFunction } from 'yargs';
import { checkAfterDashes, checkFlagValues, type DeclaredOptions } from './flag-values.js';

/** yargs names an unknown `--foo-bar` twice ("foo-bar, fooBar"): keep the spelling the user typed. */
function withoutCamelCopies(names: string[]): string[] {
  return names.filter((name) => !names.some((other) => other !== name && other.includes('-') && other.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()) === name));
}

/**
 * yargs' failure message, without the values the user wrote (one may be a secret pasted in the wrong place): an
 * unknown flag is named as typed, an unexpected word only counted; a value outside a flag's choices is not repeated.
 */
export function describeUsageFailure(message: string, args: string[]): string {
  const unknown = /^Unknown arguments?: (.*)$/.exec(message);
  if (unknown?.[1]) {
    const names = withoutCamelCopies(unknown[1].split(', '));
    const typedFlag = (name: string): boolean => args.some((a) => a === `--${name}` || a.startsWith(`--${name}=`) || a === `--no-${name}` || (name.length === 1 && /^-[a-zA-Z]+$/.test(a) && a.includes(name)));
    const flags = names.filter(typedFlag);
    const words = names.length - flags.length;
    const parts = [flags.length > 0 ? `Unknown argument${flags.length === 1 ? '' : 's'}: ${flags.join(', ')}` : '', words > 0 ? `${words} unexpected argument${words === 1 ? '' : 's'} (not shown: it may be a value meant for a flag)` : ''];
    return parts.filter(Boolean).join('; ');
  }
  const short = /^Not enough arguments following: ([\w-]+)$/.exec(message);
  if (short) return `--${short[1]}: needs more values`;
  const invalid = /^Invalid values:\s*Argument: ([\w-]+), Given: .*?, Choices: (.*)$/s.exec(message);
  if (invalid) return `--${invalid[1]}: must be one of ${invalid[2]?.replace(/\s+/g, ' ').trim()}`;
  return message.replace(/\n/g, ' ');
}

type ParsedArgv = Record<string, unknown> & { _: (string | number)[] };
interface YargsInternals {
  getOptions: () => DeclaredOptions;
  parsed?: { defaulted?: Record<string, boolean> } | false;
}

/** KEYFENCE_<FLAG> variables fill the flags of the command run that the command line left unset (yargs' own .env()
 *  would stop every run on a CI's KEYFENCE_VERSION); the rest are ignored, and named under KEYFENCE_DEBUG=1. */
function applyEnvFlags(argv: ParsedArgv, yargs: YargsInternals, io: RunIO): void {
  const command = String(argv._[0] ?? '');
  const { flags, ignored } = envFlagsFor(command, io.env);
  if (io.env.KEYFENCE_DEBUG === '1') for (const variable of ignored) io.stderr(`debug: ${variable}: not a flag of \`keyfence ${command}\`; ignored\n`);
  const options = yargs.getOptions();
  const defaulted = (yargs.parsed && yargs.parsed.defaulted) || {};
  for (const [flag, { variable, value }] of flags) {
    const camel = flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    if (argv[flag] !== undefined && !defaulted[flag] && !defaulted[camel]) continue;
    // An empty variable is an unset one (a CI's `KEYFENCE_CONFIG: ${{ inputs.config }}` with no input); a boolean's
    // empty value keeps meaning false.
    if (value === '' && !options.boolean.includes(flag)) continue;
    let parsed: unknown = value;
    if (options.boolean.includes(flag)) {
      if (!['true', '1', 'false', '0', ''].includes(value)) throw new UsageError(`${variable}: expected true or false`, `e.g. ${variable}=true`);
      parsed = value === 'true' || value === '1';
    } else if (options.number.includes(flag)) parsed = value.trim() === '' ? Number.NaN : Number(value);
    else if ((options.narg[flag] ?? 1) > 1) parsed = value.trim().split(/\s+/);
    argv[flag] = parsed;
    argv[camel] = parsed;
  }
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
    // Accepted for compatibility (KEYFENCE_DEBUG=1 is the switch).
    .option('debug', { type: 'boolean', hidden: true, global: true })
    // KEYFENCE_VALIDATE_ENDPOINT_OVERRIDE: validate/override.ts reads it from the environment (tests only).
    .option('validate-endpoint-override', { type: 'string', hidden: true, global: true })
    // yargs passes its instance as the second argument (not in its types): the command's options and what was defaulted.
    // Flags typed twice or empty are refused before KEYFENCE_* variables fill the unset ones.
    .middleware(((argv: ParsedArgv, instance: YargsInternals) => {
      checkFlagValues(argv, instance.getOptions(), args);
      checkAfterDashes(String(argv._[0] ?? ''), args);
      applyEnvFlags(argv, instance, io);
    }) as unknown as MiddlewareFunction, true)
    .strict()
    .demandCommand(1, `name a command: ${commandNames(commands)}`)
    .recommendCommands()
    .version(toolVersion)
    .help()
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .fail((message, error) => {
      // yargs' own parse errors (a flag of two values given one) come as a YError: usage, not a crash.
      if (error?.name === 'YError') throw new UsageError(describeUsageFailure(error.message, args), 'see `keyfence --help`');
      if (error) throw error;
      throw new UsageError(describeUsageFailure(message, args), 'see `keyfence --help`');
    });
  for (const command of commands) parser.command(command);
  skipHelpCache(parser);
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

/** yargs renders a command's whole help as its handler starts, kept for a failure to print; our .fail() never prints
 *  it (a usage error names `keyfence --help`), so that is ~15 ms of every run's start-up for nothing, while a history
 *  sweep's git processes wait to be read. `--help` itself renders it as before. It reaches yargs' internals, so it
 *  says whether it could (a test fails when a yargs upgrade moves them). */
export function skipHelpCache(parser: unknown): boolean {
  type Usage = { cacheHelpMessage?: () => void };
  const usage = (parser as { getInternalMethods?: () => { getUsageInstance?: () => Usage } }).getInternalMethods?.().getUsageInstance?.();
  if (typeof usage?.cacheHelpMessage !== 'function') return false;
  usage.cacheHelpMessage = () => undefined;
  return true;
}

// "scan, staged, … or audit" from each command's first word, so a new command is never left out of the hint.
function commandNames(commands: readonly { command?: string | readonly string[] }[]): string {
  const names = commands.map((command) => String([command.command ?? ''].flat()[0]).split(' ')[0] ?? '');
  return `${names.slice(0, -1).join(', ')} or ${names.at(-1) ?? ''}`;
}
