// walks.ts: processes walking a block of commits from both ends take each commit once, whatever their speeds.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Block, Claims, Walk } from '../../src/sources/walks.js';

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

/** Advances readers in the given pattern (index of the reader that reaches its next commit) until all ended. */
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
  for (const [name, pattern] of speeds) {
    it(`takes each commit exactly once when ${name}`, () => {
      const b = block(10, 5);
      const claims = new Claims(20);
      const [up, down] = run([Walk.up(b, claims), Walk.down(b, claims)], pattern);
      assert.deepEqual([...(up ?? []), ...[...(down ?? [])].reverse()], [5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    });
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
    it(`takes each printed commit exactly once when ${name}`, () => {
      const b = block(10, 5);
      const claims = new Claims(20);
      const [up, down] = run([Walk.up(b, claims), Walk.down(b, claims)], pattern, new Set(silent));
      const printed = Array.from({ length: 10 }, (_, i) => i + 5).filter((p) => !silent.includes(`c${p}`));
      assert.deepEqual([...(up ?? []), ...(down ?? [])].sort((x, y) => x - y), printed);
    });
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

  it('gives a walk down its commits newest-last, from the end of a block completed after it was made', () => {
    const b = new Block();
    const claims = new Claims(4);
    const down = Walk.down(b, claims);
    for (let i = 0; i < 4; i++) b.add(i, `c${i}`);
    assert.deepEqual(down.ids(), ['c3', 'c2', 'c1', 'c0']);
    assert.deepEqual(Walk.up(b, claims, 1, 3).ids(), ['c1', 'c2']);
  });

  it('finds the stretch no walk has reached, from either end', () => {
    const b = block(10);
    const claims = new Claims(10);
    const up = Walk.up(b, claims);
    const down = Walk.down(b, claims);
    for (let i = 0; i < 3; i++) up.take(`c${i}`);
    down.take('c9');
    assert.deepEqual(up.gap(), { low: 3, high: 8 });
    assert.deepEqual(down.gap(), { low: 3, high: 8 });
  });

  it('splits a stretch into two walks that meet the ones already on it', () => {
    const b = block(12);
    const claims = new Claims(12);
    const up = Walk.up(b, claims);
    const down = Walk.down(b, claims);
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

  it('counts positions past the count (refs that moved after counting) once', () => {
    const claims = new Claims(2);
    assert.deepEqual([claims.take(5), claims.take(5), claims.take(1), claims.take(1)], [true, false, true, false]);
  });
});
