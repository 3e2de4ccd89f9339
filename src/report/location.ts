// Where a finding is, in words every format can use: a file's path and line, or the line of a commit message.
import { MESSAGE_FILE, type Finding } from '../types.js';

export function isMessageFinding(f: Pick<Finding, 'file'>): boolean {
  return f.file === MESSAGE_FILE;
}

/** `src/app.js:3`, or `the message of commit 0123456789ab, line 3` (the commit-msg hook's: `the commit message, line 3`). */
export function describePlace(f: Pick<Finding, 'file' | 'line' | 'commit'>): string {
  if (!isMessageFinding(f)) return `${f.file}:${f.line}`;
  return `${f.commit ? `the message of commit ${f.commit.slice(0, 12)}` : 'the commit message'}, line ${f.line}`;
}
