// `keyfence history [--all | --range A..B] [--since DATE]`: the history sweep (and the engine of CI).
import { availableParallelism } from 'node:os';
import type { CommandModule } from 'yargs';
import { withCommonOptions, type CommonOptions } from '../options.js';
import { runScan, type RunIO, type ScanSource } from '../run.js';
import { countSkip, pairContextOf, scanFragment, type Engine } from '../../scan.js';
import { cappedThreads, threadsNotice } from '../threads.js';
import { countCommits, startSweep, type StartedSweep } from '../../sources/history.js';
import { noCommits, plainRevs, selectRevs, type RevSelection } from '../../sources/revs.js';
import { findRepoRoot } from '../../config/load.js';
import type { EarlySelection } from '../../sources/git-launch.cjs';
import { progressLine } from '../progress.js';
import type { Finding, Fragment, Stats } from '../../types.js';

export interface HistoryArgs extends CommonOptions {
  /** A repository to clone (every ref) and sweep instead of the one around cwd. */
  url?: string;
  all?: boolean;
  range?: string;
  since?: string;
}

export interface SweepPlan {
  selection: RevSelection;
  total: number;
  /** The sweep's git processes, started as soon as the commits are known. */
  started: StartedSweep;
}

/** What git says to sweep (revisions, shallow or not, how many commits). */
export async function planSweep(argv: HistoryArgs, root: string): Promise<SweepPlan> {
  const threads = cappedThreads(argv.threads);
  const since = argv.since !== undefined ? { since: argv.since } : {};
  // Without --range the revisions are known at once: count the commits while the selection is checked.
  const plain = plainRevs(argv);
  const early = plain ? countCommits({ cwd: root, revs: plain, ...since }) : undefined;
  early?.catch(() => undefined);
  const selection = await selectRevs(argv, { cwd: root });
  const selected = { cwd: root, revs: selection.revs, ...since };
  const total = await (early ?? countCommits(selected));
  return { selection, total, started: startSweep({ ...selected, shards: threads ?? availableParallelism() }, total) };
}

/** Starts planning now, so git answers while the rules load; its error, if any, surfaces where it is awaited. */
export function startPlan(argv: HistoryArgs, cwd: string): Promise<SweepPlan> {
  const plan = planSweep(argv, findRepoRoot(cwd));
  plan.catch(() => undefined);
  return plan;
}

export function stopPlan(plan: Promise<SweepPlan>): void {
  plan.then((p) => p.started.stop(), () => undefined);
}

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

export async function sweep(argv: HistoryArgs, io: RunIO, engine: Engine, stats: Stats, planned?: Promise<SweepPlan>): Promise<Finding[]> {
  const { selection, total, started } = await (planned ?? planSweep(argv, engine.config.root));
  const capped = argv.quiet ? undefined : threadsNotice(argv.threads);
  if (capped) io.stderr(capped);
  if (selection.shallow && !selection.windowed) io.stderr('keyfence: note: shallow clone: commits before its boundary are not scanned; `git fetch --unshallow` (or `fetch-depth: 0`) scans them too\n');
  if (total === 0 && !selection.windowed) throw noCommits();
  const progress = process.stderr.isTTY && !argv.quiet ? progressLine(io.stderr, stats, total) : undefined;
  const pairContext = pairContextOf(engine);
  try {
    const hooks = {
      maxFileSize: engine.config.maxFileSize,
      ...(engine.config.archives.enabled ? { archives: engine.config.archives } : {}),
      scan: (fragment: Fragment) => scanFragment(fragment, engine),
      ...(pairContext ? { pairContext } : {}),
      onSkip: (reason: string) => countSkip(stats, reason),
      onFragment: (bytes: number) => {
        stats.files++;
        stats.bytes += bytes;
        progress?.tick();
      },
      onCommit: () => {
        stats.commits++;
      },
      ...(progress ? { onCommitRead: progress.commitDone } : {}),
    };
    return await started.scan(hooks);
  } finally {
    progress?.done();
  }
}

/** The sweep as a scan source: it scans and de-duplicates on its own (in parallel git processes), so no fragments
 *  flow through the shared driver. */
export function sweepSource(command: string, argv: HistoryArgs, io: RunIO, planned?: Promise<SweepPlan>): ScanSource {
  return {
    command,
    fragments: () => (async function* (): AsyncGenerator<Fragment> {})(),
    findings: (engine, stats) =>
      (async function* (): AsyncGenerator<Finding> {
        yield* await sweep(argv, io, engine, stats, planned);
      })(),
  };
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
