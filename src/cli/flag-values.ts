// Flags typed twice or left empty: yargs hands the command an array or '' that no flag's reader expects.
import { UsageError } from '../errors.js';

/** The option kinds yargs knows for the command being run (its `getOptions()`, trimmed to what is read here). */
export interface DeclaredOptions {
  array: string[];
  boolean: string[];
  string: string[];
  number: string[];
  alias: Record<string, string[]>;
  narg: Record<string, number>;
}

/** Whether the command line itself holds this flag (not KEYFENCE_* variables, nor a default). */
function typed(flag: string, aliases: string[], args: string[]): boolean {
  const long = [flag, ...aliases.filter((a) => a.length > 1)];
  const short = aliases.filter((a) => a.length === 1);
  return args.some((a) => long.some((n) => a === `--${n}` || a.startsWith(`--${n}=`)) || short.some((n) => a === `-${n}` || a.startsWith(`-${n}=`)));
}

/** Throws a one-line usage error for the first flag given more than once, or given with an empty value. Values are
 *  never echoed: one may be a secret pasted in the wrong place. */
export function checkFlagValues(argv: Record<string, unknown>, options: DeclaredOptions, args: string[]): void {
  // Booleans typed twice are harmless (yargs keeps the last); arrays are meant to repeat, and a flag of several
  // values (--from gitleaks FILE) is a list each time.
  for (const flag of [...options.string, ...options.number]) {
    if (options.array.includes(flag) || (options.narg[flag] ?? 1) > 1 || !typed(flag, options.alias[flag] ?? [], args)) continue;
    const value = argv[flag];
    if (Array.isArray(value)) throw new UsageError(`--${flag}: given ${value.length} times`, `give --${flag} once`);
    // A number's reader already says "not a number"; an empty path or name would read as the folder or stdout.
    if (value === '') throw new UsageError(`--${flag}: needs a value`, `write --${flag} VALUE (see \`keyfence --help\`)`);
  }
}

/** The commands that read what follows `--` (PATHs that start with a dash); the others would drop it unread. */
const READS_AFTER_DASHES = new Set(['scan', 'baseline', 'audit']);

/** Throws a usage error when words after `--` would be ignored (`history -- URL` swept this repository instead). */
export function checkAfterDashes(command: string, args: string[]): void {
  const at = args.indexOf('--');
  const count = at === -1 ? 0 : args.length - at - 1;
  if (count === 0 || READS_AFTER_DASHES.has(command)) return;
  // Counted, not shown: a word typed there may be a secret meant for a flag.
  throw new UsageError(`keyfence ${command}: ${count} argument${count === 1 ? '' : 's'} after -- would be ignored`, 'put it before -- (a value that starts with a dash: --flag=VALUE), or drop it');
}
