// What git knows about the files --fix would write: tracked, ignored, partially staged, unstaged line ranges.
import { gitOutput, gitTry } from '../sources/git.js';

export interface FileState {
  tracked: boolean;
  /** Changes in the index (X of `git status --porcelain`). */
  staged: boolean;
  /** Changes in the working tree not in the index (Y). */
  unstaged: boolean;
  /** In the index but in no commit yet (`git add` of a new file). */
  added: boolean;
}

/** The work tree root, or null outside git. */
export async function workTreeRoot(cwd: string): Promise<string | null> {
  const out = await gitTry(['rev-parse', '--show-toplevel'], { cwd });
  return out === null ? null : out.trim();
}

export async function fileState(top: string, path: string): Promise<FileState> {
  const tracked = (await gitOutput(['ls-files', '-z', '--', `:(literal)${path}`], { cwd: top })) !== '';
  const status = await gitOutput(['--no-optional-locks', 'status', '--porcelain=v1', '-z', '--untracked-files=all', '--', `:(literal)${path}`], { cwd: top });
  const x = status[0] ?? ' ';
  const y = status[1] ?? ' ';
  const untracked = x === '?' || x === '!';
  return { tracked, staged: !untracked && x !== ' ', unstaged: !untracked && y !== ' ', added: x === 'A' };
}

/** Ranges [first, last] of working-tree lines that differ from the index (a pure deletion marks the lines around it). */
export async function unstagedRanges(top: string, path: string): Promise<[number, number][]> {
  const diff = await gitOutput(['--no-optional-locks', 'diff', '-U0', '--no-color', '--no-ext-diff', '--', `:(literal)${path}`], { cwd: top });
  const ranges: [number, number][] = [];
  for (const match of diff.matchAll(/^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/gm)) {
    const start = Number(match[1]);
    const count = match[2] === undefined ? 1 : Number(match[2]);
    ranges.push(count === 0 ? [start, start + 1] : [start, start + count - 1]);
  }
  return ranges;
}

/** Is `path` ignored by .gitignore and friends (whether or not it exists)? */
export async function isIgnored(top: string, path: string): Promise<boolean> {
  return (await gitTry(['check-ignore', '-q', '--no-index', '--', path], { cwd: top })) !== null;
}
