// git.ts: streaming helpers around git processes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { linesOf, splitLineBatches, startGit } from '../../src/sources/git.js';

describe('sources/git', () => {
  it('keeps the output of a git process that exits before anyone reads it', async () => {
    const git = startGit(['--version'], { cwd: process.cwd() }, true);
    git.child.stdin.end();
    await git.finished;
    const lines = [];
    for await (const line of linesOf(git)) lines.push(line);
    assert.match(lines[0] ?? '', /^git version /);
  });

  it('splits lines across chunk borders and inside multi-byte characters', async () => {
    const bytes = Buffer.from('ab\ncé\nlast');
    const chunks = [bytes.subarray(0, 1), bytes.subarray(1, 5), bytes.subarray(5, 6), bytes.subarray(6)];
    const lines: string[] = [];
    for await (const batch of splitLineBatches(Readable.from(chunks))) lines.push(...batch);
    assert.deepEqual(lines, ['ab', 'cé', 'last']);
  });
});
