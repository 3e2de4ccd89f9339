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

/** Advances walks in the given pattern (index of the walk whose reader reaches its next commit) until all ended. */
function run(walks: Walk[], pattern: number[]): number[][] {
  const taken: number[][] = walks.map(() => []);
  const ended = walks.map(() => false);
  for (let step = 0; ended.includes(false); step++) {
    const w = pattern[step % pattern.length] as number;
    if (ended[w]) {
      // A walk that has ended lets the next one move.
      const other = ended.indexOf(false);
      const position = (walks[other] as Walk).take();
      if (position === -1) ended[other] = true;
      else (taken[other] as number[]).push(position);
      continue;
    }
    const position = (walks[w] as Walk).take();
    if (position === -1) ended[w] = true;
    else (taken[w] as number[]).push(position);
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
    for (let i = 0; i < 3; i++) up.take();
    down.take();
    assert.deepEqual(up.gap(), { low: 3, high: 8 });
    assert.deepEqual(down.gap(), { low: 3, high: 8 });
  });

  it('splits a stretch into two walks that meet the ones already on it', () => {
    const b = block(12);
    const claims = new Claims(12);
    const up = Walk.up(b, claims);
    const down = Walk.down(b, claims);
    const first = [up.take(), down.take()];
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
