// The history sweep: `git rev-list` picks the commits, `git log -p -U0 --cc` processes print their diffs in parallel
// (two per block of neighbouring commits, walking it from both ends until they meet: see walks.ts), and only added
// lines are scanned. Everything is streamed, so memory stays flat on any history. Each secret comes out once per
// file, at the oldest commit that added it, with the number of commits that added it (cli/secret-groups.ts then
// reports it once, at the first file).
import { MESSAGE_FILE, RAW, type CommitInfo, type Finding, type Fragment } from '../types.js';
import { GitError } from '../errors.js';
import { DiffParser, toFragment, type FileDiff } from './diff.js';
import { gitOutput, lineTexts, splitLineBatches, startGit, takeOutput, writeInput, type GitProcess } from './git.js';
import { STREAM_ENV, logArgs, revListArgs } from './git-launch.cjs';
import { BlobReader, archiveBlobFragments, binaryDiffText, mayBeText, unreadFragment } from './blobs.js';
import { archiveKind } from './archive-names.js';
import type { ArchiveLimits } from '../config/defaults.js';
import { Block, Claims, Walk } from './walks.js';
import { identityKey } from '../allow/fingerprint.js';
import { blobContext } from './pair-context.js';
import { messageFragment } from './message.js';

/** Which commits to sweep, and with how many `git log` processes: known before the rules are loaded. */
export interface SweepTarget {
  cwd: string;
  /** rev-list arguments selecting the commits: ['HEAD'], ['--all'], ['B', '^A']. */
  revs: string[];
  since?: string;
  /** Cores for `git log` processes (default 1): one process alone, else pairs (an odd core is left to keyfence). */
  shards?: number;
  /** How much time a new pair must save (ms) before it starts in a stretch another pair has not reached (tests: 0). */
  splitWorthMs?: number;
  /** Tests: the first block's processes read nothing until another pair has met and the sweep has looked for a stretch
   *  to split, so whether a split happens does not depend on the machine's speed or load. */
  holdFirstBlock?: boolean;
}

/** What the sweep does with each file change: needs the engine. */
export interface SweepHooks {
  maxFileSize: number;
  /** Findings of one fragment (allowlists included); synchronous, as detection is pure. */
  scan: (fragment: Fragment) => Finding[];
  onSkip: (reason: string, path: string) => void;
  onFragment: (bytes: number) => void;
  onCommit: () => void;
  /** A commit's message was scanned (its characters). */
  onMessage?: (bytes: number) => void;
  /** Archives are opened within these bounds; absent (--no-archives), they are counted as `archive`. */
  archives?: ArchiveLimits;
  /** A commit's diff was taken by one of the processes (for progress: commits done, not listed). */
  onCommitRead?: () => void;
  /** When a fragment's findings leave half of a key pair open (a key id committed earlier, its secret added now),
   *  it is scanned again with the unchanged lines within `reach` of its added lines, read from its blob. */
  pairContext?: { reach: number; isOpen: (fragment: Fragment, findings: Finding[]) => boolean };
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
    // The fingerprint's identity, without hashing (a guessable secret's fingerprint costs a scrypt).
    const key = identityKey(finding);
    const seen = this.kept.get(key);
    if (!seen) this.kept.set(key, { finding, order, commits: new Set([finding.commit ?? '']) });
    else {
      seen.commits.add(finding.commit ?? '');
      if (order > seen.order) {
        seen.finding = finding;
        seen.order = order;
      }
    }
  }

  findings(): Finding[] {
    // Set in place: a spread would read (so compute) every fingerprint here, serially, before the run hashes them in parallel.
    return [...this.kept.values()].map(({ finding, commits, order }) => Object.assign(finding, { occurrences: commits.size, [RAW]: { ...finding[RAW], order } }));
  }
}

/** A file git calls binary, scanned whole when its blob is text; names of formats that are never text are not read. */
async function binaryFragment(diff: FileDiff, options: SweepHooks, blobs: BlobReader): Promise<Fragment | undefined> {
  const read = (blob: string, maxBytes: number): Promise<Buffer | 'too-large' | undefined> => (mayBeText(diff.file) ? blobs.read(blob, maxBytes) : Promise.resolve(undefined));
  const found = await binaryDiffText(diff, read, options.maxFileSize, options.onSkip);
  if (!found) return unreadFragment(diff);
  const fragment: Fragment = { file: diff.file, text: found.text, blob: diff.blob as string };
  if (diff.commit) fragment.commit = diff.commit;
  return fragment;
}

/** The synchronous part of reading a `git log` process: diff lines in, findings out, each commit taken through its
 *  walk (which gives its place in rev-list's order). Kept apart from the async loop, which the optimiser handles
 *  poorly. */
class ShardReader {
  private readonly parser: DiffParser;
  private position = -1;
  private current: CommitInfo | undefined;
  /** The blob read of a binary file, to be awaited before reading on. */
  private pending: Promise<void> | undefined;
  /** This process's walk ended: the rest went to another process, and what git printed of them is dropped. */
  cut = false;

  constructor(
    private readonly walk: Walk,
    private readonly options: SweepHooks,
    private readonly dedupe: Deduper,
    private readonly blobs: BlobReader,
  ) {
    // A file's added text past the limit is let go as it streams (a 100 MB file is counted, never held).
    this.parser = new DiffParser(options.maxFileSize);
  }

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
        const reached = this.walk.printed;
        this.position = this.current ? this.walk.take(this.current.commit) : -1;
        // Commits git printed nothing for, passed over on the way, are done too.
        for (let done = reached; done < this.walk.printed; done++) this.options.onCommitRead?.();
        if (this.position === -1) {
          this.cut = true;
          this.pending = pending;
          return text.length + 1;
        }
        this.scanMessage();
      }
      if (pending) {
        this.pending = pending;
        return start;
      }
    }
    return text.length + 1;
  }

  /** The message of the commit just taken: scanned like a file at MESSAGE_FILE (not counted as one). */
  private scanMessage(): void {
    const message = this.parser.takeMessage();
    if (!message) return;
    if (message.tooLarge) return void this.options.onSkip('too-large', MESSAGE_FILE);
    const fragment = messageFragment(message.lines, this.current);
    if (!fragment) return;
    this.options.onMessage?.(fragment.text.length);
    for (const finding of this.options.scan(fragment)) this.dedupe.add(finding, this.position);
  }

  takePending(): Promise<void> | undefined {
    const pending = this.pending;
    this.pending = undefined;
    return pending;
  }

  end(): Promise<void> | undefined {
    return this.handle(this.parser.end());
  }

  /** Synchronous but when a pair half is left open (rare: then the blob is read for the lines around it). */
  private scan(fragment: Fragment, at: number): Promise<void> | undefined {
    const { options } = this;
    options.onFragment(fragment.text.length);
    const findings = options.scan(fragment);
    const context = options.pairContext;
    if (context?.isOpen(fragment, findings)) return this.scanWide(fragment, findings, at, context.reach);
    for (const finding of findings) this.dedupe.add(finding, at);
    return undefined;
  }

  private async scanWide(fragment: Fragment, findings: Finding[], at: number, reach: number): Promise<void> {
    const wide = await blobContext(fragment, this.blobs, this.options.maxFileSize, reach);
    for (const finding of wide ? this.options.scan(wide) : findings) this.dedupe.add(finding, at);
  }

  /** The text files inside an archive's blob, each scanned as a file of its own (`app.jar!/config/app.properties`). */
  private async scanArchive(diff: FileDiff, archives: ArchiveLimits, at: number): Promise<void> {
    const { options } = this;
    const read = (blob: string, maxBytes: number): Promise<Buffer | 'too-large' | undefined> => this.blobs.read(blob, maxBytes);
    for await (const fragment of archiveBlobFragments(diff, read, { archives, maxFileSize: options.maxFileSize, onSkip: options.onSkip })) await this.scan(fragment, at);
  }

  /** Synchronous but for binary files, whose blob is read (rare: the common path has no await per line). */
  private handle(diff: FileDiff | undefined): Promise<void> | undefined {
    if (!diff || diff.deleted) return undefined;
    const { options } = this;
    if (diff.submodule) return void options.onSkip('submodule', diff.file);
    if (diff.binary) {
      const at = this.position;
      if (archiveKind(diff.file)) return options.archives ? this.scanArchive(diff, options.archives, at) : void options.onSkip('archive', diff.file);
      return binaryFragment(diff, options, this.blobs).then((fragment) => fragment && this.scan(fragment, at));
    }
    if (diff.tooLarge) return void options.onSkip('too-large', diff.file);
    const fragment = toFragment(diff);
    if (!fragment) return undefined;
    return this.scan(fragment, this.position);
  }
}

/** Bytes of git's output gathered into one text before it is read (see lineTexts). */
const READ_BYTES = 64 * 1024;

/** Reads one `git log` process's output; stops the process when it reaches commits that went to another process. */
async function readShard(sweeper: Sweeper, hooks: Promise<SweepHooks>, dedupe: Deduper, blobs: BlobReader, held?: Promise<void>): Promise<void> {
  const { git, walk } = sweeper;
  // git already runs; its output waits in a bounded pipe until the rules are loaded.
  const options = await hooks;
  sweeper.readSince = performance.now();
  if (held) await held;
  const reader = new ShardReader(walk, options, dedupe, blobs);
  // git writes a few KiB at a time: read in texts of 64 KiB, as each text costs a turn of this loop and of lineTexts.
  for await (const text of lineTexts(takeOutput(git), READ_BYTES)) {
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

/** One `git log --stdin` process of a sweep, its walk, and how many commits it was given. */
interface Sweeper {
  git: GitProcess;
  walk: Walk;
  sent: number;
  closed: boolean;
  /** When its output began to be read (performance.now()), for its rate. */
  readSince?: number;
}

function startSweeper(target: SweepTarget, walk: Walk): Sweeper {
  // Its output is held (bounded) until a reader takes it: the sweep may start before the rules are loaded.
  return { git: startGit(logArgs(), { cwd: target.cwd, env: STREAM_ENV }, true), walk, sent: 0, closed: false };
}

async function send(sweeper: Sweeper, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  sweeper.sent += ids.length;
  await writeInput(sweeper.git, `${ids.join('\n')}\n`);
}

/** Ends a process's input; one given no commit is stopped instead, as `git log --stdin` would fall back to HEAD. */
function close(sweeper: Sweeper): void {
  if (sweeper.closed) return;
  sweeper.closed = true;
  if (sweeper.sent === 0) sweeper.git.stop();
  else sweeper.git.child.stdin.end();
}

/** Gives a process its walk's commits and ends its input. */
async function launch(sweeper: Sweeper): Promise<void> {
  await send(sweeper, sweeper.walk.ids());
  close(sweeper);
}

/** Lists rev-list's commits into blocks of neighbouring commits (which share delta chains, so git's caches stay
 *  warm) and starts each block's processes as soon as it is complete (`onBlock`). */
async function feed(blocks: Block[], blockSize: number, onBlock: (block: Block) => Promise<void>, options: SweepTarget & Pick<SweepHooks, 'onCommit'>): Promise<void> {
  const git = startGit(revListArgs(options, ['--date-order']), { cwd: options.cwd, env: STREAM_ENV });
  git.child.stdin.end();
  let position = 0;
  let current = 0;
  let complete = false;
  try {
    for await (const lines of splitLineBatches(git.output ?? git.child.stdout)) {
      for (const line of lines) {
        if (line === '') continue;
        options.onCommit();
        const at = position++;
        const target = Math.min(Math.floor(at / blockSize), blocks.length - 1);
        for (; current < target; current++) await onBlock(blocks[current] as Block);
        (blocks[current] as Block).add(at, line);
      }
    }
    complete = true;
  } finally {
    if (!complete) git.stop();
  }
  for (; current < blocks.length; current++) await onBlock(blocks[current] as Block);
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
  /** How many `git log` processes shared the commits so far (the pairs, and the helpers started in stretches left). */
  processes: () => number;
  /** Settles once every git log process has its commits (and is diffing); never rejects. */
  fed: Promise<void>;
}

/** When a pair of processes has met and more than one pair runs (more than two cores), a new pair starts in the
 *  middle of the longest stretch another pair has not reached yet, if that is worth two cold starts. */
const SPLIT_WORTH_MS = 150;
const MIN_SPLIT_COMMITS = 20;

/** Starts the git processes of a sweep of `total` commits, before the rules are loaded; their output waits. */
export function startSweep(target: SweepTarget, total: number): StartedSweep {
  // git log --stdin with nothing on stdin falls back to HEAD: an empty range must scan nothing.
  if (total === 0) return { scan: async () => [], stop: () => undefined, processes: () => 0, fed: Promise.resolve() };
  const wanted = Math.max(1, Math.min(target.shards ?? 1, Math.floor(total / MIN_COMMITS_PER_SHARD)));
  // Processes walk each block from both ends (walks.ts); with an odd number of cores, one is left to keyfence.
  const pairs = Math.floor(wanted / 2);
  const processes = Math.max(1, pairs * 2);
  const blocks = Array.from({ length: Math.max(1, pairs) }, () => new Block());
  const blockSize = Math.max(1, Math.ceil(total / blocks.length));
  const claims = new Claims(total);
  const dedupe = new Deduper();
  const blobs = new BlobReader({ cwd: target.cwd });
  let attach: (hooks: SweepHooks) => void = () => undefined;
  const hooks = new Promise<SweepHooks>((resolve) => (attach = resolve));
  // Every `git log` process of the sweep, helpers included.
  const sweepers: Sweeper[] = [];
  const started = (walk: Walk): Sweeper => {
    const sweeper = startSweeper(target, walk);
    sweepers.push(sweeper);
    return sweeper;
  };
  const stop = (): void => {
    for (const sweeper of sweepers) sweeper.git.stop();
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
  let release: () => void = () => undefined;
  const held = target.holdFirstBlock && blocks.length > 1 ? new Promise<void>((resolve) => (release = resolve)) : undefined;
  const rebalance = (): void => {
    if (running.size + 2 > processes) return;
    splitLongest();
    release();
  };
  const splitLongest = (): void => {
    const now = performance.now();
    let best: { walk: Walk; low: number; high: number } | undefined;
    let saving = target.splitWorthMs ?? SPLIT_WORTH_MS;
    for (const sweeper of running) {
      const gap = sweeper.walk.gap();
      if (!gap || gap.high - gap.low + 1 < MIN_SPLIT_COMMITS || sweeper.readSince === undefined) continue;
      // The stretch at the rate this process has gone so far: two processes on it now, four after the split.
      const time = ((now - sweeper.readSince) / Math.max(sweeper.walk.printed, 1)) * ((gap.high - gap.low + 1) / 4);
      if (time >= saving) [best, saving] = [{ walk: sweeper.walk, ...gap }, time];
    }
    if (!best) return;
    const { walk, low, high } = best;
    const middle = Math.floor((low + high) / 2);
    for (const half of [Walk.down(walk.block, claims, middle, low - 1), Walk.up(walk.block, claims, middle + 1, high + 1)]) {
      const helper = started(half);
      read(helper);
      launch(helper).catch(fail);
    }
  };
  const read = (sweeper: Sweeper, hold?: Promise<void>): void => {
    active++;
    running.add(sweeper);
    sweeper.git.finished.catch(fail);
    readShard(sweeper, hooks, dedupe, blobs, hold).then(() => {
      running.delete(sweeper);
      active--;
      // Cores are free: start a pair in the longest stretch nobody has reached, if it is worth it.
      if (fed) rebalance();
      if (fed && active === 0) finish();
    }, fail);
  };
  // The processes start now (git opens its packs meanwhile); each gets its commits when its block is complete.
  const byBlock = new Map(blocks.map((block) => [block, pairs === 0 ? [started(Walk.up(block, claims))] : [started(Walk.up(block, claims)), started(Walk.down(block, claims))]]));
  for (const sweeper of sweepers) read(sweeper, byBlock.get(blocks[0] as Block)?.includes(sweeper) ? held : undefined);
  const onBlock = async (block: Block): Promise<void> => {
    for (const sweeper of byBlock.get(block) ?? []) await launch(sweeper);
  };
  // Commits listed before the hooks are attached are counted when they are.
  let listed = 0;
  let onCommit = (): void => void listed++;
  const feeding = feed(blocks, blockSize, onBlock, { ...target, onCommit: () => onCommit() });
  feeding.then(() => {
    fed = true;
    // A pair that met while the commits were still being listed left its cores idle until now.
    rebalance();
    if (active === 0) finish();
  }, fail);
  return {
    scan: async (given) => {
      for (; listed > 0; listed--) given.onCommit();
      onCommit = given.onCommit;
      attach(given);
      try {
        await Promise.race([finished, failed]);
        await Promise.all(sweepers.map((sweeper) => sweeper.git.finished));
        await blobs.close();
      } catch (error) {
        stop();
        throw error;
      }
      return dedupe.findings();
    },
    stop,
    processes: () => sweepers.length,
    fed: feeding.then(
      () => undefined,
      () => undefined,
    ),
  };
}
