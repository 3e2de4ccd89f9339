import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { unifiedDiff } from '../../src/fix/diff.js';

describe('fix/diff', () => {
  const cases = [
    { name: 'is empty for equal texts', before: 'a\n', after: 'a\n', want: '' },
    { name: 'shows a new file against /dev/null', before: undefined, after: 'x\n', want: '--- /dev/null\n+++ b/f\n@@ -0,0 +1,1 @@\n+x\n' },
    { name: 'shows a changed line with context', before: '1\n2\n3\n4\n5\n', after: '1\n2\nX\n4\n5\n', want: '--- a/f\n+++ b/f\n@@ -1,5 +1,5 @@\n 1\n 2\n-3\n+X\n 4\n 5\n' },
    {
      name: 'splits far-apart changes into hunks',
      before: 'a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\n',
      after: 'A\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nL\n',
      want: '--- a/f\n+++ b/f\n@@ -1,4 +1,4 @@\n-a\n+A\n b\n c\n d\n@@ -9,4 +9,4 @@\n i\n j\n k\n-l\n+L\n',
    },
    { name: 'shows an appended line', before: 'a\n', after: 'a\nb\n', want: '--- a/f\n+++ b/f\n@@ -1,1 +1,2 @@\n a\n+b\n' },
  ];
  for (const c of cases) it(c.name, () => assert.equal(unifiedDiff('f', c.before, c.after), c.want));
  it('prints each line through `show` but compares the texts as they are', () => {
    // Two different values that would mask alike still count as a change.
    const shown = unifiedDiff('.env', 'A=one\nB=two\n', 'A=one\nB=TWO\n', (line, kind) => (kind === '+' ? line : line.replace(/=.*/, '=…')));
    assert.equal(shown, '--- a/.env\n+++ b/.env\n@@ -1,2 +1,2 @@\n A=…\n-B=…\n+B=TWO\n');
  });
});
