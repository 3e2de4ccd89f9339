// `keyfence staged`: what the pre-commit hook runs; scans the index's added lines, never the work tree.
import type { CommandModule } from 'yargs';
import { withCommonOptions, type CommonOptions } from '../options.js';
import type { RunIO } from '../run.js';

export function stagedCommand(io: RunIO, setExit: (code: number) => void): CommandModule<object, CommonOptions> {
  return {
    command: 'staged',
    describe: 'scan the staged changes (the index), as a pre-commit hook',
    builder: (yargs) => withCommonOptions(yargs) as never,
    handler: async (argv) => setExit(await runStaged(argv, io)),
  };
}

/** The hook's hot path: imports stay lazy, and git diffs the index while the rules load. */
export async function runStaged(options: CommonOptions, io: RunIO): Promise<number> {
  const staged = await import('../../sources/staged.js');
  const diff = staged.startStagedDiff(io.cwd);
  try {
    const [{ runScan }, { statsCounters }] = await Promise.all([import('../run.js'), import('../../scan.js')]);
    const code = await runScan(
      {
        command: 'staged',
        fragments: (engine, stats) =>
          staged.stagedFragments({
            cwd: io.cwd,
            started: diff,
            maxFileSize: engine.config.maxFileSize,
            isPathAllowed: engine.allowlist.isPathAllowed,
            ...statsCounters(stats),
          }),
      },
      options,
      io,
    );
    if (code === 1) io.stderr('keyfence: commit refused: the staged changes hold secrets (see above). Remove them from the files, `git add` again and retry; a false alarm: add `keyfence:allow` to the line. Skip once at your own risk: git commit --no-verify\n');
    return code;
  } finally {
    // A run that failed before reading the diff leaves no git process behind.
    diff.stop();
  }
}
