// Turns history flags (default HEAD, --all, --range A..B, --since) into checked rev-list arguments, with clear errors.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { GitError, UsageError } from '../errors.js';
import { gitOutput, gitTry, type GitRun } from './git.js';
import { SHALLOW_ARGS } from './git-launch.cjs';

export interface RevSelection {
  revs: string[];
  /** A range or --since limits the commits (older history is deliberately left out). */
  windowed: boolean;
  shallow: boolean;
}

const ZERO = /^0{40}$|^0{64}$/;
const UNSHALLOW = 'fetch the full history: `git fetch --unshallow` (in GitHub Actions: actions/checkout with `fetch-depth: 0`)';

async function commitOf(rev: string, run: GitRun): Promise<string | null> {
  const out = await gitTry(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], run);
  return out === null ? null : out.trim();
}

function missingRevision(flag: string, rev: string, shallow: boolean): GitError {
  if (shallow) return new GitError(`${flag}: commit ${rev} is not in this shallow clone`, UNSHALLOW);
  return new GitError(`${flag}: unknown revision ${JSON.stringify(rev)}`, 'name a commit, branch or tag that exists here (see `git log --oneline`)');
}

/** The commits whose parents a shallow clone lacks (git lists them in .git/shallow). */
async function shallowBoundary(run: GitRun): Promise<string[]> {
  const path = (await gitOutput(['rev-parse', '--git-path', 'shallow'], run)).trim();
  try {
    return readFileSync(resolve(run.cwd, path), 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

/** `A^..B` where A is a root commit: A has no parent, so the range is everything reachable from B. */
async function rootBase(base: string, run: GitRun, shallow: boolean): Promise<boolean> {
  const m = /^(.*?)(\^|~1?)$/.exec(base);
  if (!m || !m[1]) return false;
  const commit = await commitOf(m[1], run);
  if (commit === null) return false;
  // A shallow clone's boundary commits only look parentless: their parents were not fetched.
  if (shallow && (await shallowBoundary(run)).includes(commit)) return false;
  const parents = await gitTry(['rev-list', '--parents', '-n', '1', commit], run);
  return parents !== null && parents.trim().split(' ').length === 1;
}

async function rangeRevs(range: string, run: GitRun, shallow: boolean): Promise<string[]> {
  // A...B (symmetric difference) is read as A..B: CI wants what B adds on top of A.
  const parts = range.split(/\.{2,3}/);
  if (parts.length !== 2 || !range.includes('..')) throw new UsageError(`--range ${range}: expected A..B`, 'e.g. --range origin/main..HEAD, or --range <base-sha>..<head-sha>');
  const [base = '', head = ''] = parts;
  const headRev = head === '' ? 'HEAD' : head;
  const headCommit = await commitOf(headRev, run);
  if (headCommit === null) throw missingRevision('--range', headRev, shallow);
  // No base (a new branch's push event has 0000…) or a root's parent: the whole history of B.
  if (base === '' || ZERO.test(base) || (await rootBase(base, run, shallow))) return [headCommit];
  const baseCommit = await commitOf(base, run);
  if (baseCommit === null) throw missingRevision('--range', base, shallow);
  return [headCommit, `^${baseCommit}`];
}

export async function selectRevs(options: { all?: boolean; range?: string; since?: string }, run: GitRun): Promise<RevSelection> {
  // Fails with "not a git repository" (exit 3) before anything else is asked.
  const shallow = (await gitOutput([...SHALLOW_ARGS], run)).trim() === 'true';
  if (options.all && options.range) throw new UsageError('--all and --range: choose one', '--range A..B already names the commits to scan');
  if (options.since !== undefined && (options.since.trim() === '' || Number.isNaN(Date.parse(options.since)) && !/\b(ago|yesterday|today|now|week|month|year|day)s?\b/.test(options.since))) {
    throw new UsageError(`--since ${JSON.stringify(options.since)}: not a date`, 'e.g. --since 2024-01-31 or --since "2 weeks ago"');
  }
  const windowed = options.range !== undefined || options.since !== undefined;
  if (options.range !== undefined) return { revs: await rangeRevs(options.range, run, shallow), windowed, shallow };
  // An empty repository shows up as zero commits when they are counted (see noCommits).
  return { revs: plainRevs(options) as string[], windowed, shallow };
}

/** The rev-list arguments of a selection without --range, known before git is asked anything; else undefined. */
export function plainRevs(options: { all?: boolean; range?: string }): string[] | undefined {
  return options.range === undefined ? [options.all ? '--all' : 'HEAD'] : undefined;
}

export function noCommits(): GitError {
  return new GitError('the repository has no commits yet: there is no history to scan', 'commit first, or run `keyfence staged` to check what is staged');
}
