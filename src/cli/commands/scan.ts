// `keyfence scan [PATH..]`: files and folders, honouring .gitignore.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { withCommonOptions, type CommonOptions } from '../options.js';
import { runScan, type RunIO } from '../run.js';
import { countSkip } from '../../scan.js';

interface ScanArgs extends CommonOptions {
  paths?: string[];
  gitignore?: boolean;
}

export function scanCommand(io: RunIO, setExit: (code: number) => void): CommandModule<object, ScanArgs> {
  return {
    command: 'scan [paths..]',
    describe: 'scan files and folders (default .); honours .gitignore',
    builder: (yargs) =>
      withCommonOptions(yargs)
        .positional('paths', { type: 'string', array: true, describe: 'files or folders to scan' })
        .option('gitignore', { type: 'boolean', default: true, describe: 'honour .gitignore (--no-gitignore scans ignored files too)' }) as never,
    handler: async (argv) => {
      // Loaded here so other commands (the pre-commit hook above all) never pay for fast-glob.
      const { fileFragments } = await import('../../sources/files.js');
      const paths = argv.paths && argv.paths.length > 0 ? argv.paths : ['.'];
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
