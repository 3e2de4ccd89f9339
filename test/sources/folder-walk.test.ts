// walkFolder: lists a plain folder in the order of its relative paths, file by file as it walks.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { showName, walkFolder, type FsPath } from '../../src/sources/folder-walk.js';

const shown = (root: string, path: FsPath): string => (typeof path === 'string' ? relative(root, path) : showName(path).slice(root.length + 1));
const walk = (root: string): string[] => [...walkFolder(root, true, () => undefined)].map((path) => shown(root, path));

describe('sources/folder-walk', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const tree = (files: (string | Buffer)[]): string => {
    const root = mkdtempSync(join(tmpdir(), 'keyfence-walk-'));
    dirs.push(root);
    for (const file of files) {
      if (typeof file === 'string') {
        mkdirSync(join(root, file, '..'), { recursive: true });
        writeFileSync(join(root, file), 'x');
      } else writeFileSync(Buffer.concat([Buffer.from(`${root}/`), file]), 'x');
    }
    return root;
  };

  const cases: { name: string; files: (string | Buffer)[]; want: string[] }[] = [
    { name: 'puts a file whose name extends a folder name before that folder (. and - sort before /)', files: ['a/x', 'a.txt', 'a-b', 'a/y/z'], want: ['a-b', 'a.txt', 'a/x', 'a/y/z'] },
    { name: 'puts a folder before a file whose name goes on with a letter or digit', files: ['a0', 'a/x', 'ab/c', 'A'], want: ['A', 'a/x', 'a0', 'ab/c'] },
    { name: 'sorts names with spaces, dots and non-ASCII characters by their code units', files: ['b c/d', 'b/e', '.hidden', 'é/f', 'z'], want: ['.hidden', 'b c/d', 'b/e', 'z', 'é/f'] },
    { name: 'sorts a name that is not UTF-8 by its shown form', files: [Buffer.from([0x6e, 0xff]), 'n/a', 'm'], want: ['m', 'n/a', 'n\\xff'] },
  ];
  for (const { name, files, want } of cases) {
    it(name, () => {
      const root = tree(files);
      const got = walk(root);
      assert.deepEqual(got, want);
      assert.deepEqual(got, [...got].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    });
  }

  it('yields the first files before it lists the folders after them', () => {
    const root = tree(['a/1', 'b/2']);
    const files = walkFolder(root, true, () => undefined);
    assert.equal(shown(root, files.next().value as FsPath), 'a/1');
    // Made after the walk began: a walk that listed the whole tree up front would not see it.
    writeFileSync(join(root, 'b', '3'), 'x');
    assert.deepEqual([...files].map((path) => shown(root, path)), ['b/2', 'b/3']);
  });
});
