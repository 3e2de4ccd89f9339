// `keyfence staged`: what the pre-commit hook runs; scans the index's added lines, never the work tree.
import type { CommandModule } from 'yargs';
import { withCommonOptions, type CommonOptions } from '../options.js';
import type { RunIO } from '../run.js';
import type { Engine } from '../../scan.js';
import type { Fragment, Stats } from '../../types.js';

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
    const [{ runScan }, { scanDiffFragments, statsCounters }, { BlobReader }, { blobContext }] = await Promise.all([import('../run.js'), import('../../scan.js'), import('../../sources/blobs.js'), import('../../sources/pair-context.js')]);
    // Staged blobs: binary files, and the staged file around added lines that leave half of a key pair open.
    const blobs = new BlobReader({ cwd: io.cwd });
    const fragments = (engine: Engine, stats: Stats): AsyncIterable<Fragment> =>
      staged.stagedFragments({
        cwd: io.cwd,
        started: diff,
        blobs,
        maxFileSize: engine.config.maxFileSize,
        ...(engine.config.archives.enabled ? { archives: engine.config.archives } : {}),
        isPathAllowed: engine.allowlist.isPathAllowed,
        ...statsCounters(stats),
      });
    const code = await runScan(
      {
        command: 'staged',
        fragments,
        findings: (engine, stats) => scanDiffFragments(fragments(engine, stats), engine, stats, (fragment, reach) => blobContext(fragment, blobs, engine.config.maxFileSize, reach)),
      },
      options,
      io,
    ).finally(() => blobs.stop());
    if (code === 1) io.stderr('keyfence: commit refused: the staged changes hold secrets (see above). Remove them from the files, `git add` again and retry; a false alarm: add `keyfence:allow` to the line. Skip once at your own risk: git commit --no-verify\n');
    return code;
  } finally {
    // A run that failed before reading the diff leaves no git process behind.
    diff.stop();
  }
}
