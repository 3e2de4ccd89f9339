// The history sweep: `git rev-list` picks the commits, N `git log -p -U0 --cc` processes (one per core) print their
// diffs in parallel, and only added lines are scanned. Everything is streamed, so memory stays flat on any history.
// Each secret is reported once per file, at the oldest commit that added it, with the number of places it was added.
import { once } from 'node:events';
import { RAW, type CommitInfo, type Finding, type Fragment } from '../types.js';
import { DiffParser, LOG_FORMAT, toFragment, type FileDiff } from './diff.js';
import { gitLines, splitLineBatches, startGit, type GitProcess } from './git.js';

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
  occurrences: number;
}

class Deduper {
  readonly kept = new Map<string, Kept>();

  add(finding: Finding, order: number): void {
    const seen = this.kept.get(finding.fingerprint);
    if (!seen) this.kept.set(finding.fingerprint, { finding, order, occurrences: 1 });
    else {
      seen.occurrences++;
      if (order > seen.order) {
        seen.finding = finding;
        seen.order = order;
      }
    }
  }

  findings(): Finding[] {
    return [...this.kept.values()].map(({ finding, occurrences }) => ({ ...finding, occurrences, [RAW]: finding[RAW] }));
  }
}

/** Reads one shard's output: shard `index` of `count` got every count-th commit, so its j-th commit is j*count+index. */
async function readShard(git: GitProcess, index: number, count: number, options: HistoryOptions, dedupe: Deduper): Promise<void> {
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
    const order = seen * count + index;
    for (const finding of options.scan(fragment)) dedupe.add(finding, order);
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

/** Streams rev-list's commits round-robin into the shards' stdin, respecting back-pressure. */
async function feed(shards: GitProcess[], options: HistoryOptions): Promise<void> {
  const args = ['rev-list', '--date-order', ...(options.since ? [`--since=${options.since}`] : []), ...options.revs, '--'];
  let next = 0;
  try {
    for await (const line of gitLines(args, { cwd: options.cwd })) {
      if (line === '') continue;
      options.onCommit();
      const stdin = (shards[next] as GitProcess).child.stdin;
      next = (next + 1) % shards.length;
      if (!stdin.write(`${line}\n`)) await once(stdin, 'drain');
    }
  } finally {
    for (const shard of shards) shard.child.stdin.end();
  }
}

export async function scanHistory(options: HistoryOptions): Promise<Finding[]> {
  const count = Math.max(1, options.shards ?? 1);
  const shards = Array.from({ length: count }, () => startGit(logArgs(), { cwd: options.cwd }));
  const dedupe = new Deduper();
  try {
    await Promise.all([feed(shards, options), ...shards.map((git, i) => readShard(git, i, count, options, dedupe)), ...shards.map((git) => git.finished)]);
  } catch (error) {
    for (const git of shards) {
      if (git.child.exitCode === null) git.child.kill();
      git.finished.catch(() => undefined);
    }
    throw error;
  }
  return dedupe.findings();
}
