// `keyfence baseline [PATH..]`: records the current findings (or imported suppressions) in .keyfence-baseline.json.
import { existsSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { CommandModule } from 'yargs';
import type { Finding } from '../../types.js';
import { UsageError } from '../../errors.js';
import { writeFailure } from '../../write-failure.js';
import { findRepoRoot, loadConfig } from '../../config/load.js';
import type { Config } from '../../config/defaults.js';
import { entryKey, newBaseline, SecretHasher, type BaselineEntry } from '../../allow/baseline.js';
import { ensureUnionMerge, locateBaseline, readBaseline, readIgnoreFile, readImportFile, writeBaseline } from '../../allow/load.js';
import { matchFingerprint, prepareFingerprints } from '../../allow/fingerprint.js';
import { IMPORT_FORMATS, matchClaims, parseImport, type ImportFormat } from '../../allow/migrate.js';
import { givenPaths, pathArguments, type CommonOptions } from '../options.js';
import { collectSource, startEngine, type RunIO, type ScanSource } from '../run.js';

interface BaselineArgs extends CommonOptions {
  paths?: string[];
  gitignore?: boolean;
  update?: boolean;
  prune?: boolean;
  from?: string[];
  history?: boolean;
  all?: boolean;
}

/** Which findings a run is about: an entry outside the scope is neither found nor stale, so --prune keeps it. */
type Scope = (file: string) => boolean;

async function filesSource(paths: string[], gitignore: boolean, io: RunIO): Promise<ScanSource> {
  // Loaded here, as in scan, so that commands other than these two never pay for the files source.
  const [{ fileFragments }, { fileSourceOptions }] = await Promise.all([import('../../sources/files.js'), import('./scan.js')]);
  return {
    command: 'baseline',
    fragments: (engine, stats) => fileFragments(paths, fileSourceOptions(engine, stats, io, gitignore)),
  };
}

/** The commits of HEAD (or every ref with --all), swept and de-duplicated by the history command's own sweep. */
async function historySource(argv: BaselineArgs, io: RunIO): Promise<ScanSource> {
  const { sweepSource } = await import('./history.js');
  return sweepSource('baseline', { all: argv.all, threads: argv.threads, quiet: argv.quiet }, io);
}

function scopeOf(paths: string[], cwd: string, base: string): Scope {
  const prefixes = paths.map((p) => relative(base, resolve(cwd, p)).split(sep).join('/'));
  if (prefixes.some((p) => p === '' || p === '.')) return () => true;
  return (file) => prefixes.some((p) => file === p || file.startsWith(`${p}/`));
}

/** Config, engine and every finding of the source, before any baseline or ignore file is applied. */
async function collectFindings(source: ScanSource, config: Config, argv: BaselineArgs, io: RunIO): Promise<Finding[]> {
  const { engine, stats } = startEngine(config, argv, io);
  return collectSource(source, engine, stats);
}

function parseFrom(from: string[] | undefined): { format: ImportFormat; file: string } | undefined {
  if (from === undefined) return undefined;
  const [format, file] = from;
  if (!IMPORT_FORMATS.includes(format as ImportFormat) || file === undefined) {
    throw new UsageError(`--from: expected a format (${IMPORT_FORMATS.join(' or ')}) and a file`, 'e.g. --from gitleaks gitleaks-report.json or --from detect-secrets .secrets.baseline');
  }
  return { format: format as ImportFormat, file };
}

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** Writes the baseline for `source`; the source is a parameter so files and history share every rule below. */
export async function runBaseline(source: ScanSource, scopePaths: string[] | undefined, argv: BaselineArgs, io: RunIO): Promise<number> {
  const from = parseFrom(argv.from);
  const config = loadConfig(io.cwd, argv.config);
  const repoRoot = findRepoRoot(io.cwd);
  const location = locateBaseline(io.cwd, repoRoot, argv.baseline, config);
  // Every input is checked before the (possibly long) scan: an existing baseline, the ignore file, the file to import.
  const existing = existsSync(location.path) ? readBaseline({ ...location, explicit: true }) : undefined;
  if (existing && !argv.update && !argv.prune && !from) {
    throw new UsageError(`${location.label}: baseline already exists`, 'add --update to add new findings, --prune to drop entries no longer found (both to rewrite it), or --from to import');
  }
  if (!existing && argv.prune && !argv.update && !from) throw new UsageError(`${location.label}: no baseline to prune`, 'create one with `keyfence baseline` first');
  const ignored = new Set(readIgnoreFile(repoRoot, io.cwd).map((e) => e.fingerprint));
  const claims = from ? parseImport(from.format, readImportFile(io.cwd, from.file), from.file) : undefined;
  const own = relative(config.root, location.path).split(sep).join('/');
  const collected = await collectFindings(source, config, argv, io);
  if (ignored.size > 0) await prepareFingerprints(collected);
  const findings = collected.filter((f) => f.file !== own && matchFingerprint(ignored, f) === undefined);
  const scope = scopePaths ? scopeOf(scopePaths, io.cwd, config.root) : undefined;
  const baseline = existing ?? newBaseline();
  const hasher = new SecretHasher(baseline.kdf);
  const pathIndependent = config.pathIndependentBaseline;
  const say = (text: string): void => (argv.quiet ? undefined : io.stdout(`${text}\n`));

  let toAdd: Finding[] = existing && !argv.update && !from ? [] : findings;
  if (from && claims) {
    const result = matchClaims(claims, findings);
    toAdd = result.matched;
    say(`${from.file}: ${result.total - result.unmatched} of ${plural(result.total, `${from.format} suppression`)} matched ${plural(result.matched.length, 'current finding')}${result.matchedByLine > 0 ? ` (${result.matchedByLine} by line only: review them)` : ''}`);
    if (result.unmatched > 0) io.stderr(`keyfence: ${from.file}: ${result.unmatched} of ${result.total} could not be matched to a current finding (secret gone, file moved or changed, or a secret keyfence does not detect); they were not imported\n`);
  }

  let entries: BaselineEntry[] = existing ? [...existing.entries] : [];
  let pruned = 0;
  if (existing && argv.prune) {
    const found = new Set((await Promise.all(findings.map((f) => hasher.entryFor(f)))).map((e) => entryKey(e, pathIndependent)));
    const inScope = scope ?? (() => true);
    entries = entries.filter((e) => !inScope(e.file) || found.has(entryKey(e, pathIndependent)));
    pruned = existing.entries.length - entries.length;
  }
  const before = new Set(entries.map((e) => entryKey(e, false)));
  const fresh = (await Promise.all(toAdd.map((f) => hasher.entryFor(f)))).filter((e) => !before.has(entryKey(e, false)));
  const added = new Set(fresh.map((e) => entryKey(e, false))).size;
  baseline.entries = [...entries, ...fresh];
  try {
    writeBaseline(location.path, baseline);
  } catch (error) {
    throw writeFailure(error, location.label, 'write the baseline', 'name a file in an existing, writable folder (--baseline FILE or "baseline" in .keyfence.json)', location.path);
  }
  let attribute: string | undefined;
  try {
    attribute = existing ? undefined : ensureUnionMerge(repoRoot, location.path);
  } catch (error) {
    throw writeFailure(error, '.gitattributes', `add "merge=union" for ${location.label} (the baseline itself was written)`, 'make .gitattributes at the repository root a writable file, then run keyfence baseline again', join(repoRoot, '.gitattributes'));
  }
  if (attribute) say(`.gitattributes: added "${attribute}" so branches that each add entries merge without conflict`);
  const total = new Set(baseline.entries.map((e) => entryKey(e, false))).size;
  say(`${location.label}: ${plural(total, 'entry', 'entries')} (${added} added${existing ? `, ${pruned} pruned` : ''}); commit it so scans skip these findings`);
  return 0;
}

export function baselineCommand(io: RunIO, setExit: (code: number) => void): CommandModule<object, BaselineArgs> {
  return {
    command: 'baseline [paths..]',
    describe: 'write .keyfence-baseline.json from the current findings, so scans report only new ones',
    builder: (yargs) =>
      // Only the shared flags that mean something here; --fix, --format and the like are rejected, not ignored.
      yargs
        .option('config', { alias: 'c', type: 'string', describe: 'config file (default .keyfence.json at the repository root)' })
        .option('baseline', { type: 'string', describe: 'baseline file to write (default .keyfence-baseline.json at the repository root)' })
        .option('quiet', { alias: 'q', type: 'boolean', describe: 'print only warnings and errors' })
        .option('max-file-size', { type: 'number', describe: 'skip (and count) files larger than BYTES (default 1048576)' })
        .option('threads', { type: 'number', describe: 'with --history: parallel git processes (default: number of cores)' })
        .positional('paths', { type: 'string', array: true, describe: 'files or folders to baseline (default .)' })
        .option('gitignore', { type: 'boolean', default: true, describe: 'honour .gitignore (--no-gitignore baselines ignored files too)' })
        .option('update', { type: 'boolean', describe: 'add new findings to an existing baseline' })
        .option('prune', { type: 'boolean', describe: 'drop entries whose finding is gone (within the scanned paths)' })
        .option('from', { type: 'string', nargs: 2, describe: 'import suppressions: --from gitleaks REPORT.json|.gitleaksignore, --from detect-secrets .secrets.baseline' })
        .option('history', { type: 'boolean', describe: 'baseline the findings of the git history (commits of HEAD) instead of the working tree' })
        .option('all', { type: 'boolean', describe: 'with --history: the commits of every branch, tag and other ref' }) as never,
    handler: async (argv) => {
      const paths = pathArguments(argv);
      if (argv.history && givenPaths(argv).length > 0) throw new UsageError('--history takes no PATH arguments', 'run `keyfence baseline --history` from the repository');
      if (argv.all && !argv.history) throw new UsageError('--all applies only with --history', 'run `keyfence baseline --history --all`');
      const source = argv.history ? await historySource(argv, io) : await filesSource(paths, argv.gitignore !== false, io);
      setExit(await runBaseline(source, argv.history ? undefined : paths, argv, io));
    },
  };
}
