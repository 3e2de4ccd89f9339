// `keyfence scan [PATH..]`: files and folders, honouring .gitignore.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import type { CommandModule } from 'yargs';
import { UsageError } from '../../errors.js';
import { givenPaths, pathArguments, withCommonOptions, type CommonOptions } from '../options.js';
import { runScan, type RunIO } from '../run.js';
import { cappedThreads, threadsNotice } from '../threads.js';
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
    ...(engine.config.archives.enabled ? { archives: engine.config.archives } : {}),
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
        .option('stdin-filename', { type: 'string', describe: 'with --stdin: the file name to report (default stdin)' })
        .example('keyfence scan dist/app.jar', 'archives are opened: findings name dist/app.jar!/config/app.properties (--no-archives to leave them closed)') as never,
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
              fragments: (engine, stats) => {
                const { onSkip, onFile } = statsCounters(stats);
                return stdinFragments(io.stdin, name, engine.config.maxFileSize, onSkip, onFile);
              },
            },
            argv,
            io,
          ),
        );
        return;
      }
      // Loaded here so other commands (the pre-commit hook above all) never pay for the files source.
      const { fileFragments } = await import('../../sources/files.js');
      // Every core by default: the pool starts its workers only once the walk has listed a large tree's worth of files.
      const threads = cappedThreads(argv.threads) ?? availableParallelism();
      const capped = argv.quiet ? undefined : threadsNotice(argv.threads);
      if (capped) io.stderr(capped);
      const paths = pathArguments(argv);
      // The worker pool is loaded only with a second core to use; the serial scan is the plain files source.
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
