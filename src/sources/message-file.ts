// The commit-msg hook's input: the message file git passes, read with the comment settings git will clean it up by.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../errors.js';
import type { Fragment } from '../types.js';
import { whyRefused } from '../write-failure.js';
import { gitTry } from './git.js';
import { hookMessageFragment } from './message.js';

/** The settings git reads last win; core.commentString (git 2.45+) is the same setting as core.commentChar. */
async function cleanupSettings(cwd: string): Promise<{ commentChar?: string; cleanup?: string }> {
  const listed = await gitTry(['config', '--get-regexp', '^(core\\.comment(char|string)|commit\\.cleanup)$'], { cwd });
  const out: { commentChar?: string; cleanup?: string } = {};
  for (const line of (listed ?? '').split('\n')) {
    const space = line.indexOf(' ');
    if (space === -1) continue;
    const [name, value] = [line.slice(0, space).toLowerCase(), line.slice(space + 1)];
    if (name === 'commit.cleanup') out.cleanup = value;
    else out.commentChar = value;
  }
  return out;
}

/** The message in `file` (relative to `cwd`, where git runs hooks: the top of the work tree) as one fragment;
 *  undefined when it holds nothing but comments and blank lines. */
export async function hookMessage(cwd: string, file: string): Promise<Fragment | undefined> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(resolve(cwd, file));
  } catch (error) {
    throw new InputError(`commit-msg ${file}: cannot read the message file: ${whyRefused(error, resolve(cwd, file))}`, 'run it as git runs the hook: keyfence commit-msg "$1" (git passes the path of the message file)', { cause: error });
  }
  return hookMessageFragment(bytes.toString('utf8'), await cleanupSettings(cwd));
}
