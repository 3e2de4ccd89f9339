// Commit messages as text to scan: a commit's message from `git log` (history), or the file the commit-msg hook gets.
import { MESSAGE_FILE, type CommitInfo, type Fragment } from '../types.js';

/** The line git writes above what it drops of `git commit -v` (the diff below it is never part of the message). */
const SCISSORS = '------------------------ >8 ------------------------';

/** A message's lines as one fragment at MESSAGE_FILE; undefined when it holds nothing but blank lines. `lineNumbers`:
 *  each line's number when lines were left out (comments). */
export function messageFragment(lines: string[], commit?: CommitInfo, lineNumbers?: number[]): Fragment | undefined {
  let end = lines.length;
  while (end > 0 && (lines[end - 1] as string).trim() === '') end--;
  if (end === 0) return undefined;
  const fragment: Fragment = { file: MESSAGE_FILE, text: lines.slice(0, end).join('\n') };
  if (lineNumbers) fragment.lineNumbers = lineNumbers.slice(0, end);
  if (commit) fragment.commit = commit;
  return fragment;
}

/** The comment prefix of `core.commentChar`/`core.commentString` (default `#`). `auto` lets git pick one per commit:
 *  the prefix of the scissors line or of git's "Please enter the commit message" note, else `#`. */
export function commentPrefix(configured: string | undefined, lines: string[]): string {
  if (configured === undefined || configured === '') return '#';
  if (configured !== 'auto') return configured;
  const note = lines.find((line) => line.endsWith(` ${SCISSORS}`) || /^\S+ Please enter the commit message/.test(line));
  return note ? (note.split(' ')[0] as string) : '#';
}

/** What `commit.cleanup` keeps: `verbatim` and `whitespace` keep comment lines, `scissors` keeps them but cuts at the
 *  scissors line; `strip` and `default` (an edited message) drop both. */
function dropsComments(cleanup: string | undefined): { comments: boolean; scissors: boolean } {
  if (cleanup === 'verbatim' || cleanup === 'whitespace') return { comments: false, scissors: false };
  return { comments: cleanup !== 'scissors', scissors: true };
}

/** The message the commit-msg hook is given, as git will keep it: comment lines and everything from the scissors line
 *  on left out (git's cleanup drops them, unless `commit.cleanup` says otherwise); kept lines keep their numbers. */
export function hookMessageFragment(text: string, git: { commentChar?: string | undefined; cleanup?: string | undefined } = {}): Fragment | undefined {
  const all = text.replace(/\r?\n$/, '').split(/\r?\n/);
  const prefix = commentPrefix(git.commentChar, all);
  const drops = dropsComments(git.cleanup);
  const lines: string[] = [];
  const numbers: number[] = [];
  for (let i = 0; i < all.length; i++) {
    const line = all[i] as string;
    if (drops.scissors && line === `${prefix} ${SCISSORS}`) break;
    if (drops.comments && line.startsWith(prefix)) continue;
    lines.push(line);
    numbers.push(i + 1);
  }
  return messageFragment(lines, undefined, numbers);
}
