// Spawns git. Shared by src/sources/git.ts and bin/keyfence.js, which starts a history sweep's git processes before
// the CLI's bundle loads, so git reads the history while node compiles. CommonJS, so bin loads it without the bundle.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';

/** What keyfence asks `git log` to print per commit (parsed in diff.ts): the whole message, each line indented by one
 *  space (`%w(0,1,1)`, so no message line can pass for a diff line), then on a line of its own the marker and fields
 *  of the commit header. The message comes first because git's `%w` re-wraps all text before it, which would mangle
 *  the header's NUL separators. */
export const LOG_FORMAT = '--format=%w(0,1,1)%B%w(0,0,0)%n%x01%H%x00%an%x00%ae%x00%aI%x00%s';

/** Plumbing-safe log arguments: no colour, external diff, textconv, rename work or deleted content (`-D` prints a
 *  deletion's header only: --diff-filter=d would hide the commits that only delete, and their messages); merges as --cc. */
export function logArgs(): string[] {
  return [
    '-c', 'core.quotePath=false',
    'log', '--stdin', '--no-walk=unsorted', '-p', '-U0', '--cc', '--root', '--full-index', '--no-renames', '--irreversible-delete',
    '--no-color', '--no-ext-diff', '--no-textconv', '--src-prefix=a/', '--dst-prefix=b/', '--no-show-signature', LOG_FORMAT,
  ];
}

export function revListArgs(options: { revs: string[]; since?: string }, extra: string[]): string[] {
  return ['rev-list', ...extra, ...(options.since !== undefined ? [`--since=${options.since}`] : []), ...options.revs, '--'];
}

/** git flushes its output after every commit when it writes to a pipe: thousands of tiny reads for node. */
export const STREAM_ENV: Readonly<NodeJS.ProcessEnv> = { GIT_FLUSH: '0' };

export const SHALLOW_ARGS: readonly string[] = ['rev-parse', '--is-shallow-repository'];

/** The nearest directory at or above `start` that holds .git (file or folder); `start` when there is none. */
export function findRepoRoot(start: string): string {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, '.git'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(start);
    dir = parent;
  }
}

/** How a git process ended: its exit code (null when killed), or why it could not start. */
export interface GitExit {
  code: number | null;
  error?: NodeJS.ErrnoException;
}

export interface Launched {
  readonly args: readonly string[];
  readonly cwd: string;
  readonly child: ChildProcessWithoutNullStreams;
  /** stdout; held in a pipe when kept, as node drops a child's unread stdout when it exits. */
  readonly output: Readable;
  /** That pipe, when kept. */
  readonly kept: PassThrough | undefined;
  /** The start of stderr: where git says what went wrong. */
  stderr: () => string;
  /** Never rejects. */
  readonly exited: Promise<GitExit>;
}

const STDERR_KEPT = 64 * 1024;
/** How far a kept process may run ahead of its reader (git waits when this is full): a sweep's git processes
 *  start diffing before the rules are loaded, and would otherwise stop after a few milliseconds. */
const OUTPUT_KEPT = 1024 * 1024;

export function launchGit(args: string[], cwd: string, env: NodeJS.ProcessEnv | undefined, keep: boolean): Launched {
  const child = spawn('git', args, { cwd, env: env ? { ...process.env, ...env } : process.env, stdio: ['pipe', 'pipe', 'pipe'] });
  const err: Buffer[] = [];
  let errBytes = 0;
  child.stderr.on('data', (chunk: Buffer) => {
    if (errBytes < STDERR_KEPT) err.push(chunk);
    errBytes += chunk.length;
  });
  // A reader that stops early closes the pipe; git's EPIPE is expected then.
  child.stdin.on('error', () => undefined);
  const exited = new Promise<GitExit>((resolveExit) => {
    child.on('error', (error) => resolveExit({ code: null, error }));
    child.on('close', (code) => resolveExit({ code }));
  });
  const kept = keep ? child.stdout.pipe(new PassThrough({ highWaterMark: OUTPUT_KEPT })) : undefined;
  return { args, cwd, child, output: kept ?? child.stdout, kept, exited, stderr: () => Buffer.concat(err).toString('utf8') };
}

function sameArgs(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((arg, i) => arg === b[i]);
}

function sameEnv(a: NodeJS.ProcessEnv | undefined, b: NodeJS.ProcessEnv | undefined): boolean {
  const entries = (env: NodeJS.ProcessEnv | undefined): string => JSON.stringify(Object.entries(env ?? {}).sort());
  return entries(a) === entries(b);
}

/** git processes started before anyone asked for them; handed out to the first request with the same arguments. */
export class EarlyGit {
  private readonly waiting: { launched: Launched; env: NodeJS.ProcessEnv | undefined }[] = [];

  constructor(readonly cwd: string) {}

  launch(args: string[], env?: NodeJS.ProcessEnv): Launched {
    const launched = launchGit(args, this.cwd, env, true);
    this.waiting.push({ launched, env });
    return launched;
  }

  /** The waiting process with exactly these arguments, folder and extra environment, once. */
  take(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv | undefined): Launched | undefined {
    if (cwd !== this.cwd) return undefined;
    const at = this.waiting.findIndex((early) => sameArgs(early.launched.args, args) && sameEnv(early.env, env));
    return at === -1 ? undefined : this.waiting.splice(at, 1)[0]?.launched;
  }

  /** Ends the processes nobody took: a `git log --stdin` left waiting for its input would keep node alive. */
  drop(): void {
    for (const { launched } of this.waiting.splice(0)) launched.child.kill();
  }

  get left(): number {
    return this.waiting.length;
  }
}

/** The history flags that choose the commits, read before yargs runs. */
export interface EarlySelection {
  all: boolean;
  since?: string;
  threads?: number;
}

const WITH_VALUE = new Set(['--format', '-f', '--output', '-o', '--config', '-c', '--baseline', '--fail-on', '--max-file-size']);
const SWITCHES = new Set(['--quiet', '-q', '--color', '--no-color', '--validate', '--show-secrets']);

/** `history` arguments in the plain forms whose commits are known without asking git; undefined for anything else
 *  (--range, unknown flags): those runs start their git processes when the CLI has read its arguments. */
export function earlySelection(args: readonly string[]): EarlySelection | undefined {
  if (args[0] !== 'history') return undefined;
  const selection: EarlySelection = { all: false };
  for (let i = 1; i < args.length; i++) {
    const arg = args[i] as string;
    const eq = arg.indexOf('=');
    const [name, inline] = arg.startsWith('--') && eq !== -1 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? args[++i];
    if (name === '--all' && inline === undefined) selection.all = true;
    else if (name === '--since') {
      const since = value();
      if (since === undefined) return undefined;
      selection.since = since;
    } else if (name === '--threads') {
      const threads = Number(value());
      if (!Number.isInteger(threads) || threads < 1) return undefined;
      selection.threads = threads;
    } else if (WITH_VALUE.has(name)) {
      if (value() === undefined) return undefined;
    } else if (!(SWITCHES.has(name) && inline === undefined)) return undefined;
  }
  return selection;
}

/** What the sweep of `selection` will ask git first: the shallow check, the count, the commit list and the
 *  `git log --stdin` processes. Arguments match those of history.ts and revs.ts exactly. */
export interface EarlyHistory {
  selection: EarlySelection;
  git: EarlyGit;
}

/** `cores`: how many the machine has (--threads is capped at them, as the CLI does in cli/threads.ts). */
export function startHistoryEarly(args: readonly string[], cwd: string, cores = availableParallelism()): EarlyHistory | undefined {
  const selection = earlySelection(args);
  if (!selection) return undefined;
  const git = new EarlyGit(findRepoRoot(cwd));
  const target = { revs: [selection.all ? '--all' : 'HEAD'], ...(selection.since !== undefined ? { since: selection.since } : {}) };
  // The commit list first: its walk is what the diffs wait for.
  git.launch(revListArgs(target, ['--date-order']), STREAM_ENV);
  git.launch(revListArgs(target, ['--count']));
  git.launch([...SHALLOW_ARGS]);
  const shards = Math.min(selection.threads ?? cores, cores);
  // One per core, or pairs (history.ts): an odd core is left to keyfence.
  const processes = shards > 1 ? shards - (shards % 2) : 1;
  for (let i = 0; i < processes; i++) git.launch(logArgs(), STREAM_ENV);
  return { selection, git };
}
