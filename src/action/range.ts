// Turns a scan request into `keyfence history` arguments, fetching just enough history in shallow checkouts.
import { readFileSync, existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { GitError } from '../errors.js';
import { gitOutput, gitTry } from '../sources/git.js';
import type { ScanRequest } from './event.js';

export interface GitContext {
  cwd: string;
  remote: string;
  /** Progress lines for the log (fetches, fallbacks). */
  log: (line: string) => void;
}

export interface ResolvedScan {
  /** Arguments for `keyfence history` (empty: nothing to scan). */
  args: string[];
  /** What was scanned, for the log and the summary. */
  description: string;
  /** Fallbacks the user should know about (shown as warnings). */
  notes: string[];
  skip?: boolean;
}

const FETCH_DEPTH_HINT = 'check out with actions/checkout and `fetch-depth: 0` (full history), then run keyfence again';
/** Deepening doubles the depth each round: 50 → 3200 commits in 7 fetches, then one --unshallow. */
const DEEPEN_ROUNDS = 7;
const INITIAL_DEPTH = 50;

const short = (sha: string): string => sha.slice(0, 12);

async function hasCommit(ctx: GitContext, sha: string): Promise<boolean> {
  return (await gitTry(['cat-file', '-e', `${sha}^{commit}`], ctx)) !== null;
}

async function isShallow(ctx: GitContext): Promise<boolean> {
  return (await gitOutput(['rev-parse', '--is-shallow-repository'], ctx)).trim() === 'true';
}

async function shallowCommits(ctx: GitContext): Promise<Set<string>> {
  const path = (await gitOutput(['rev-parse', '--git-path', 'shallow'], ctx)).trim();
  const full = isAbsolute(path) ? path : join(ctx.cwd, path);
  if (!existsSync(full)) return new Set();
  return new Set(readFileSync(full, 'utf8').split('\n').filter(Boolean));
}

async function fetch(ctx: GitContext, args: string[]): Promise<boolean> {
  const full = ['fetch', '--no-tags', '--quiet', ...args];
  ctx.log(`git ${full.join(' ')}`);
  return (await gitTry(full, ctx)) !== null;
}

async function mergeBase(ctx: GitContext, a: string, b: string): Promise<string | undefined> {
  return (await gitTry(['merge-base', a, b], ctx))?.trim() || undefined;
}

async function isAncestor(ctx: GitContext, a: string, b: string): Promise<boolean> {
  return (await gitTry(['merge-base', '--is-ancestor', a, b], ctx)) !== null;
}

/** base..head is exact when both sides meet and no shallow boundary cuts the commits between them. */
async function rangeIsComplete(ctx: GitContext, base: string, head: string): Promise<boolean> {
  if (!(await isShallow(ctx))) return true;
  if (!(await mergeBase(ctx, base, head))) return false;
  const boundary = await shallowCommits(ctx);
  if (boundary.size === 0) return true;
  const commits = (await gitOutput(['rev-list', `${base}..${head}`], ctx)).split('\n').filter(Boolean);
  return !commits.some((c) => boundary.has(c));
}

/** Makes sure the commits exist locally: fetch them by id (shallow when the checkout is shallow). */
async function ensureCommits(ctx: GitContext, shas: string[], depth: number): Promise<string[]> {
  const missing: string[] = [];
  for (const sha of shas) if (!(await hasCommit(ctx, sha))) missing.push(sha);
  if (missing.length === 0) return [];
  const shallow = await isShallow(ctx);
  await fetch(ctx, [...(shallow ? [`--depth=${depth}`] : []), ctx.remote, ...missing]);
  const still: string[] = [];
  for (const sha of missing) if (!(await hasCommit(ctx, sha))) still.push(sha);
  return still;
}

/** Fetches base and head and deepens (bounded) until base..head is exact; else stops naming fetch-depth: 0. */
export async function ensureRange(ctx: GitContext, base: string, head: string, depth = INITIAL_DEPTH): Promise<void> {
  const missing = await ensureCommits(ctx, [base, head], depth);
  if (missing.length > 0) throw new GitError(`cannot fetch commit ${missing.map(short).join(', ')} from ${ctx.remote}`, FETCH_DEPTH_HINT);
  let deepen = depth;
  for (let round = 0; round <= DEEPEN_ROUNDS; round++) {
    if (await rangeIsComplete(ctx, base, head)) return;
    const args = round < DEEPEN_ROUNDS ? [`--deepen=${deepen}`, ctx.remote, base, head] : ['--unshallow', ctx.remote];
    if (!(await fetch(ctx, args))) break;
    deepen *= 2;
  }
  if (await rangeIsComplete(ctx, base, head)) return;
  throw new GitError(`the shallow clone does not reach the common ancestor of ${short(base)} and ${short(head)}, and fetching more history failed`, FETCH_DEPTH_HINT);
}

async function ensureFullHistory(ctx: GitContext): Promise<void> {
  if (!(await isShallow(ctx))) return;
  // A depth-1 checkout also holds a single branch: fetch every branch, as fetch-depth: 0 would.
  if (!(await fetch(ctx, ['--unshallow', ctx.remote, `+refs/heads/*:refs/remotes/${ctx.remote}/*`])) || (await isShallow(ctx))) {
    throw new GitError('a full history scan needs the whole history, and `git fetch --unshallow` failed', FETCH_DEPTH_HINT);
  }
}

function branchName(ref: string | undefined): string | undefined {
  return ref?.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined;
}

/** Other branches of the remote (not the pushed one), fetching the default branch when the checkout has none. */
async function otherBranches(ctx: GitContext, branch: string | undefined, defaultBranch: string | undefined): Promise<string[]> {
  const own = branch ? `refs/remotes/${ctx.remote}/${branch}` : undefined;
  const list = async (): Promise<string[]> =>
    (await gitOutput(['for-each-ref', '--format=%(refname)', `refs/remotes/${ctx.remote}/`], ctx))
      .split('\n')
      .filter((r) => r && r !== own && r !== `refs/remotes/${ctx.remote}/HEAD`);
  let refs = await list();
  const defaultRef = defaultBranch ? `refs/remotes/${ctx.remote}/${defaultBranch}` : undefined;
  if (defaultBranch && defaultBranch !== branch && defaultRef && !refs.includes(defaultRef)) {
    const shallow = await isShallow(ctx);
    await fetch(ctx, [...(shallow ? [`--depth=${INITIAL_DEPTH}`] : []), ctx.remote, `+refs/heads/${defaultBranch}:${defaultRef}`]);
    refs = await list();
  }
  // In a shallow checkout only the default branch is worth deepening for.
  if (defaultRef && refs.includes(defaultRef) && (await isShallow(ctx))) return [defaultRef];
  return refs;
}

/** A new branch: scan what no other remote branch has, measured from the nearest one's merge base. */
async function resolveNewBranch(ctx: GitContext, head: string, ref: string | undefined, defaultBranch: string | undefined, notes: string[]): Promise<ResolvedScan> {
  const missing = await ensureCommits(ctx, [head], INITIAL_DEPTH);
  if (missing.length > 0) throw new GitError(`cannot fetch commit ${short(head)} from ${ctx.remote}`, FETCH_DEPTH_HINT);
  const candidates = await otherBranches(ctx, branchName(ref), defaultBranch);
  let best: { base: string; count: number; ref: string } | undefined;
  for (const candidate of candidates) {
    const tip = (await gitOutput(['rev-parse', candidate], ctx)).trim();
    try {
      await ensureRange(ctx, tip, head);
    } catch {
      continue;
    }
    const base = await mergeBase(ctx, tip, head);
    if (!base) continue;
    const count = Number((await gitOutput(['rev-list', '--count', `${base}..${head}`], ctx)).trim());
    if (!best || count < best.count) best = { base, count, ref: candidate };
  }
  if (best) {
    const name = best.ref.replace('refs/remotes/', '');
    return { args: ['--range', `${best.base}..${head}`], description: `new branch: ${best.count} commit${best.count === 1 ? '' : 's'} since it left ${name} (${short(best.base)}..${short(head)})`, notes };
  }
  await ensureFullHistory(ctx);
  notes.push(`new branch ${branchName(ref) ?? ''} shares no history with another branch: scanning all of its history`.replace('  ', ' '));
  return { args: ['--range', `..${head}`], description: `new branch: all history of ${short(head)}`, notes };
}

/** Code scanning keeps the latest analysis per branch and category: a push's SARIF must hold every open finding of
 *  the branch, or the alerts of earlier pushes close. So it comes from the branch's whole history (fetched here). */
export async function resolveBranchHistory(ctx: GitContext, request: ScanRequest): Promise<string[] | undefined> {
  if (request.kind !== 'push' && request.kind !== 'new-branch') return undefined;
  const head = request.kind === 'push' ? request.after : request.head;
  await ensureFullHistory(ctx);
  return ['--range', `..${head}`];
}

/** The history arguments and a description for a scan request; an empty range is skipped, not scanned. */
export async function resolveScan(ctx: GitContext, request: ScanRequest): Promise<ResolvedScan> {
  const resolved = await resolveRequest(ctx, request);
  const range = resolved.args[0] === '--range' ? resolved.args[1] : undefined;
  if (range === undefined) return resolved;
  const count = Number((await gitOutput(['rev-list', '--count', range.startsWith('..') ? range.slice(2) : range], ctx)).trim());
  return count > 0 ? { ...resolved, description: `${resolved.description}, ${count} commit${count === 1 ? '' : 's'}` } : { ...resolved, args: [], skip: true, description: `${resolved.description}: no commits to scan` };
}

async function resolveRequest(ctx: GitContext, request: ScanRequest): Promise<ResolvedScan> {
  const notes: string[] = [];
  switch (request.kind) {
    case 'nothing':
      return { args: [], description: request.reason, notes, skip: true };
    case 'full':
      await ensureFullHistory(ctx);
      return { args: ['--all'], description: `full history (${request.reason})`, notes };
    case 'range':
      await ensureRange(ctx, request.base, request.head, Math.max(INITIAL_DEPTH, (request.commits ?? 0) + 1));
      return { args: ['--range', `${request.base}..${request.head}`], description: `${request.label}: ${short(request.base)}..${short(request.head)}`, notes };
    case 'new-branch':
      return resolveNewBranch(ctx, request.head, request.ref, request.defaultBranch, notes);
    case 'push': {
      const { before, after } = request;
      if (before === after) return { args: [], description: 'push without new commits', notes, skip: true };
      const missing = await ensureCommits(ctx, [before, after], INITIAL_DEPTH);
      if (missing.includes(after)) throw new GitError(`cannot fetch commit ${short(after)} from ${ctx.remote}`, FETCH_DEPTH_HINT);
      if (missing.includes(before)) {
        notes.push(`force-push: the previous tip ${short(before)} is gone from ${ctx.remote}; scanning the branch as if it were new`);
        return resolveNewBranch(ctx, after, request.ref, request.defaultBranch, notes);
      }
      try {
        await ensureRange(ctx, before, after);
      } catch {
        notes.push(`force-push: ${short(before)} and ${short(after)} share no reachable history; scanning the branch as if it were new`);
        return resolveNewBranch(ctx, after, request.ref, request.defaultBranch, notes);
      }
      if (await isAncestor(ctx, before, after)) return { args: ['--range', `${before}..${after}`], description: `push: ${short(before)}..${short(after)}`, notes };
      const base = await mergeBase(ctx, before, after);
      if (!base) {
        notes.push(`force-push: ${short(before)} and ${short(after)} share no history; scanning the branch as if it were new`);
        return resolveNewBranch(ctx, after, request.ref, request.defaultBranch, notes);
      }
      notes.push(`force-push: ${short(before)} is not an ancestor of ${short(after)}; scanning the ${short(base)}..${short(after)} commits since they diverged`);
      return { args: ['--range', `${base}..${after}`], description: `force-push: ${short(base)}..${short(after)}`, notes };
    }
  }
}
