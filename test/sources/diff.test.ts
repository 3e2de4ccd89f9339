// diff.ts: raw `git diff -U0` / `git log -p --cc` texts → added lines with their true line numbers.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DiffParser, parseDiff, unquotePath, diffFragments, type CommitMessage } from '../../src/sources/diff.js';
import { ROOT } from '../helpers/git-repo.js';

const fixture = (name: string): string => readFileSync(join(ROOT, 'fixtures', 'diffs', name), 'utf8');
const summary = (text: string) => parseDiff(text).map((d) => ({ file: d.file, lines: d.lines, at: d.lineNumbers, binary: d.binary, ...(d.from ? { from: d.from } : {}) }));

describe('sources/diff', () => {
  it('reads the files of a staged diff: modified, binary, CRLF, renamed with a quoted non-ASCII name', () => {
    assert.deepEqual(summary(fixture('staged.diff')), [
      { file: 'a.txt', lines: ['ADDED two', 'four'], at: [2, 4], binary: false },
      { file: 'b.bin', lines: [], at: [], binary: true },
      { file: 'crlf.txt', lines: ['x\r', 'y\r'], at: [1, 2], binary: false },
      { file: 'new "name" é.txt', lines: ['r7'], at: [7], binary: false, from: 'old name.txt' },
    ]);
  });

  it('keeps the full blob id of the new side (for re-reading binary-marked files)', () => {
    assert.equal(parseDiff(fixture('staged.diff'))[1]?.blob, '88768efdf77ec78c9a995f94881793be6a41752b');
  });

  it('attaches commit metadata from log headers and keeps only lines a merge adds against every parent', () => {
    const diffs = parseDiff(fixture('log-merge.diff'));
    const merge = diffs[0];
    assert.equal(merge?.commit?.message, 'merge');
    assert.equal(merge?.commit?.author, 'A');
    assert.deepEqual(merge?.lines, ['RESOLVED']);
    assert.deepEqual(merge?.lineNumbers, [2]);
    assert.deepEqual(diffs.map((d) => d.commit?.message), ['merge', 'main', 'side', 'one', 'one']);
  });

  const hunks = [
    { name: 'numbers lines from the + side of each hunk header', text: 'diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,0 +10,2 @@\n+a\n+b\n@@ -20 +30 @@\n-old\n+new\n', want: { lines: ['a', 'b', 'new'], at: [10, 11, 30] } },
    { name: 'skips pure deletions, even of lines that look like headers', text: 'diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -3,2 +2,0 @@\n--- a/x\n-+++ b/y\n@@ -9 +7 @@\n-x\n+y\n', want: { lines: ['y'], at: [7] } },
    { name: 'ignores "no newline at end of file" markers', text: 'diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+b\n\\ No newline at end of file\n', want: { lines: ['b'], at: [1] } },
    { name: 'keeps an added line that starts with + or with diff --git', text: 'diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -0,0 +1,2 @@\n++++ b/evil\n+diff --git a/x b/x\n', want: { lines: ['+++ b/evil', 'diff --git a/x b/x'], at: [1, 2] } },
  ];
  for (const c of hunks) {
    it(c.name, () => {
      const [d] = parseDiff(c.text);
      assert.deepEqual({ lines: d?.lines, at: d?.lineNumbers }, c.want);
    });
  }

  /** Each commit's message as the parser hands it over when the commit's header is read (LOG_FORMAT's layout). */
  const messagesOf = (text: string, maxChars = Infinity): (CommitMessage | undefined)[] => {
    const parser = new DiffParser(maxChars);
    const out: (CommitMessage | undefined)[] = [];
    let current = parser.currentCommit;
    for (const line of text.split('\n')) {
      parser.push(line);
      if (parser.currentCommit !== current) {
        current = parser.currentCommit;
        out.push(parser.takeMessage());
      }
    }
    return out;
  };
  const header = (sha: string): string => `\x01${sha.repeat(40)}\0A\0a@example.com\0${'2024-01-01T00:00:00Z'}\0subject`;
  const messages = [
    {
      name: 'hands over the message lines git printed before each commit header, without their indent',
      text: ` subject\n \n body line\n   indented\n\n${header('a')}\n\ndiff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -0,0 +1 @@\n+x\n second\n\n${header('b')}\n`,
      want: [{ lines: ['subject', '', 'body line', '  indented'], tooLarge: false }, { lines: ['second'], tooLarge: false }],
    },
    {
      name: 'keeps message lines that look like diff headers or added lines out of the diff',
      text: ` diff --git a/x b/x\n +added\n @@ -0,0 +1 @@\n\n${header('c')}\n`,
      want: [{ lines: ['diff --git a/x b/x', '+added', '@@ -0,0 +1 @@'], tooLarge: false }],
    },
    { name: 'hands over an empty message for a commit git printed none for', text: `\n${header('d')}\n`, want: [{ lines: [], tooLarge: false }] },
  ];
  for (const c of messages) it(c.name, () => assert.deepEqual(messagesOf(c.text), c.want));

  it('marks a message longer than the limit too large', () => {
    assert.equal(messagesOf(` ${'m'.repeat(50)}\n\n${header('e')}\n`, 20)[0]?.tooLarge, true);
  });

  it('reads no message line into the file diff before it', () => {
    const [d] = parseDiff(`diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -0,0 +1 @@\n+x\n next commit's subject\n\n${header('f')}\n`);
    assert.deepEqual(d?.lines, ['x']);
  });

  it('marks a deletion that git printed the header of only (-D)', () => {
    const [d] = parseDiff('diff --git a/f b/f\ndeleted file mode 100644\nindex 1111111111111111111111111111111111111111..0000000000000000000000000000000000000000\n');
    assert.equal(d?.deleted, true);
  });

  it('marks submodule (gitlink) entries', () => {
    const [d] = parseDiff('diff --git a/sub b/sub\nnew file mode 160000\nindex 0000000000000000000000000000000000000000..1111111111111111111111111111111111111111\n--- /dev/null\n+++ b/sub\n@@ -0,0 +1 @@\n+Subproject commit 1111111111111111111111111111111111111111\n');
    assert.equal(d?.submodule, true);
  });

  const quoted = [
    { name: 'leaves a plain name alone', raw: 'a b.txt', want: 'a b.txt' },
    { name: 'undoes C escapes', raw: '"a\\"b\\\\c\\td\\ne"', want: 'a"b\\c\td\ne' },
    { name: 'decodes octal UTF-8 bytes', raw: '"caf\\303\\251"', want: 'café' },
  ];
  for (const c of quoted) it(`unquotePath ${c.name}`, () => assert.equal(unquotePath(c.raw), c.want));

  it('streams one Fragment per file per commit with lineNumbers, leaving binaries out', async () => {
    const fragments = [];
    for await (const f of diffFragments(fixture('staged.diff').split('\n'))) fragments.push(f);
    assert.deepEqual(fragments.map((f) => [f.file, f.lineNumbers]), [['a.txt', [2, 4]], ['crlf.txt', [1, 2]], ['new "name" é.txt', [7]]]);
  });
});
