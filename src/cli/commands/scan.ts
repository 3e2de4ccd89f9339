// `keyfence scan [PATH..]`: files and folders, honouring .gitignore.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { UsageError } from '../../errors.js';
import { givenPaths, pathArguments, withCommonOptions, type CommonOptions } from '../options.js';
import { runScan, type RunIO } from '../run.js';
import { statsCounters, type Engine } from '../../scan.js';
import type { Stats } from '../../types.js';
import type { FileSourceOptions } from '../../sources/files.js';

interface ScanArgs extends CommonOptions {
  paths?: string[];
  gitignore?: boolean;
  stdin?: boolean;
  stdinFilename?: string;
}

/** How the files source reads for a run: from the repository root, with the config's allowlist, counting into stats. */
export function fileSourceOptions(engine: Engine, stats: Stats, io: RunIO, gitignore: boolean): FileSourceOptions {
  return {
    cwd: io.cwd,
    base: engine.config.root,
    inGit: existsSync(join(engine.config.root, '.git')),
    gitignore,
    maxFileSize: engine.config.maxFileSize,
    isPathAllowed: engine.allowlist.isPathAllowed,
    ...statsCounters(stats),
  };
}

export function scanCommand(io: RunIO, setExit: (code: number) => void): CommandModule<object, ScanArgs> {
  return {
    command: 'scan [paths..]',
    describe: 'scan files and folders (default .); honours .gitignore',
    builder: (yargs) =>
      withCommonOptions(yargs)
        .positional('paths', { type: 'string', array: true, describe: 'files or folders to scan' })
        .option('gitignore', { type: 'boolean', default: true, describe: 'honour .gitignore (--no-gitignore scans ignored files too)' })
        .option('stdin', { type: 'boolean', describe: 'scan standard input instead of files (for editors and pipes)' })
        .option('stdin-filename', { type: 'string', describe: 'with --stdin: the file name to report (default stdin)' }) as never,
    handler: async (argv) => {
      if (argv.stdinFilename !== undefined && !argv.stdin) throw new UsageError('--stdin-filename applies only with --stdin', 'add --stdin, or drop --stdin-filename');
      if (argv.stdin) {
        const named = givenPaths(argv);
        if (named.length > 0) throw new UsageError(`--stdin with PATH ${named.join(' ')}: --stdin scans only standard input`, 'drop the PATH, or drop --stdin to scan the files');
        const { stdinFragments } = await import('../../sources/stdin.js');
        const name = argv.stdinFilename ?? 'stdin';
        setExit(
          await runScan(
            {
              command: 'scan',
              fragments: (_engine, stats) => {
                const { onSkip, onFile } = statsCounters(stats);
                return stdinFragments(io.stdin, name, onSkip, onFile);
              },
            },
            argv,
            io,
          ),
        );
        return;
      }
      // Loaded here so other commands (the pre-commit hook above all) never pay for fast-glob.
      const { fileFragments } = await import('../../sources/files.js');
      if (argv.threads !== undefined && (!Number.isInteger(argv.threads) || argv.threads < 1)) throw new UsageError('--threads: must be a whole number of at least 1', 'e.g. --threads 2');
      // Serial unless asked: on the 2-core machine we measured, a worker cost more than it saved (docs/performance.md).
      const threads = argv.threads ?? 1;
      const paths = pathArguments(argv);
      // The worker pool is loaded only when asked for; the serial scan is the plain files source.
      const pool = threads > 1 ? await import('../../workers/scan-pool.js') : undefined;
      const sourceOptions = (engine: Engine, stats: Stats): FileSourceOptions => fileSourceOptions(engine, stats, io, argv.gitignore !== false);
      setExit(
        await runScan(
          {
            command: 'scan',
            fragments: (engine, stats) => fileFragments(paths, sourceOptions(engine, stats)),
            ...(pool ? { findings: (engine: Engine, stats: Stats) => pool.fileFindings(paths, sourceOptions(engine, stats), engine, stats, { threads }) } : {}),
          },
          argv,
          io,
        ),
      );
    },
  };
}
