// The history sweep as the CLI runs it: plan the commits and start git, then scan them as a source of findings.
// Below the commands, so `history`, `history <url>` (remote-history.ts), pre-receive and audit share it one way.
import { availableParallelism } from 'node:os';
import type { CommonOptions } from './options.js';
import type { RunIO, ScanSource } from './run.js';
import { countSkip, pairContextOf, scanFragment, type Engine } from '../scan.js';
import { cappedThreads, threadsNotice } from './threads.js';
import { countCommits, startSweep, type StartedSweep } from '../sources/history.js';
import { noCommits, plainRevs, selectRevs, type RevSelection } from '../sources/revs.js';
import { findRepoRoot } from '../config/load.js';
import { progressLine } from './progress.js';
import type { Finding, Fragment, Stats } from '../types.js';

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
      onMessage: (bytes: number) => {
        stats.bytes += bytes;
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
