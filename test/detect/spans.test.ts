import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { keepOnePerSpan, type Spanned } from '../../src/detect/spans.js';

interface Item extends Spanned {
  name: string;
  generic?: boolean;
}

const item = (name: string, textLine: number, start: number, end: number, generic = false): Item => ({ name, textLine, start, end, generic });
const keep = (items: Item[]): string[] => keepOnePerSpan(items, (i) => i, (kept, next) => kept.generic === true && !next.generic).map((i) => i.name);

describe('detect/spans', () => {
  const cases: { name: string; items: Item[]; want: string[] }[] = [
    { name: 'keeps spans that do not overlap, in the order given', items: [item('b', 0, 10, 20), item('a', 0, 0, 5), item('c', 1, 0, 5)], want: ['b', 'a', 'c'] },
    { name: 'drops a later span that overlaps a kept one', items: [item('a', 0, 0, 10), item('b', 0, 5, 15)], want: ['a'] },
    { name: 'treats touching spans as separate', items: [item('a', 0, 0, 10), item('b', 0, 10, 20)], want: ['a', 'b'] },
    { name: 'lets a specific span take a generic one\'s place', items: [item('g', 0, 0, 10, true), item('s', 0, 2, 8)], want: ['s'] },
    { name: 'never lets a generic span take a specific one\'s place', items: [item('s', 0, 0, 10), item('g', 0, 0, 10, true)], want: ['s'] },
    { name: 'finds a clash with a long span that starts far back', items: [item('long', 0, 0, 1000), item('x', 0, 10, 20), item('y', 0, 990, 995)], want: ['long'] },
    { name: 'takes the earliest kept span when several overlap', items: [item('g1', 0, 0, 10, true), item('g2', 0, 10, 20, true), item('s', 0, 5, 15)], want: ['s', 'g2'] },
    { name: 'compares spans only on the same line', items: [item('a', 0, 0, 10), item('b', 1, 0, 10)], want: ['a', 'b'] },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(keep(c.items), c.want));

  // 200,000 spans on one line: a scan of every kept span per new one (2·10^10 steps) would not end within the timeout.
  it('keeps 200,000 spans of one minified line without comparing each with every other', { timeout: 60_000 }, () => {
    const items = Array.from({ length: 200_000 }, (_, i) => item(`t${i}`, 0, i * 20, i * 20 + 12));
    assert.equal(keep(items).length, 200_000);
  });
});
