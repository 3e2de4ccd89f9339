// How the history sweep shares commits between its `git log` processes. Two processes walk a block of neighbouring
// commits from both ends towards each other, and each commit is read by whichever reaches it first: they meet where
// their costs balance, whatever the history (halves fixed in advance never did: newer commits often cost git more).
// The walk from the oldest end lists its commits newest-first a chunk at a time, the order git reads cheaply.
import { GitError } from '../errors.js';

/** Commits of the sweep already taken by a reader, by position in rev-list's order (higher is older). */
export class Claims {
  private readonly taken: Uint8Array;
  /** Positions past the count (refs that moved after counting). */
  private readonly beyond = new Set<number>();

  constructor(size: number) {
    this.taken = new Uint8Array(size);
  }

  /** Takes `position` for the caller; false when a reader has it already. */
  take(position: number): boolean {
    if (this.has(position)) return false;
    if (position < this.taken.length) this.taken[position] = 1;
    else this.beyond.add(position);
    return true;
  }

  has(position: number): boolean {
    return position < this.taken.length ? this.taken[position] === 1 : this.beyond.has(position);
  }
}

/** Neighbouring commits in rev-list's order (their positions and ids), as the feed lists them. */
export class Block {
  readonly positions: number[] = [];
  readonly ids: string[] = [];

  add(position: number, id: string): void {
    this.positions.push(position);
    this.ids.push(id);
  }

  get size(): number {
    return this.positions.length;
  }
}

/** How many neighbouring commits a walk down lists newest-first at a time: git resolves pack deltas from the newest
 *  base, so listing every commit oldest-first cost git 15-25 % more CPU (bench, older half: 0.46 s against 0.40 s);
 *  in chunks of 16 to 64 it costs what newest-first does. */
export const DOWN_CHUNK = 32;

/** One process's way through a block. A walk up goes from `start`, one commit at a time, to (not including) `stop`;
 *  a walk down goes from `start` to `stop` too, but in chunks of neighbouring commits from its start, each listed
 *  newest-first. Either takes each commit its reader reaches unless another walk took it first, and ends there.
 *  Every run of commits a walk lists goes newest-first, so two walks meet at the top of a run: a walk up stops at the
 *  top of the chunk the walk down is in; the walk down stops when the top of its next chunk is taken. */
export class Walk {
  /** The first commit (block index) of the range; undefined for a walk down from the end of a block still being listed. */
  private first: number | undefined;
  /** How many of the walk's commits, in its order, its reader has passed. */
  private cursor = 0;
  /** Commits its reader has reached and taken (those git printed nothing for included). */
  printed = 0;
  /** It reached a commit another walk had taken. */
  private met = false;

  private constructor(
    readonly block: Block,
    readonly claims: Claims,
    start: number | undefined,
    private readonly step: 1 | -1,
    private readonly stop: number,
    private chunkSize: number | undefined,
  ) {
    this.first = start;
  }

  /** From `from` up to `stop` (exclusive), by default the end of the block (which may still grow). */
  static up(block: Block, claims: Claims, from = 0, stop = Infinity): Walk {
    return new Walk(block, claims, from, 1, stop, 1);
  }

  /** From `from` (by default the block's last commit, once it is complete) down to `stop` (exclusive), in chunks of
   *  `chunk` commits each listed newest-first; by default DOWN_CHUNK, at most an eighth of the range, so a short
   *  range's walk down does not begin at the commit the walk up begins with. */
  static down(block: Block, claims: Claims, from?: number, stop = -1, chunk?: number): Walk {
    return new Walk(block, claims, from, -1, stop, chunk === undefined ? undefined : Math.max(1, Math.floor(chunk)));
  }

  private get start(): number {
    this.first ??= this.block.size - 1;
    return this.first;
  }

  /** Commits listed newest-first at a time (known once the range is: a walk down's block may still grow). */
  private get chunk(): number {
    this.chunkSize ??= Math.max(1, Math.min(DOWN_CHUNK, Math.floor(this.length / 8)));
    return this.chunkSize;
  }

  /** How many commits the walk lists (a walk up's may grow with its block). */
  private get length(): number {
    return this.step === 1 ? Math.max(0, Math.min(this.stop, this.block.size) - this.start) : Math.max(0, this.start - this.stop);
  }

  /** The block index of the walk's `k`-th commit, in its order. */
  private at(k: number): number {
    if (this.step === 1) return this.start + k;
    const chunk = Math.floor(k / this.chunk);
    return Math.max(this.stop + 1, this.start - (chunk + 1) * this.chunk + 1) + (k % this.chunk);
  }

  /** The ids this walk's process is given (those it has not passed yet), in its order (a walk down needs its block
   *  complete). */
  ids(): string[] {
    const { ids } = this.block;
    const out: string[] = [];
    for (let k = this.cursor, length = this.length; k < length; k++) out.push(ids[this.at(k)] as string);
    return out;
  }

  /** The position of commit `id`, the next one its reader reached, now taken; -1 when the walk ends there (another
   *  walk has it, or this one was given no more). git prints nothing for a commit with no change but deletions (an
   *  empty commit, one that only deletes: --diff-filter=d), so `id` may lie further on: the commits passed over are
   *  taken too, and a walk that passes one another walk took has met it. Counting `id` as the next commit instead
   *  let two walks read the commits between their meeting points twice, or not at all. */
  take(id: string): number {
    if (this.met) return -1;
    const { ids, positions } = this.block;
    const length = this.length;
    let k = this.cursor;
    while (k < length && ids[this.at(k)] !== id) k++;
    if (k === length) throw new GitError(`git log printed commit ${id}, which it was not given at this point`, 'report this as a bug in keyfence, with `git --version`');
    for (; this.cursor <= k; this.cursor++) {
      if (!this.claims.take(positions[this.at(this.cursor)] as number)) return this.end();
      this.printed++;
    }
    return positions[this.at(k)] as number;
  }

  /** Ends the walk where it met another: it takes nothing more. */
  private end(): -1 {
    this.met = true;
    return -1;
  }

  /** The commits ahead that no walk has taken yet, as block indices [low, high]; undefined when none. For a walk down,
   *  the stretch below the chunk it is in (the rest of that chunk is its own), or below its start before it began. */
  gap(): { low: number; high: number } | undefined {
    if (this.met || this.cursor >= this.length) return undefined;
    const { positions } = this.block;
    const inside = (index: number): boolean => (this.step === 1 ? index < Math.min(this.stop, this.block.size) : index > this.stop);
    // A walk up's next commit; a walk down's chunk top when it has not begun the chunk, else the commit below the top.
    const chunk = Math.floor(this.cursor / this.chunk);
    const next = this.step === 1 ? this.at(this.cursor) : this.cursor % this.chunk === 0 ? this.start - chunk * this.chunk : this.at(chunk * this.chunk) - 1;
    let end = next;
    while (inside(end) && !this.claims.has(positions[end] as number)) end += this.step;
    if (end === next) return undefined;
    const last = end - this.step;
    return this.step === 1 ? { low: next, high: last } : { low: last, high: next };
  }
}
