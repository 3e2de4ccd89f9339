// The history sweep: `git rev-list` picks the commits, N `git log -p -U0 --cc` processes (one per core, each given a
// contiguous block of commits) print their diffs in parallel, and only added lines are scanned. Everything is
// streamed, so memory stays flat on any history. Each secret is reported once per file, at the oldest commit that added it, with the number of places it was added.
import { RAW, type CommitInfo, type Finding, type Fragment } from '../types.js';
import { GitError } from '../errors.js';
import { DiffParser, toFragment, type FileDiff } from './diff.js';
import { gitOutput, lineTexts, splitLineBatches, startGit, writeInput, type GitProcess } from './git.js';
import { STREAM_ENV, logArgs, revListArgs } from './git-launch.cjs';
import { BlobReader, binaryDiffText, mayBeText } from './blobs.js';

/** Which commits to sweep, and with how many `git log` processes: known before the rules are loaded. */
export interface SweepTarget {
  cwd: string;
  /** rev-list arguments selecting the commits: ['HEAD'], ['--all'], ['B', '^A']. */
  revs: string[];
  since?: string;
  /** Parallel `git log` processes (default 1). */
  shards?: number;
  /** How much time a split must save (ms) before a free process takes half of another's rest (tests: 0). */
  splitWorthMs?: number;
}

/** What the sweep does with each file change: needs the engine. */
export interface SweepHooks {
  maxFileSize: number;
  /** Findings of one fragment (allowlists included); synchronous, as detection is pure. */
  scan: (fragment: Fragment) => Finding[];
  onSkip: (reason: string, path: string) => void;
  onFragment: (bytes: number) => void;
  onCommit: () => void;
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

/** The commits one `git log` process was given, in order, with their places in rev-list's order (higher is
 *  older), and how far its output has been read. */
class CommitOrder {
  readonly indices: number[] = [];
  readonly ids: string[] = [];
  private cursor = 0;
  /** Commits this process is read for; the rest went to another process (see splitTail). */
  private limit = Infinity;

  /** The feeder sends commit `id`, rev-list's `index`-th, to this process. */
  list(index: number, id: string): void {
    this.indices.push(index);
    this.ids.push(id);
  }

  /** The order of the next commit this process prints; -1 when it should not be read further. */
  take(): number {
    return this.cursor < Math.min(this.limit, this.indices.length) ? (this.indices[this.cursor++] as number) : -1;
  }

  /** Commits whose output has been reached. */
  get printed(): number {
    return this.cursor;
  }

  /** Commits given and not yet reached. */
  get left(): number {
    return Math.min(this.limit, this.indices.length) - this.cursor;
  }

  /** Hands the last `count` commits not yet reached to a new process: this one stops where they begin. */
  splitTail(count: number): CommitOrder {
    const end = Math.min(this.limit, this.indices.length);
    const tail = new CommitOrder();
    for (let i = end - count; i < end; i++) tail.list(this.indices[i] as number, this.ids[i] as string);
    this.limit = end - count;
    return tail;
  }
}

/** A file git calls binary, scanned whole when its blob is text; names of formats that are never text are not read. */
async function binaryFragment(diff: FileDiff, options: SweepHooks, blobs: BlobReader): Promise<Fragment | undefined> {
  const read = (blob: string, maxBytes: number): Promise<Buffer | 'too-large' | undefined> => (mayBeText(diff.file) ? blobs.read(blob, maxBytes) : Promise.resolve(undefined));
  const found = await binaryDiffText(diff, read, options.maxFileSize, options.onSkip);
  if (!found) return undefined;
  const fragment: Fragment = { file: diff.file, text: found.text, blob: diff.blob as string };
  if (diff.commit) fragment.commit = diff.commit;
  return fragment;
}

/** The synchronous part of reading a `git log` process: diff lines in, findings out, each commit placed in
 *  rev-list's order through `order`. Kept apart from the async loop, which the optimiser handles poorly. */
class ShardReader {
  private readonly parser = new DiffParser();
  private position = -1;
  private current: CommitInfo | undefined;
  /** The blob read of a binary file, to be awaited before reading on. */
  private pending: Promise<void> | undefined;
  /** This process's commits ended: the rest went to another process, and what git printed of them is dropped. */
  cut = false;

  constructor(
    private readonly order: CommitOrder,
    private readonly options: SweepHooks,
    private readonly dedupe: Deduper,
    private readonly blobs: BlobReader,
  ) {}

  /** Reads the lines of `text` from offset `from` on; returns where it stopped: the end, the cut, or just after a
   *  binary file whose blob is being read (see takePending). Lines are sliced only when kept (added lines, headers). */
  read(text: string, from: number): number {
    for (let start = from; start <= text.length; ) {
      let end = text.indexOf('\n', start);
      if (end === -1) end = text.length;
      const pending = this.handle(this.parser.pushRange(text, start, end));
      start = end + 1;
      if (this.parser.currentCommit !== this.current) {
        this.current = this.parser.currentCommit;
        this.position = this.order.take();
        if (this.position === -1) {
          this.cut = true;
          this.pending = pending;
          return text.length + 1;
        }
      }
      if (pending) {
        this.pending = pending;
        return start;
      }
    }
    return text.length + 1;
  }

  takePending(): Promise<void> | undefined {
    const pending = this.pending;
    this.pending = undefined;
    return pending;
  }

  end(): Promise<void> | undefined {
    return this.handle(this.parser.end());
  }

  private scan(fragment: Fragment, at: number): void {
    this.options.onFragment(fragment.text.length);
    for (const finding of this.options.scan(fragment)) this.dedupe.add(finding, at);
  }

  /** Synchronous but for binary files, whose blob is read (rare: the common path has no await per line). */
  private handle(diff: FileDiff | undefined): Promise<void> | undefined {
    if (!diff) return undefined;
    const { options } = this;
    if (diff.submodule) return void options.onSkip('submodule', diff.file);
    if (diff.binary) {
      const at = this.position;
      return binaryFragment(diff, options, this.blobs).then((fragment) => fragment && this.scan(fragment, at));
    }
    const fragment = toFragment(diff);
    if (!fragment) return undefined;
    if (fragment.text.length > options.maxFileSize) return void options.onSkip('too-large', diff.file);
    this.scan(fragment, this.position);
    return undefined;
  }
}

/** Reads one `git log` process's output; stops the process when it reaches commits that went to another process. */
async function readShard(sweeper: Sweeper, hooks: Promise<SweepHooks>, dedupe: Deduper, blobs: BlobReader): Promise<void> {
  const { git, order } = sweeper;
  // git already runs; its output waits in a bounded pipe until the rules are loaded.
  const options = await hooks;
  sweeper.readSince = performance.now();
  const reader = new ShardReader(order, options, dedupe, blobs);
  for await (const text of lineTexts(git.output ?? git.child.stdout)) {
    for (let at = 0; at <= text.length; ) {
      at = reader.read(text, at);
      const pending = reader.takePending();
      if (pending) await pending;
    }
    if (reader.cut) break;
  }
  if (reader.cut) git.stop();
  else await reader.end();
}

/** One `git log --stdin` process of a sweep, where its commits stand, and how many it was given. */
interface Sweeper {
  git: GitProcess;
  order: CommitOrder;
  sent: number;
  /** When its output began to be read (performance.now()), for its rate. */
  readSince?: number;
}

function startSweeper(target: SweepTarget, order = new CommitOrder()): Sweeper {
  // Its output is held (bounded) until a reader takes it: the sweep may start before the rules are loaded.
  return { git: startGit(logArgs(), { cwd: target.cwd, env: STREAM_ENV }, true), order, sent: 0 };
}

async function send(sweeper: Sweeper, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  sweeper.sent += ids.length;
  await writeInput(sweeper.git, `${ids.join('\n')}\n`);
}

/** Ends a process's input; one given no commit is stopped instead, as `git log --stdin` would fall back to HEAD. */
function close(sweeper: Sweeper): void {
  if (sweeper.sent === 0) sweeper.git.stop();
  else sweeper.git.child.stdin.end();
}

/** Streams rev-list's commits into the shards in contiguous blocks (neighbouring commits share delta chains, so
 *  git's caches stay warm), closing each shard's stdin as soon as its block is complete. A root commit (no parent)
 *  diffs against the empty tree, so it prints the whole tree: with several shards it goes to its own process at
 *  once, to be scanned while the shards are still diffing, rather than at the very end of the last shard. */
async function feed(shards: Sweeper[], block: number, roots: () => Sweeper, options: SweepTarget & Pick<SweepHooks, 'onCommit'>): Promise<void> {
  const git = startGit(revListArgs(options, ['--date-order', '--parents']), { cwd: options.cwd, env: STREAM_ENV });
  git.child.stdin.end();
  let index = 0;
  let shard = 0;
  let complete = false;
  try {
    for await (const lines of splitLineBatches(git.output ?? git.child.stdout)) {
      // One write per pipe chunk and shard rather than one per commit.
      let pending: string[] = [];
      for (const line of lines) {
        if (line === '') continue;
        options.onCommit();
        const at = index++;
        const target = Math.min(Math.floor(at / block), shards.length - 1);
        if (target !== shard) {
          await send(shards[shard] as Sweeper, pending);
          pending = [];
          while (shard < target) close(shards[shard++] as Sweeper);
        }
        const space = line.indexOf(' ');
        const id = space === -1 ? line : line.slice(0, space);
        const sweeper = space !== -1 || shards.length === 1 ? (shards[shard] as Sweeper) : roots();
        sweeper.order.list(at, id);
        if (sweeper === shards[shard]) pending.push(id);
        else await send(sweeper, [id]);
      }
      await send(shards[shard] as Sweeper, pending);
    }
    complete = true;
  } finally {
    if (!complete) git.stop();
    for (const sweeper of shards.slice(shard)) close(sweeper);
  }
  await git.finished;
}

/** Below this many commits a second git process costs more than it saves. */
const MIN_COMMITS_PER_SHARD = 50;

/** How many commits the selection holds; 0 when HEAD does not exist yet (an empty repository). */
export async function countCommits(options: Pick<SweepTarget, 'cwd' | 'revs' | 'since'>): Promise<number> {
  try {
    return Number((await gitOutput(revListArgs(options, ['--count']), { cwd: options.cwd })).trim()) || 0;
  } catch (error) {
    if (options.revs.length === 1 && options.revs[0] === 'HEAD' && error instanceof GitError && /bad revision 'HEAD'|ambiguous argument 'HEAD'|unknown revision/.test(error.message)) return 0;
    throw error;
  }
}

/** A sweep whose git processes already run; `scan` attaches the engine, `stop` ends it unread. */
export interface StartedSweep {
  scan: (hooks: SweepHooks) => Promise<Finding[]>;
  stop: () => void;
  /** How many `git log` processes shared the commits so far (the shards, and the helpers that took over halves). */
  processes: () => number;
  /** Settles once every git log process has its commits (and is diffing); never rejects. */
  fed: Promise<void>;
}

/** A process that finishes first takes over half of what another still has left, when that is worth a cold start:
 *  the cost of commits varies (a big generated file rewritten in one stretch of history), halves often do not. */
const SPLIT_WORTH_MS = 150;
const MIN_SPLIT_COMMITS = 20;

/** Starts the git processes of a sweep of `total` commits, before the rules are loaded; their output waits. */
export function startSweep(target: SweepTarget, total: number): StartedSweep {
  // git log --stdin with nothing on stdin falls back to HEAD: an empty range must scan nothing.
  if (total === 0) return { scan: async () => [], stop: () => undefined, processes: () => 0, fed: Promise.resolve() };
  const count = Math.max(1, Math.min(target.shards ?? 1, Math.floor(total / MIN_COMMITS_PER_SHARD)));
  const block = Math.max(1, Math.ceil(total / count));
  const dedupe = new Deduper();
  const blobs = new BlobReader({ cwd: target.cwd });
  let attach: (hooks: SweepHooks) => void = () => undefined;
  const hooks = new Promise<SweepHooks>((resolve) => (attach = resolve));
  const shards = Array.from({ length: count }, () => startSweeper(target));
  let roots: Sweeper | undefined;
  const every = (): Sweeper[] => [...shards, ...(roots ? [roots] : [])];
  const stop = (): void => {
    for (const sweeper of every()) sweeper.git.stop();
    blobs.stop();
  };
  // The first failure (of git, a reader or the feeder) ends the sweep at once: a stalled reader must not hang the feeder.
  let fail: (error: unknown) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => (fail = reject));
  failed.catch(() => undefined);
  // Settles when the feed is done and every reader has finished (readers are added when work is split).
  let active = 0;
  let fed = false;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const running = new Set<Sweeper>();
  const rebalance = (): void => {
    const now = performance.now();
    let slowest: Sweeper | undefined;
    let saving = target.splitWorthMs ?? SPLIT_WORTH_MS;
    for (const sweeper of running) {
      const { left, printed } = sweeper.order;
      if (left < MIN_SPLIT_COMMITS || sweeper.readSince === undefined) continue;
      // Half of what it has left, at the rate it has gone so far; one still in its first commit has taken at least
      // the time since its reading began for it (a big rewrite at the tip, while another process did all its share).
      const halfTime = ((now - sweeper.readSince) / Math.max(printed, 1)) * (left / 2);
      if (halfTime >= saving) [slowest, saving] = [sweeper, halfTime];
    }
    if (!slowest) return;
    const helper = startSweeper(target, slowest.order.splitTail(Math.floor(slowest.order.left / 2)));
    shards.push(helper);
    read(helper, true);
    void send(helper, helper.order.ids).then(() => close(helper), fail);
  };
  const read = (sweeper: Sweeper, shard: boolean): void => {
    active++;
    if (shard) running.add(sweeper);
    sweeper.git.finished.catch(fail);
    readShard(sweeper, hooks, dedupe, blobs).then(() => {
      running.delete(sweeper);
      active--;
      // A core is free: take half of the slowest process's rest, if it is worth it.
      if (fed && shard) rebalance();
      if (fed && active === 0) finish();
    }, fail);
  };
  for (const shard of shards) read(shard, true);
  const rootSweeper = (): Sweeper => {
    if (!roots) read((roots = startSweeper(target)), false);
    return roots;
  };
  // Commits listed before the hooks are attached are counted when they are.
  let listed = 0;
  let onCommit = (): void => void listed++;
  const feeding = feed(shards.slice(), block, rootSweeper, { ...target, onCommit: () => onCommit() }).finally(() => roots && close(roots));
  feeding.then(() => {
    fed = true;
    if (active === 0) finish();
  }, fail);
  return {
    scan: async (given) => {
      for (; listed > 0; listed--) given.onCommit();
      onCommit = given.onCommit;
      attach(given);
      try {
        await Promise.race([finished, failed]);
        await Promise.all(every().map((sweeper) => sweeper.git.finished));
        await blobs.close();
      } catch (error) {
        stop();
        throw error;
      }
      return dedupe.findings();
    },
    stop,
    processes: () => shards.length,
    fed: feeding.then(
      () => undefined,
      () => undefined,
    ),
  };
}
