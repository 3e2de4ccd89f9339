// The history sweep: `git rev-list` picks the commits, N `git log -p -U0 --cc` processes (one per core, each given a
// contiguous block of commits) print their diffs in parallel, and only added lines are scanned. Everything is
// streamed, so memory stays flat on any history. Each secret is reported once per file, at the oldest commit that added it, with the number of places it was added.
import { RAW, type CommitInfo, type Finding, type Fragment } from '../types.js';
import { GitError } from '../errors.js';
import { DiffParser, LOG_FORMAT, toFragment, type FileDiff } from './diff.js';
import { gitOutput, splitLineBatches, startGit, writeInput, type GitProcess } from './git.js';

export interface HistoryOptions {
  cwd: string;
  /** rev-list arguments selecting the commits: ['HEAD'], ['--all'], ['B', '^A']. */
  revs: string[];
  since?: string;
  /** Parallel `git log` processes (default 1). */
  shards?: number;
  maxFileSize: number;
  /** Findings of one fragment (allowlists included); synchronous, as detection is pure. */
  scan: (fragment: Fragment) => Finding[];
  onSkip: (reason: string, path: string) => void;
  onFragment: (bytes: number) => void;
  onCommit: () => void;
}

/** Plumbing-safe log arguments: no colour, external diff, textconv, rename work or deletion diffs; merges as --cc. */
export function logArgs(): string[] {
  return [
    '-c', 'core.quotePath=false',
    'log', '--stdin', '--no-walk=unsorted', '-p', '-U0', '--cc', '--root', '--full-index', '--no-renames', '--diff-filter=d',
    '--no-color', '--no-ext-diff', '--no-textconv', '--src-prefix=a/', '--dst-prefix=b/', '--no-show-signature', LOG_FORMAT,
  ];
}

interface Kept {
  finding: Finding;
  /** Position in rev-list --date-order: higher is older. */
  order: number;
  /** Commits that added this secret to this file. */
  commits: Set<string>;
}

/** One finding per fingerprint (rule + file + secret): the oldest, with the number of commits that added it. */
class Deduper {
  readonly kept = new Map<string, Kept>();

  add(finding: Finding, order: number): void {
    const seen = this.kept.get(finding.fingerprint);
    if (!seen) this.kept.set(finding.fingerprint, { finding, order, commits: new Set([finding.commit ?? '']) });
    else {
      seen.commits.add(finding.commit ?? '');
      if (order > seen.order) {
        seen.finding = finding;
        seen.order = order;
      }
    }
  }

  findings(): Finding[] {
    return [...this.kept.values()].map(({ finding, commits }) => ({ ...finding, occurrences: commits.size, [RAW]: finding[RAW] }));
  }
}

/** Reads one shard's output; its j-th commit is commit `first + j` of rev-list's order. */
async function readShard(git: GitProcess, first: number, options: HistoryOptions, dedupe: Deduper): Promise<void> {
  const parser = new DiffParser();
  let seen = -1;
  let current: CommitInfo | undefined;
  const handle = (diff: FileDiff | undefined): void => {
    if (!diff) return;
    if (diff.submodule) return options.onSkip('submodule', diff.file);
    if (diff.binary) return options.onSkip('binary', diff.file);
    const fragment = toFragment(diff);
    if (!fragment) return;
    if (fragment.text.length > options.maxFileSize) return options.onSkip('too-large', diff.file);
    options.onFragment(fragment.text.length);
    for (const finding of options.scan(fragment)) dedupe.add(finding, first + seen);
  };
  for await (const lines of splitLineBatches(git.child.stdout)) {
    for (const line of lines) {
      handle(parser.push(line));
      if (parser.currentCommit !== current) {
        current = parser.currentCommit;
        seen++;
      }
    }
  }
  handle(parser.end());
}

function revListArgs(options: Pick<HistoryOptions, 'revs' | 'since'>, extra: string[]): string[] {
  return ['rev-list', ...extra, ...(options.since ? [`--since=${options.since}`] : []), ...options.revs, '--'];
}

/** Streams rev-list's commits into the shards in contiguous blocks (neighbouring commits share delta chains, so
 *  git's caches stay warm), closing each shard's stdin as soon as its block is complete. */
async function feed(shards: GitProcess[], block: number, options: HistoryOptions): Promise<void> {
  const git = startGit(revListArgs(options, ['--date-order']), { cwd: options.cwd });
  git.child.stdin.end();
  let index = 0;
  let shard = 0;
  let complete = false;
  // One write per pipe chunk and shard rather than one per commit.
  const write = async (ids: string[]): Promise<void> => {
    if (ids.length > 0) await writeInput(shards[shard] as GitProcess, `${ids.join('\n')}\n`);
  };
  try {
    for await (const lines of splitLineBatches(git.child.stdout)) {
      let pending: string[] = [];
      for (const line of lines) {
        if (line === '') continue;
        options.onCommit();
        const target = Math.min(Math.floor(index++ / block), shards.length - 1);
        if (target !== shard) {
          await write(pending);
          pending = [];
          while (shard < target) (shards[shard++] as GitProcess).child.stdin.end();
        }
        pending.push(line);
      }
      await write(pending);
    }
    complete = true;
  } finally {
    if (!complete) git.stop();
    for (const shardGit of shards) shardGit.child.stdin.end();
  }
  await git.finished;
}

/** Below this many commits a second git process costs more than it saves. */
const MIN_COMMITS_PER_SHARD = 50;

/** How many commits the selection holds; 0 when HEAD does not exist yet (an empty repository). */
export async function countCommits(options: Pick<HistoryOptions, 'cwd' | 'revs' | 'since'>): Promise<number> {
  try {
    return Number((await gitOutput(revListArgs(options, ['--count']), { cwd: options.cwd })).trim()) || 0;
  } catch (error) {
    if (options.revs.length === 1 && options.revs[0] === 'HEAD' && error instanceof GitError && /bad revision 'HEAD'|ambiguous argument 'HEAD'|unknown revision/.test(error.message)) return 0;
    throw error;
  }
}

export async function scanHistory(options: HistoryOptions, total?: number): Promise<Finding[]> {
  total ??= await countCommits(options);
  // git log --stdin with nothing on stdin falls back to HEAD: an empty range must scan nothing.
  if (total === 0) return [];
  const count = Math.max(1, Math.min(options.shards ?? 1, Math.floor(total / MIN_COMMITS_PER_SHARD)));
  const block = Math.max(1, Math.ceil(total / count));
  const shards = Array.from({ length: count }, () => startGit(logArgs(), { cwd: options.cwd }));
  const dedupe = new Deduper();
  try {
    await Promise.all([feed(shards, block, options), ...shards.map((git, i) => readShard(git, i * block, options, dedupe)), ...shards.map((git) => git.finished)]);
  } catch (error) {
    for (const git of shards) git.stop();
    throw error;
  }
  return dedupe.findings();
}
