// walks.ts: processes walking a block of commits from both ends take each commit once, whatever their speeds.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Block, Claims, DOWN_CHUNK, Walk } from '../../src/sources/walks.js';

/** A block of `size` commits at rev-list positions `offset`… with ids c<position>. */
function block(size: number, offset = 0): Block {
  const b = new Block();
  for (let i = 0; i < size; i++) b.add(offset + i, `c${offset + i}`);
  return b;
}

/** A reader of `walk`: the ids its git process prints, in order (git prints nothing for the commits in `silent`). */
function reader(walk: Walk, silent: ReadonlySet<string> = new Set()): { walk: Walk; printed: string[] } {
  return { walk, printed: walk.ids().filter((id) => !silent.has(id)) };
}

/** Advances readers in the given pattern (index of the reader that reaches its next commit) until all ended; the
 *  positions each took, in its order. */
function run(walks: Walk[], pattern: number[], silent?: ReadonlySet<string>): number[][] {
  const readers = walks.map((walk) => reader(walk, silent));
  const taken: number[][] = walks.map(() => []);
  const ended = walks.map(() => false);
  const advance = (w: number): void => {
    const { walk, printed } = readers[w] as { walk: Walk; printed: string[] };
    const id = printed.shift();
    const position = id === undefined ? -1 : walk.take(id);
    if (position === -1) ended[w] = true;
    else (taken[w] as number[]).push(position);
  };
  for (let step = 0; ended.includes(false); step++) {
    const w = pattern[step % pattern.length] as number;
    // A walk that has ended lets the next one move.
    advance(ended[w] ? ended.indexOf(false) : w);
  }
  return taken;
}

describe('sources/walks', () => {
  const speeds: [string, number[]][] = [
    ['they go at the same pace', [0, 1]],
    ['the walk up is three times faster', [0, 0, 0, 1]],
    ['the walk down reaches every commit before the walk up begins', [1]],
  ];
  // A chunk of 1 is a walk down one commit at a time; 3 leaves a short chunk at the newest end; 32 holds the block.
  const chunks = [1, 3, DOWN_CHUNK];
  for (const [name, pattern] of speeds) {
    for (const chunk of chunks) {
      it(`takes each commit exactly once when ${name}, in chunks of ${chunk}`, () => {
        const b = block(10, 5);
        const claims = new Claims(20);
        const [up, down] = run([Walk.up(b, claims), Walk.down(b, claims, undefined, -1, chunk)], pattern);
        assert.deepEqual([...(up ?? []), ...(down ?? [])].sort((x, y) => x - y), [5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
      });
    }
  }

  // git log prints nothing for a commit with no change but deletions; its reader reaches the next commit it printed.
  const silences: [string, string[], number[]][] = [
    ['the walk down starts at a commit git printed nothing for', ['c14'], [0, 1]],
    ['the walk up starts at a commit git printed nothing for', ['c5'], [0, 1]],
    ['every other commit printed nothing', ['c6', 'c8', 'c10', 'c12', 'c14'], [0, 1]],
    ['the walks meet on commits git printed nothing for', ['c9', 'c10', 'c11'], [0, 0, 0, 1]],
    ['the walk up is three times faster past silent commits', ['c7', 'c8', 'c12'], [0, 0, 0, 1]],
    ['the walk down reads everything but silent commits first', ['c5', 'c6', 'c13'], [1]],
  ];
  for (const [name, silent, pattern] of silences) {
    for (const chunk of chunks) {
      it(`takes each printed commit exactly once when ${name}, in chunks of ${chunk}`, () => {
        const b = block(10, 5);
        const claims = new Claims(20);
        const [up, down] = run([Walk.up(b, claims), Walk.down(b, claims, undefined, -1, chunk)], pattern, new Set(silent));
        const printed = Array.from({ length: 10 }, (_, i) => i + 5).filter((p) => !silent.includes(`c${p}`));
        assert.deepEqual([...(up ?? []), ...(down ?? [])].sort((x, y) => x - y), printed);
      });
    }
  }

  it('gives a commit its own position after commits git printed nothing for', () => {
    const b = block(6);
    const claims = new Claims(6);
    const up = Walk.up(b, claims);
    assert.deepEqual([up.take('c0'), up.take('c3'), up.take('c4'), up.printed], [0, 3, 4, 5]);
  });

  it('fails with git named when git prints a commit it was not given', () => {
    const b = block(3);
    const up = Walk.up(b, new Claims(3));
    assert.throws(() => up.take('c9'), { name: 'GitError', message: /git log printed commit c9/ });
  });

  // git reads a commit's deltas cheaply after the newer commits that share them: each chunk goes newest-first.
  const orders: [string, number, number, number | undefined, string[]][] = [
    ['lists a walk down one commit at a time, oldest first, in chunks of one', 4, 1, undefined, ['c3', 'c2', 'c1', 'c0']],
    ['lists a walk down in chunks from the oldest, each newest-first, with the short chunk at the newest end', 7, 3, undefined, ['c4', 'c5', 'c6', 'c1', 'c2', 'c3', 'c0']],
    ['lists a walk down of one whole chunk newest-first', 3, 3, undefined, ['c0', 'c1', 'c2']],
    ['lists a walk down from the middle of a block in chunks from its start, down to its stop', 9, 2, 6, ['c5', 'c6', 'c3', 'c4', 'c2']],
  ];
  for (const [name, size, chunk, from, want] of orders) {
    it(name, () => {
      const b = new Block();
      const claims = new Claims(size);
      // Made before the block is complete, as the sweep does; its start is the block's end once it is.
      const down = Walk.down(b, claims, from, from === undefined ? -1 : 1, chunk);
      for (let i = 0; i < size; i++) b.add(i, `c${i}`);
      assert.deepEqual(down.ids(), want);
    });
  }

  it('lists a walk up newest-first, up to its stop', () => {
    const b = block(4);
    assert.deepEqual(Walk.up(b, new Claims(4), 1, 3).ids(), ['c1', 'c2']);
  });

  /** The chunked walk against blocks of every kind of size, meeting at every kind of place: `pattern` says which walk
   *  reads its next commit, step by step (0 up, 1 down; a walk that has ended lets the other read on). */
  const chunk = 4;
  const many = 5 * chunk + 2;
  const ups = (n: number): number[] => Array<number>(n).fill(0);
  const downs = (n: number): number[] => Array<number>(n).fill(1);
  const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const meetings: [string, number, number[], number[], number[]][] = [
    ['a block of one commit, the walk down first', 1, downs(3), [], [0]],
    ['a block of one commit, the walk up first', 1, [0, 1, 1], [0], []],
    ['a block a commit short of a chunk, the walk down first', chunk - 1, downs(chunk + 1), [], [0, 1, 2]],
    ['a block a commit short of a chunk, where the walk down begins at the walk up\'s first commit', chunk - 1, [0, ...downs(chunk)], [0, 1, 2], []],
    ['a block of one chunk, the walk up reaching its oldest commit', chunk, ups(chunk + 2), [0, 1, 2, 3], []],
    ['a block of a chunk and a commit, meeting at the top of the second chunk', chunk + 1, [0, ...downs(chunk + 2)], [0], [1, 2, 3, 4]],
    ['a block of a chunk and a commit, the walk down reaching the newest commit', chunk + 1, downs(chunk + 3), [], [1, 2, 3, 4, 0]],
    ['many chunks, the walk down meeting the walk up inside its next chunk', many, [...ups(12), ...downs(many)], range(0, 13), [...range(18, 21), ...range(14, 17)]],
    ['many chunks, the walk up stopping at the top of the chunk the walk down is in', many, [...ups(3), ...downs(5), ...ups(many)], range(0, 13), [...range(18, 21), ...range(14, 17)]],
    ['many chunks, meeting at a chunk top', many, [...ups(10), ...downs(many)], range(0, 9), [...range(18, 21), ...range(14, 17), ...range(10, 13)]],
    ['many chunks, the walk up reaching the oldest commit', many, ups(many + 2), range(0, many - 1), []],
    ['many chunks, the walk down reaching the newest commit', many, downs(many + 2), [], [...range(18, 21), ...range(14, 17), ...range(10, 13), ...range(6, 9), ...range(2, 5), 0, 1]],
  ];
  for (const [name, size, pattern, wantUp, wantDown] of meetings) {
    it(`takes each commit once, in chunks of ${chunk}, with ${name}`, () => {
      const b = block(size);
      const claims = new Claims(size);
      const [up, down] = run([Walk.up(b, claims), Walk.down(b, claims, undefined, -1, chunk)], pattern);
      assert.deepEqual([up, down], [wantUp, wantDown]);
    });
  }

  it('finds the stretch no walk has reached, from either end', () => {
    const b = block(10);
    const claims = new Claims(10);
    const up = Walk.up(b, claims);
    const down = Walk.down(b, claims, undefined, -1, 1);
    for (let i = 0; i < 3; i++) up.take(`c${i}`);
    down.take('c9');
    assert.deepEqual(up.gap(), { low: 3, high: 8 });
    assert.deepEqual(down.gap(), { low: 3, high: 8 });
  });

  // The rest of the chunk a walk down is in is its own: the stretch another pair could share lies below the chunk.
  const chunkGaps: [string, string[], { low: number; high: number } | undefined][] = [
    ['before the walk down began, its whole range down to the walk up', [], { low: 3, high: 11 }],
    ['inside the walk down\'s first chunk, the stretch below it', ['c8'], { low: 3, high: 7 }],
    ['at the end of a chunk, the stretch below it, its next chunk included', ['c8', 'c9', 'c10', 'c11'], { low: 3, high: 7 }],
    ['inside its second chunk, the stretch below that chunk', ['c8', 'c9', 'c10', 'c11', 'c4'], { low: 3, high: 3 }],
    ['when its chunk top meets the walk up, nothing', ['c8', 'c9', 'c10', 'c11', 'c4', 'c5', 'c6', 'c7', 'c0'], undefined],
  ];
  for (const [name, taken, want] of chunkGaps) {
    it(`finds the stretch ahead of a chunked walk down ${name}`, () => {
      const b = block(12);
      const claims = new Claims(12);
      const up = Walk.up(b, claims);
      const down = Walk.down(b, claims, undefined, -1, 4);
      for (let i = 0; i < 3; i++) up.take(`c${i}`);
      for (const id of taken) down.take(id);
      assert.deepEqual(down.gap(), want);
    });
  }

  it('splits a stretch into two walks that meet the ones already on it', () => {
    const b = block(12);
    const claims = new Claims(12);
    const up = Walk.up(b, claims);
    const down = Walk.down(b, claims, undefined, -1, 1);
    const first = [up.take('c0'), down.take('c11')];
    const gap = up.gap();
    assert.deepEqual(gap, { low: 1, high: 10 });
    if (!gap) return;
    const middle = Math.floor((gap.low + gap.high) / 2);
    const left = Walk.down(b, claims, middle, gap.low - 1);
    const right = Walk.up(b, claims, middle + 1, gap.high + 1);
    const taken = run([up, down, left, right], [0, 1, 2, 3, 2, 3]);
    assert.deepEqual([...first, ...taken.flat()].sort((x, y) => x - y), Array.from({ length: 12 }, (_, i) => i));
  });

  it('takes each printed commit exactly once in 3000 seeded sweeps of random sizes, chunks, silences, speeds and splits', () => {
    let seed = 42;
    const random = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    for (let sweep = 0; sweep < 3000; sweep++) {
      const size = 1 + random(60);
      const b = block(size);
      const claims = new Claims(size);
      const silent = new Set(b.ids.filter(() => random(4) === 0));
      const chunkOf = (): number | undefined => (random(3) === 0 ? undefined : 1 + random(9));
      const readers = [reader(Walk.up(b, claims), silent), reader(Walk.down(b, claims, undefined, -1, chunkOf()), silent)];
      const ended = new Set<number>();
      const taken: number[] = [];
      while (ended.size < readers.length) {
        // Like the sweep's rebalance: two walks more in the middle of a stretch a walk has ahead of it.
        if (readers.length < 6 && random(8) === 0) {
          const gap = readers[random(readers.length)]?.walk.gap();
          if (gap && gap.high > gap.low) {
            const middle = Math.floor((gap.low + gap.high) / 2);
            readers.push(reader(Walk.down(b, claims, middle, gap.low - 1, chunkOf()), silent), reader(Walk.up(b, claims, middle + 1, gap.high + 1), silent));
          }
        }
        const running = readers.map((_, i) => i).filter((i) => !ended.has(i));
        const w = running[random(running.length)] as number;
        const { walk, printed } = readers[w] as { walk: Walk; printed: string[] };
        const id = printed.shift();
        const position = id === undefined ? -1 : walk.take(id);
        if (position === -1) ended.add(w);
        else taken.push(position);
      }
      const want = b.positions.filter((p) => !silent.has(`c${p}`));
      assert.deepEqual(taken.sort((x, y) => x - y), want, `sweep ${sweep}: ${size} commits`);
    }
  });

  it('counts positions past the count (refs that moved after counting) once', () => {
    const claims = new Claims(2);
    assert.deepEqual([claims.take(5), claims.take(5), claims.take(1), claims.take(1)], [true, false, true, false]);
  });
});
