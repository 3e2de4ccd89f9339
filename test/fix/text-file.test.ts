import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, decodeFile, EditMismatch, encodeFile } from '../../src/fix/text-file.js';

const edit = (line: number, column: number, endLine: number, endColumn: number, text: string, expect: string) => ({ line, column, endLine, endColumn, text, expect });

describe('fix/text-file', () => {
  const cases = [
    { name: 'replaces a span inside a line', text: 'a = "x"\n', edits: [edit(1, 5, 1, 8, 'env', '"x"')], want: 'a = env\n' },
    { name: 'keeps CRLF line endings', text: 'a\r\nb = "x"\r\nc\r\n', edits: [edit(2, 5, 2, 8, 'env', '"x"')], want: 'a\r\nb = env\r\nc\r\n' },
    { name: 'deletes a whole CRLF line', text: 'a\r\nb\r\nc\r\n', edits: [edit(2, 1, 3, 1, '', 'b\n')], want: 'a\r\nc\r\n' },
    { name: 'applies an insertion and a replacement together', text: 'x = "s"\n', edits: [edit(1, 5, 1, 8, 'os.environ["X"]', '"s"'), edit(1, 1, 1, 1, 'import os\n', '')], want: 'import os\nx = os.environ["X"]\n' },
    { name: 'applies two insertions at the same place', text: 'a\n', edits: [edit(2, 1, 2, 1, 'B\n', ''), edit(2, 1, 2, 1, 'C\n', '')], want: 'a\nB\nC\n' },
  ];
  for (const c of cases) it(c.name, () => assert.equal(applyEdits(c.text, c.edits), c.want));

  it('refuses a span that no longer holds the expected text', () => {
    assert.throws(() => applyEdits('a = "y"\n', [edit(1, 5, 1, 8, 'env', '"x"')]), EditMismatch);
  });
  it('refuses overlapping edits', () => {
    assert.throws(() => applyEdits('abcdef\n', [edit(1, 1, 1, 4, 'X', 'abc'), edit(1, 3, 1, 5, 'Y', 'cd')]), EditMismatch);
  });
  it('refuses a line past the end', () => {
    assert.throws(() => applyEdits('a\n', [edit(5, 1, 5, 2, 'X', 'a')]), EditMismatch);
  });

  const encodings = [
    { name: 'round-trips UTF-8 with a BOM', bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('k = "é"\r\n')]) },
    { name: 'round-trips UTF-8 without a BOM', bytes: Buffer.from('k = "é"\n') },
    { name: 'round-trips UTF-16LE with its BOM', bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('k = "x"\n', 'utf16le')]) },
    { name: 'round-trips UTF-16BE with its BOM', bytes: Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('k = "x"\n', 'utf16le').swap16()]) },
  ];
  for (const c of encodings) {
    it(c.name, () => {
      const decoded = decodeFile(c.bytes);
      assert.ok(decoded);
      assert.deepEqual(encodeFile(decoded), c.bytes);
    });
  }
  it('declines bytes that are not valid UTF-8', () => assert.equal(decodeFile(Buffer.from([0x61, 0xff, 0x62])), undefined));
});
