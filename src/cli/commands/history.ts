// `keyfence history [--all | --range A..B] [--since DATE]`: the history sweep (and the engine of CI).
import type { CommandModule } from 'yargs';
import { withCommonOptions } from '../options.js';
import { runScan, type RunIO } from '../run.js';
import type { EarlySelection } from '../../sources/git-launch.cjs';
import { startPlan, stopPlan, sweepSource, type HistoryArgs, type SweepPlan } from '../sweep.js';

// The sweep lives in cli/sweep.ts; these names are kept here for the modules that import them from the command.
export { sweepSource, type HistoryArgs, type SweepPlan } from '../sweep.js';

/** A plan made from the arguments bin/keyfence.js read before yargs ran (git-launch.cts), for the handler to take. */
let earlyPlan: { selection: EarlySelection; cwd: string; plan: Promise<SweepPlan> } | undefined;

/** Plans the sweep before yargs has even loaded, and settles (never rejects) once its git processes have their
 *  commits: git diffs while the CLI starts. */
export async function planHistoryEarly(selection: EarlySelection, cwd: string): Promise<void> {
  const { all, since, threads } = selection;
  const plan = startPlan({ all, ...(since !== undefined ? { since } : {}), ...(threads !== undefined ? { threads } : {}) }, cwd);
  earlyPlan = { selection, cwd, plan };
  await (await plan.catch(() => undefined))?.started.fed;
}

/** The early plan when yargs read the same commits, folder and threads from the arguments; else it is stopped. */
function takeEarlyPlan(argv: HistoryArgs, cwd: string): Promise<SweepPlan> | undefined {
  const early = earlyPlan;
  earlyPlan = undefined;
  if (!early) return undefined;
  const { selection } = early;
  if (early.cwd === cwd && argv.range === undefined && Boolean(argv.all) === selection.all && argv.since === selection.since && argv.threads === selection.threads) return early.plan;
  stopPlan(early.plan);
  return undefined;
}

/** Stops an early plan no handler took (--help, a usage error). */
export function dropEarlyPlan(): void {
  if (earlyPlan) stopPlan(earlyPlan.plan);
  earlyPlan = undefined;
}

export function historyCommand(io: RunIO, setExit: (code: number) => void): CommandModule<object, HistoryArgs> {
  return {
    command: 'history [url]',
    describe: 'scan the commits of HEAD (or --all, --range A..B, --since DATE), or every ref of a repository at a git URL',
    builder: (yargs) =>
      withCommonOptions(yargs)
        .positional('url', { type: 'string', describe: 'a repository to sweep (every ref) instead of this one: cloned into a temporary folder, removed after' })
        .example('keyfence history https://github.com/OWNER/REPO.git', 'sweep every branch and tag of a remote repository')
        .option('all', { type: 'boolean', describe: 'every branch, tag and other ref' })
        .option('range', { type: 'string', describe: 'only commits in A..B (what CI uses), e.g. origin/main..HEAD' })
        .option('since', { type: 'string', describe: 'only commits newer than DATE (e.g. 2024-01-31, "2 weeks ago")' })
        .example('keyfence history --range origin/main..HEAD', 'the commits of a pull or merge request')
        .example('keyfence history --range origin/main..HEAD --format gitlab -o gl-secret-detection-report.json', '') as never,
    handler: async (argv) => {
      if (argv.url !== undefined) {
        const { runRemoteHistory } = await import('./remote-history.js');
        return setExit(await runRemoteHistory(argv, io));
      }
      const plan = takeEarlyPlan(argv, io.cwd) ?? startPlan(argv, io.cwd);
      try {
        // git answers within milliseconds, and the sweep's git processes get their commits before the rules load
        // (building them blocks the event loop), so git diffs meanwhile. Errors surface where the sweep awaits the
        // plan, after the config has been checked, as before.
        await (await plan.catch(() => undefined))?.started.fed;
        const code = await runScan(
          sweepSource('history', argv, io, plan),
          argv,
          io,
        );
        setExit(code);
      } finally {
        // A run that failed before reading the sweep (a bad config) leaves no git process behind.
        stopPlan(plan);
      }
    },
  };
}
