// whyRefused and writeFailure: a system error's code in words, with the path the system named when it is another one.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from '../src/errors.js';
import { whyRefused, writeFailure } from '../src/write-failure.js';

function systemError(code: string, syscall: string, path?: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${syscall}`), { code, syscall, path });
}

describe('whyRefused', () => {
  const cases: { name: string; error: unknown; target?: string; want: string }[] = [
    { name: 'names a missing parent other than the target', error: systemError('ENOENT', 'mkdir', '/proc/nonexist'), target: '/proc/nonexist/hooks/pre-commit', want: 'a folder on its path does not exist and cannot be made (ENOENT at /proc/nonexist)' },
    { name: 'leaves out the path when it is the target', error: systemError('EISDIR', 'open', '/a/pre-commit'), target: '/a/pre-commit', want: 'it is a folder, not a file (EISDIR)' },
    { name: 'calls a mkdir over a file a file on the path', error: systemError('EEXIST', 'mkdir', '/a/file'), want: 'a part of its path is a file, not a folder (EEXIST at /a/file)' },
    { name: 'keeps an unknown code', error: systemError('EXDEV', 'rename'), want: 'the system refused (EXDEV)' },
    { name: 'gives a plain error its first line', error: new Error('first\nsecond'), want: 'first' },
  ];
  for (const c of cases) it(c.name, () => assert.equal(whyRefused(c.error, c.target), c.want));
});

describe('writeFailure', () => {
  it('makes a system error a usage error naming the file, the action and the fix', () => {
    const error = writeFailure(systemError('EACCES', 'open', '/x/b.json'), 'b.json', 'write the baseline', 'name a writable file', '/x/b.json');
    assert.ok(error instanceof UsageError);
    assert.equal(error.message, 'b.json: cannot write the baseline: permission denied (EACCES)');
    assert.equal(error.hint, 'name a writable file');
  });

  it('passes any other error through unchanged', () => {
    const other = new TypeError('bug');
    assert.equal(writeFailure(other, 'b.json', 'write', 'fix'), other);
  });
});
