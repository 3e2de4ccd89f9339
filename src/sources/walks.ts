// How the history sweep shares commits between its `git log` processes. Two processes walk a block of neighbouring
// commits from both ends towards each other, and each commit is read by whichever reaches it first: they meet where
// their costs balance, whatever the history (halves fixed in advance never did: newer commits often cost git more).
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

/** One process's way through a block: from `start`, one commit at a time in `step`'s direction, up to (not
 *  including) `stop`, taking each commit its reader reaches unless another walk took it first. */
export class Walk {
  /** Index of the next commit; undefined for a walk down from the end of a block still being listed. */
  private next: number | undefined;
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
  ) {
    this.next = start;
  }

  /** From `from` up to `stop` (exclusive), by default the end of the block (which may still grow). */
  static up(block: Block, claims: Claims, from = 0, stop = Infinity): Walk {
    return new Walk(block, claims, from, 1, stop);
  }

  /** From `from` (by default the block's last commit, once it is complete) down to `stop` (exclusive). */
  static down(block: Block, claims: Claims, from?: number, stop = -1): Walk {
    return new Walk(block, claims, from, -1, stop);
  }

  private get start(): number {
    this.next ??= this.block.size - 1;
    return this.next;
  }

  /** The ids this walk's process is given, in its order (a walk down needs its block complete). */
  ids(): string[] {
    const { ids } = this.block;
    const start = this.start;
    if (this.step === 1) return ids.slice(start, Math.min(this.stop, ids.length));
    const out: string[] = [];
    for (let i = start; i > this.stop; i--) out.push(ids[i] as string);
    return out;
  }

  private inside(index: number): boolean {
    return this.step === 1 ? index < Math.min(this.stop, this.block.size) : index > this.stop && index >= 0;
  }

  /** The position of commit `id`, the next one its reader reached, now taken; -1 when the walk ends there (another
   *  walk has it, or this one was given no more). git prints nothing for a commit with no change but deletions (an
   *  empty commit, one that only deletes: --diff-filter=d), so `id` may lie further on: the commits passed over are
   *  taken too, and a walk that passes one another walk took has met it. Counting `id` as the next commit instead
   *  let two walks read the commits between their meeting points twice, or not at all. */
  take(id: string): number {
    if (this.met) return -1;
    const { ids, positions } = this.block;
    let at = this.start;
    while (this.inside(at) && ids[at] !== id) at += this.step;
    if (!this.inside(at)) throw new GitError(`git log printed commit ${id}, which it was not given at this point`, 'report this as a bug in keyfence, with `git --version`');
    for (let passed = this.start; passed !== at; passed += this.step) {
      if (!this.claims.take(positions[passed] as number)) return this.end();
      this.printed++;
    }
    const position = positions[at] as number;
    if (!this.claims.take(position)) return this.end();
    this.next = at + this.step;
    this.printed++;
    return position;
  }

  /** Ends the walk where it met another: it takes nothing more. */
  private end(): -1 {
    this.met = true;
    return -1;
  }

  /** The commits straight ahead that no walk has taken yet, as block indices [low, high]; undefined when none. */
  gap(): { low: number; high: number } | undefined {
    if (this.met) return undefined;
    const next = this.start;
    let end = next;
    while (this.inside(end) && !this.claims.has(this.block.positions[end] as number)) end += this.step;
    if (end === next) return undefined;
    const last = end - this.step;
    return this.step === 1 ? { low: next, high: last } : { low: last, high: next };
  }
}
