// Flags shared by the scanning commands (scan, staged, history, baseline).
import type { Argv } from 'yargs';
import type { CommonOptions } from '../run-options.js';

// The options' type lives below cli/ (the finding steps read it); each flag below sets one of its fields.
export type { CommonOptions };

export function withCommonOptions<T>(yargs: Argv<T>): Argv<T & CommonOptions> {
  return yargs
    .option('format', { alias: 'f', type: 'string', describe: 'output format: text, json, sarif, github, junit, gitlab (default text; github inside GitHub Actions)' })
    .option('output', { alias: 'o', type: 'string', describe: 'write the report to FILE instead of stdout' })
    .option('config', { alias: 'c', type: 'string', describe: 'config file (default .keyfence.json at the repository root)' })
    .option('baseline', { type: 'string', describe: 'baseline file (default .keyfence-baseline.json, if present)' })
    .option('validate', { type: 'boolean', describe: 'check found secrets with their provider (AWS STS, GitHub, Slack, … : sends each key to its provider; off by default)' })
    .option('fail-on', { choices: ['any', 'valid', 'unknown'] as const, describe: 'which findings fail the run (default any)' })
    .option('results', { type: 'string', array: true, coerce: splitList, describe: 'report only findings whose verdict is one of: valid, unknown, invalid, skipped, unchecked (e.g. --results valid,unknown)' })
    .option('only-verified', { type: 'boolean', describe: 'same as --results valid: only secrets a live check confirmed' })
    .option('validate-cache', { type: 'number', describe: 'reuse valid/invalid verdicts of runs within HOURS (cached in XDG_CACHE_HOME/keyfence, never the repository)' })
    .option('fix', { type: 'boolean', describe: 'replace each secret with an environment variable read' })
    .option('dry-run', { type: 'boolean', describe: 'with --fix: print the diff, write nothing' })
    .option('show-secrets', { type: 'boolean', describe: 'print secrets unredacted (off by default)' })
    .option('quiet', { alias: 'q', type: 'boolean', describe: 'print nothing when clean; no summary' })
    .option('color', { type: 'boolean', describe: 'colours (default: on a TTY unless NO_COLOR is set); --no-color turns them off' })
    .option('max-file-size', { type: 'number', describe: 'skip (and count) files larger than BYTES (default 1048576)' })
    .option('archives', { type: 'boolean', describe: 'open zip, jar, war, ear, tar, tar.gz, tgz and gz files and scan the files inside (default on); --no-archives counts them as skipped' })
    .option('sarif-category', { type: 'string', describe: 'SARIF: set runAutomationDetails.id to CATEGORY/ (for uploads through the REST API; upload-sarif has its own category input)' })
    .option('threads', { type: 'number', describe: "history: cores for its git processes (default: all, used in pairs); scan: threads for trees of 2000+ files (default: all cores)" }) as unknown as Argv<T & CommonOptions>;
}

/** `--results valid,unknown` and `--results valid --results unknown` alike. */
function splitList(values: string[] | string | undefined): string[] | undefined {
  if (values === undefined) return undefined;
  return (Array.isArray(values) ? values : [values]).flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

/** PATH arguments as given, including those after `--` (yargs leaves them in `_` after the command name). */
export function givenPaths(argv: { paths?: string[]; _?: (string | number)[] }): string[] {
  return [...(argv.paths ?? []), ...(argv._ ?? []).slice(1).map(String)];
}

/** PATH arguments, default `.`. */
export function pathArguments(argv: { paths?: string[]; _?: (string | number)[] }): string[] {
  const paths = givenPaths(argv);
  return paths.length > 0 ? paths : ['.'];
}
