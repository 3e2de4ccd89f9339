// Context lines: every secret masked (multi-line ones line by line), line numbers kept, terminal escapes defused.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { contextLines, decodeText, maskText, printable } from '../../src/audit/context.js';

// Built from parts: no whole realistic token in the repository.
const KEY = ['AKIA', 'ZQ3E', 'GRIU', 'BZFZ', '6PJ5'].join('');
const BODY = ['MIIEow', 'IBAAKCAQEA', 'x'.repeat(40)].join('');

describe('maskText', () => {
  const cases: { name: string; text: string; secrets: string[]; want: string }[] = [
    { name: 'masks a secret wherever it occurs', text: `a=${KEY}\nb=${KEY}\n`, secrets: [KEY], want: 'a=AKIA…(20)\nb=AKIA…(20)\n' },
    { name: 'keeps line numbers when a secret spans lines', text: `-----BEGIN-----\n${BODY}\n${BODY}\n-----END-----\n`, secrets: [`${BODY}\n${BODY}`], want: '-----BEGIN-----\nMIIE…(113)\n…\n-----END-----\n' },
    { name: 'finds a multi-line secret in a CRLF file', text: `x\r\n${BODY}\r\n${BODY}\r\ny`, secrets: [`${BODY}\n${BODY}`], want: 'x\r\nMIIE…(113)\n…\r\ny' },
    { name: 'masks a secret inside another once', text: `k=${KEY}XYZ`, secrets: [KEY, `${KEY}XYZ`], want: 'k=…(masked)' },
    { name: 'leaves text without secrets alone', text: 'nothing\n', secrets: [KEY], want: 'nothing\n' },
  ];
  for (const c of cases) it(c.name, () => assert.equal(maskText(c.text, c.secrets), c.want));
});

describe('contextLines', () => {
  const text = ['one', 'two', `key = "${KEY}"`, 'four', 'five', 'six', 'seven'].join('\n');
  it('gives the lines around the finding, numbered, the finding marked', () => {
    assert.deepEqual(contextLines(text, 3, [KEY], 2), [
      { line: 1, text: 'one', focus: false },
      { line: 2, text: 'two', focus: false },
      { line: 3, text: 'key = "AKIA…(20)"', focus: true },
      { line: 4, text: 'four', focus: false },
      { line: 5, text: 'five', focus: false },
    ]);
  });
  it('stops at the ends of the file', () => assert.deepEqual(contextLines(text, 7, [KEY], 2).map((l) => l.line), [5, 6, 7]));
  it('masks a secret alone on its line', () => {
    const lines = contextLines(`x\n${KEY}\n`, 2, [KEY]);
    assert.ok(lines.every((l) => !l.text.includes(KEY)));
  });
});

describe('printable and decodeText', () => {
  it('defuses terminal escapes and tabs', () => assert.equal(printable('a\tb\u001b[2Jc\r'), 'a  b·[2Jc'));
  it('reads UTF-16 with a byte-order mark', () => assert.equal(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('hi', 'utf16le')])), 'hi'));
  it('drops a UTF-8 byte-order mark', () => assert.equal(decodeText(Buffer.from('\uFEFFhi')), 'hi'));
});
