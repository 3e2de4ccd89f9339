// Positions in JSON text for error messages: syntax errors and JSON pointers to lines.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeParsePosition, lineOfPointer, syntaxErrorOffset } from '../../src/allow/json-locate.js';

describe('syntaxErrorOffset', () => {
  const cases: { name: string; text: string; want: number | undefined }[] = [
    { name: 'finds nothing wrong in valid JSON', text: '{ "a": [1, 2.5e3, "x\\n", true, null] }', want: undefined },
    { name: 'points at a trailing comma', text: '{"a":1,}', want: 7 },
    { name: 'points at a doubled comma', text: '[1,,2]', want: 3 },
    { name: 'points at a misspelt literal', text: '{"a": tru}', want: 9 },
    { name: 'points at a raw newline inside a string', text: '{"a":"x\ny"}', want: 7 },
    { name: 'points at trailing garbage', text: '{} x', want: 3 },
    { name: 'points at the end of a truncated text', text: '{"a": [1', want: 8 },
  ];
  for (const { name, text, want } of cases) {
    it(name, () => {
      assert.equal(syntaxErrorOffset(text), want);
      assert.equal(want === undefined, (() => { try { JSON.parse(text); return true; } catch { return false; } })(), 'agrees with JSON.parse');
    });
  }

  it('describes a position as line and column', () => assert.equal(describeParsePosition('{\n  "a": 1,\n}'), 'line 3, column 1'));
  it('describes an empty text as the end of the file', () => assert.equal(describeParsePosition(''), 'line 1 (end of file)'));
});

describe('lineOfPointer', () => {
  const text = '{\n  "version": 1,\n  "entries": [\n    {"rule": "a"},\n    {"rule": "b", "file": "x/y"}\n  ]\n}\n';
  const cases: { name: string; pointer: string; want: number | undefined }[] = [
    { name: 'finds the root', pointer: '', want: 1 },
    { name: 'finds a top-level field', pointer: '/version', want: 2 },
    { name: 'finds an array element', pointer: '/entries/1', want: 5 },
    { name: 'finds a field inside an array element', pointer: '/entries/1/file', want: 5 },
    { name: 'returns undefined for a missing path', pointer: '/entries/7', want: undefined },
  ];
  for (const { name, pointer, want } of cases) it(name, () => assert.equal(lineOfPointer(text, pointer), want));
});
