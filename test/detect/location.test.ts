// Offsets → line/column, for whole files and for diff fragments with their own line numbers.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { indexLines, locate } from '../../src/detect/location.js';

describe('detect/location', () => {
  const text = 'first\r\nsecond line\nthird';
  const index = indexLines(text);
  const cases = [
    { name: 'places offset 0 at line 1 column 1', offset: 0, line: 1, column: 1, lineText: 'first' },
    { name: 'strips the CR of a CRLF line from the line text', offset: 7, line: 2, column: 1, lineText: 'second line' },
    { name: 'counts columns within the line', offset: 14, line: 2, column: 8, lineText: 'second line' },
    { name: 'handles the last line without a newline', offset: 21, line: 3, column: 3, lineText: 'third' },
  ];
  for (const c of cases)
    it(c.name, () => {
      const at = locate({ file: 'f', text }, index, c.offset);
      assert.deepEqual([at.line, at.column, at.lineText], [c.line, c.column, c.lineText]);
    });

  it('uses the fragment’s own line numbers for diff fragments', () => {
    const at = locate({ file: 'f', text, lineNumbers: [10, 20, 30] }, index, 14);
    assert.equal(at.line, 20);
  });
});
