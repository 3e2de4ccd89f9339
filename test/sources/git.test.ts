// git.ts: streaming helpers around git processes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { lineTexts, linesOf, splitLineBatches, startGit, takeOutput } from '../../src/sources/git.js';

describe('sources/git', () => {
  it('keeps the output of a git process that exits before anyone reads it', async () => {
    const git = startGit(['--version'], { cwd: process.cwd() }, true);
    git.child.stdin.end();
    await git.finished;
    const lines = [];
    for await (const line of linesOf(git)) lines.push(line);
    assert.match(lines[0] ?? '', /^git version /);
  });

  it('takeOutput gives what the kept pipe held, then the rest of stdout, which no longer goes through that pipe', async () => {
    const git = startGit(['cat-file', '--batch'], { cwd: process.cwd() }, true);
    git.child.stdin.write('HEAD\n');
    while ((git.output?.readableLength ?? 0) === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const chunks: Buffer[] = [];
    for await (const chunk of takeOutput(git)) {
      if (chunks.length === 0) {
        assert.equal(git.output?.writableEnded, true);
        git.child.stdin.end('HEAD\n');
      }
      chunks.push(chunk);
    }
    await git.finished;
    const text = Buffer.concat(chunks).toString('utf8');
    assert.match(text, /^[0-9a-f]{40} commit \d+\n/);
    assert.equal(text.slice(0, text.length / 2), text.slice(text.length / 2));
  });

  it('splits lines across chunk borders and inside multi-byte characters', async () => {
    const bytes = Buffer.from('ab\ncé\nlast');
    const chunks = [bytes.subarray(0, 1), bytes.subarray(1, 5), bytes.subarray(5, 6), bytes.subarray(6)];
    const lines: string[] = [];
    for await (const batch of splitLineBatches(Readable.from(chunks))) lines.push(...batch);
    assert.deepEqual(lines, ['ab', 'cé', 'last']);
  });

  const gathered = [
    { name: 'gives a text per chunk that ends a line when no minimum is asked', minBytes: 0, want: ['ab', 'c', 'dé', 'f', 'gh'] },
    { name: 'gathers small chunks until the minimum has come, cutting after the last whole line', minBytes: 6, want: ['ab\nc', 'dé\nf', 'gh'] },
    { name: 'gives everything as one text at the end of a stream shorter than the minimum', minBytes: 1000, want: ['ab\nc\ndé\nf\ngh'] },
  ];
  for (const c of gathered) {
    it(`lineTexts ${c.name}`, async () => {
      const bytes = Buffer.from('ab\nc\ndé\nf\ngh');
      // Pieces of 3 bytes: one cuts the é in two.
      const chunks = [0, 3, 6, 9, 12].map((at) => bytes.subarray(at, at + 3));
      const texts: string[] = [];
      for await (const text of lineTexts(Readable.from(chunks), c.minBytes)) texts.push(text);
      assert.deepEqual(texts, c.want);
    });
  }
});
