// Flags shared by the scanning commands (scan, staged, history, baseline).
import type { Argv } from 'yargs';

export interface CommonOptions {
  format?: string;
  output?: string;
  config?: string;
  baseline?: string;
  validate?: boolean;
  failOn?: 'any' | 'valid' | 'unknown';
  fix?: boolean;
  dryRun?: boolean;
  showSecrets?: boolean;
  quiet?: boolean;
  color?: boolean;
  maxFileSize?: number;
  threads?: number;
  archives?: boolean;
  sarifCategory?: string;
}

export function withCommonOptions<T>(yargs: Argv<T>): Argv<T & CommonOptions> {
  return yargs
    .option('format', { alias: 'f', type: 'string', describe: 'output format: text, json, sarif, github, junit, gitlab (default text; github inside GitHub Actions)' })
    .option('output', { alias: 'o', type: 'string', describe: 'write the report to FILE instead of stdout' })
    .option('config', { alias: 'c', type: 'string', describe: 'config file (default .keyfence.json at the repository root)' })
    .option('baseline', { type: 'string', describe: 'baseline file (default .keyfence-baseline.json, if present)' })
    .option('validate', { type: 'boolean', describe: 'check AWS key pairs with STS GetCallerIdentity (sends the key to AWS; off by default)' })
    .option('fail-on', { choices: ['any', 'valid', 'unknown'] as const, describe: 'which findings fail the run (default any)' })
    .option('fix', { type: 'boolean', describe: 'replace each secret with an environment variable read' })
    .option('dry-run', { type: 'boolean', describe: 'with --fix: print the diff, write nothing' })
    .option('show-secrets', { type: 'boolean', describe: 'print secrets unredacted (off by default)' })
    .option('quiet', { alias: 'q', type: 'boolean', describe: 'print nothing when clean; no summary' })
    .option('color', { type: 'boolean', describe: 'colours (default: on a TTY unless NO_COLOR is set); --no-color turns them off' })
    .option('max-file-size', { type: 'number', describe: 'skip (and count) files larger than BYTES (default 1048576)' })
    .option('archives', { type: 'boolean', describe: 'open zip, jar, war, ear, tar, tar.gz, tgz and gz files and scan the files inside (default on); --no-archives counts them as skipped' })
    .option('sarif-category', { type: 'string', describe: 'SARIF: set runAutomationDetails.id to CATEGORY/ (for uploads through the REST API; upload-sarif has its own category input)' })
    .option('threads', { type: 'number', describe: "history: cores for its git processes (default: all, used in pairs); scan: worker threads for trees of 2000+ files (default: 1, serial)" }) as unknown as Argv<T & CommonOptions>;
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
