// `keyfence scan [PATH..]`: files and folders, honouring .gitignore.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { UsageError } from '../../errors.js';
import { givenPaths, pathArguments, withCommonOptions, type CommonOptions } from '../options.js';
import { runScan, type RunIO } from '../run.js';
import { countSkip } from '../../scan.js';

interface ScanArgs extends CommonOptions {
  paths?: string[];
  gitignore?: boolean;
  stdin?: boolean;
  stdinFilename?: string;
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
        setExit(await runScan({ command: 'scan', fragments: (_engine, stats) => stdinFragments(io.stdin, name, (reason) => countSkip(stats, reason), (bytes) => {
          stats.files++;
          stats.bytes += bytes;
        }) }, argv, io));
        return;
      }
      // Loaded here so other commands (the pre-commit hook above all) never pay for fast-glob.
      const { fileFragments } = await import('../../sources/files.js');
      const paths = pathArguments(argv);
      setExit(
        await runScan(
          {
            command: 'scan',
            fragments: (engine, stats) =>
              fileFragments(paths, {
                cwd: io.cwd,
                base: engine.config.root,
                inGit: existsSync(join(engine.config.root, '.git')),
                gitignore: argv.gitignore !== false,
                maxFileSize: engine.config.maxFileSize,
                isPathAllowed: engine.allowlist.isPathAllowed,
                onSkip: (reason) => countSkip(stats, reason),
                onFile: (bytes) => {
                  stats.files++;
                  stats.bytes += bytes;
                },
              }),
          },
          argv,
          io,
        ),
      );
    },
  };
}
