// The only module that spawns git (through git-launch.cts, which bin also uses): streams stdout for big outputs, collects small ones.
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import type { PassThrough, Readable } from 'node:stream';
import { GitError } from '../errors.js';
import { launchGit, type EarlyGit, type Launched } from './git-launch.cjs';

/** The id of the empty tree: what the first commit is diffed against (there is no HEAD yet). */
export const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

export interface GitRun {
  cwd: string;
  /** Extra environment, e.g. GIT_NO_REPLACE_OBJECTS. */
  env?: NodeJS.ProcessEnv;
}

function gitFailure(args: string[], code: number | null, stderr: string): GitError {
  const first = stderr.split('\n').find((l) => l.trim() !== '')?.replace(/^(fatal|error): /, '') ?? `exited with ${code}`;
  const command = args.find((a) => !a.startsWith('-') && !a.includes('=')) ?? args[0];
  if (/not a git repository/i.test(stderr)) return new GitError('not a git repository (nor is any parent folder)', 'run keyfence inside a git work tree, or use `keyfence scan PATH` for plain folders');
  if (/unable to read|corrupt|loose object .* is corrupt|bad object|packfile .* cannot be accessed|inflate/i.test(stderr)) {
    return new GitError(`git ${command}: the repository has a damaged object: ${first}`, 'run `git fsck` and restore the object from a clone or backup');
  }
  return new GitError(`git ${command}: ${first}`, 'check the revision or repository named above');
}

function spawnError(error: NodeJS.ErrnoException): GitError {
  if (error.code === 'ENOENT') return new GitError('git: not found on PATH', 'install git (e.g. apt-get install git) or add it to PATH');
  return new GitError(`git: ${error.message}`);
}

export interface GitProcess {
  child: ChildProcessWithoutNullStreams;
  /** Resolves when git exits 0 (or after stop()); rejects with a GitError carrying git's own words otherwise. */
  finished: Promise<void>;
  /** Ends git early because the reader is done or failed; `finished` then resolves. */
  stop: () => void;
  /** Where to read stdout from when it is not child.stdout: the pipe that keeps it (see startGit). */
  output?: PassThrough;
}

/** Processes bin/keyfence.js started before the CLI loaded (see git-launch.cts), taken by the first equal request. */
let early: EarlyGit | undefined;

export function useEarlyGit(started: EarlyGit | undefined): void {
  early = started;
}

function launch(args: string[], run: GitRun, keep: boolean): Launched {
  return early?.take(args, run.cwd, run.env) ?? launchGit(args, run.cwd, run.env, keep);
}

/** Starts git with piped stdin/stdout; the caller streams both and awaits `finished`. `keep` holds its output until
 *  a reader takes it (up to 1 MiB: git then waits), for a process read later. */
export function startGit(args: string[], run: GitRun, keep = false): GitProcess {
  const launched = launch(args, run, keep);
  const { child } = launched;
  let stopped = false;
  const finished = launched.exited.then(({ code, error }) => {
    if (error) throw spawnError(error);
    if (code !== 0 && !stopped) throw gitFailure(args, code, launched.stderr());
  });
  const stop = (): void => {
    stopped = true;
    if (child.exitCode === null && child.signalCode === null) child.kill();
    // Nothing more is read: a kept output ends (a reader still on it sees the end), and what git wrote drains away,
    // as node reports the exit ('close') only once stdout has ended (a reader that left early leaves it paused).
    const { kept } = launched;
    if (kept) {
      child.stdout.unpipe(kept);
      if (!kept.destroyed) kept.end();
    }
    child.stdout.resume();
  };
  return { child, finished, stop, ...(launched.kept ? { output: launched.kept } : {}) };
}

/** The output of a process for a reader that starts now: what its kept pipe holds, then stdout itself, so from here
 *  git runs ahead of its reader by a pipe's worth only. A sweep stops the process whose walk meets another's, and
 *  what it wrote ahead was read by neither: with the kept MiB that cost git ~40 ms of CPU on the 3,000-commit bench. */
export async function* takeOutput(git: GitProcess): AsyncGenerator<Buffer> {
  const { child, output: kept } = git;
  if (kept) {
    // Unpiped, stdout pauses: what it has not handed on stays in it, after what the kept pipe holds.
    child.stdout.unpipe(kept);
    if (!kept.writableEnded) kept.end();
    yield* kept as AsyncIterable<Buffer>;
    if (child.stdout.readableEnded) return;
  }
  yield* child.stdout as AsyncIterable<Buffer>;
}

/** Writes to a child's stdin, waiting while the pipe is full; returns at once if the child has gone. */
export async function writeInput(git: GitProcess, text: string): Promise<void> {
  const stdin = git.child.stdin;
  if (stdin.destroyed || stdin.writableEnded) return;
  if (stdin.write(text)) return;
  await new Promise<void>((resolveWrite) => {
    const done = (): void => {
      stdin.off('drain', done);
      stdin.off('close', done);
      resolveWrite();
    };
    stdin.on('drain', done);
    stdin.on('close', done);
  });
}

/** All of a stream's bytes, once it closes. */
function collect(output: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolveBytes) => {
    output.on('data', (chunk: Buffer) => chunks.push(chunk));
    output.once('close', () => resolveBytes(Buffer.concat(chunks)));
  });
}

/** Runs git and resolves with its whole stdout; for small queries only. */
export async function gitOutput(args: string[], run: GitRun): Promise<string> {
  const launched = launch(args, run, false);
  launched.child.stdin.end();
  const out = collect(launched.output);
  const { code, error } = await launched.exited;
  if (error) throw spawnError(error);
  if (code !== 0) throw gitFailure(args, code, launched.stderr());
  return (await out).toString('utf8');
}

/** Like gitOutput, but resolves null instead of failing (for yes/no questions such as "is there a HEAD?"). */
export async function gitTry(args: string[], run: GitRun): Promise<string | null> {
  try {
    return await gitOutput(args, run);
  } catch (error) {
    if (error instanceof GitError && /not found on PATH/.test(error.message)) throw error;
    return null;
  }
}

/** Streams git's stdout split on `separator` (NUL for -z output), failing with git's own words at the end. */
export async function* gitRecords(args: string[], run: GitRun, separator = 0): AsyncGenerator<string> {
  const launched = launch(args, run, false);
  const { child } = launched;
  child.stdin.end();
  let rest: Buffer = Buffer.alloc(0);
  try {
    for await (const chunk of launched.output as AsyncIterable<Buffer>) {
      let buffer: Buffer = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
      let at = buffer.indexOf(separator);
      while (at !== -1) {
        yield buffer.subarray(0, at).toString('utf8');
        buffer = buffer.subarray(at + 1);
        at = buffer.indexOf(separator);
      }
      rest = buffer;
    }
    if (rest.length > 0) yield rest.toString('utf8');
  } catch (error) {
    // A git that could not start closes its pipes early: say why it did not start.
    if (child.exitCode === null) child.kill();
    const { error: spawnFailure } = await launched.exited;
    throw spawnFailure ? spawnError(spawnFailure) : error;
  } finally {
    if (child.exitCode === null) child.kill();
  }
  const { code, error } = await launched.exited;
  if (error) throw spawnError(error);
  if (code !== 0) throw gitFailure(args, code, launched.stderr());
}

/** Decodes a byte stream into texts of whole lines: each ends where a line ends, without its \n. Cut at newline
 *  bytes, which UTF-8 never uses inside a character, so each text is decoded once, straight from the bytes.
 *  `minBytes`: pieces are gathered until that many have come (or the stream ends), for a reader whose cost is per
 *  text; not for a process that answers requests, which would wait for a reply never asked. */
export async function* lineTexts(stream: AsyncIterable<Buffer>, minBytes = 0): AsyncGenerator<string> {
  // Bytes of a line not finished yet (kept as pieces: one long line must not be copied once per chunk).
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const chunk of stream) {
    const cut = pendingBytes + chunk.length < minBytes ? -1 : chunk.lastIndexOf(10);
    if (cut === -1) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      continue;
    }
    const head = pending.length === 0 ? chunk.subarray(0, cut) : Buffer.concat([...pending, chunk.subarray(0, cut)]);
    pending = cut + 1 < chunk.length ? [chunk.subarray(cut + 1)] : [];
    pendingBytes = chunk.length - cut - 1;
    yield head.toString('utf8');
  }
  if (pending.length > 0) yield Buffer.concat(pending).toString('utf8');
}

/** Splits a byte stream into batches of lines (without \n): far cheaper than a string per chunk and line. */
export async function* splitLineBatches(stream: AsyncIterable<Buffer>): AsyncGenerator<string[]> {
  for await (const text of lineTexts(stream)) yield text.split('\n');
}

export async function* splitLines(stream: AsyncIterable<Buffer>): AsyncGenerator<string> {
  for await (const lines of splitLineBatches(stream)) yield* lines;
}

/** Streams git's stdout line by line (\n), without the newline; fails with git's own words at the end. */
export function gitLines(args: string[], run: GitRun): AsyncGenerator<string> {
  const git = startGit(args, run);
  git.child.stdin.end();
  return linesOf(git);
}

/** The lines of an already started git process; stops it if the reader leaves early. */
export async function* linesOf(git: GitProcess): AsyncGenerator<string> {
  let complete = false;
  try {
    yield* splitLines(git.output ?? git.child.stdout);
    complete = true;
  } finally {
    if (!complete) git.stop();
  }
  await git.finished;
}

/** Files git would commit or show as untracked (honours .gitignore, .git/info/exclude and global excludes). */
export function listWorkTreeFiles(repoRoot: string, pathspecs: string[]): AsyncGenerator<string> {
  return gitRecords(['-c', 'core.quotePath=false', 'ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', ...pathspecs], { cwd: repoRoot });
}
