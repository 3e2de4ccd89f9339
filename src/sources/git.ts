// The only module that spawns git: streams stdout for big outputs, collects small ones.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { PassThrough, type Readable } from 'node:stream';
import { GitError } from '../errors.js';

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
  /** Where to read stdout from when it is not child.stdout (see keepOutput). */
  output?: Readable;
}

/** For a process read later: node discards an unread child stdout when the child exits, so hold it in a pipe
 *  (bounded by its high-water mark: git simply waits when it is full). */
export function keepOutput(git: GitProcess): GitProcess {
  const output = new PassThrough();
  git.child.stdout.pipe(output);
  return { ...git, output };
}

/** Starts git with piped stdin/stdout; the caller streams both and awaits `finished`. */
export function startGit(args: string[], run: GitRun): GitProcess {
  const child = spawn('git', args, { cwd: run.cwd, env: { ...process.env, ...run.env }, stdio: ['pipe', 'pipe', 'pipe'] });
  const err: Buffer[] = [];
  let errBytes = 0;
  child.stderr.on('data', (chunk: Buffer) => {
    // Keep the start of stderr only: that is where git says what went wrong.
    if (errBytes < 64 * 1024) err.push(chunk);
    errBytes += chunk.length;
  });
  // A reader that stops early closes the pipe; git's EPIPE is expected then.
  child.stdin.on('error', () => undefined);
  let stopped = false;
  const finished = new Promise<void>((resolveExit, reject) => {
    child.on('error', (error) => reject(spawnError(error)));
    child.on('close', (code) => {
      if (code === 0 || stopped) resolveExit();
      else reject(gitFailure(args, code, Buffer.concat(err).toString('utf8')));
    });
  });
  const stop = (): void => {
    stopped = true;
    if (child.exitCode === null && child.signalCode === null) child.kill();
  };
  return { child, finished, stop };
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

/** Runs git and resolves with its whole stdout; for small queries only. */
export function gitOutput(args: string[], run: GitRun): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('git', args, { cwd: run.cwd, env: { ...process.env, ...run.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => reject(spawnError(error)));
    child.on('close', (code) => {
      if (code === 0) resolvePromise(Buffer.concat(out).toString('utf8'));
      else reject(gitFailure(args, code, Buffer.concat(err).toString('utf8')));
    });
  });
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
  const child = spawn('git', args, { cwd: run.cwd, env: { ...process.env, ...run.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const err: Buffer[] = [];
  child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
  let spawnFailure: GitError | undefined;
  const exited = new Promise<number | null>((resolveExit) => {
    child.on('error', (error) => {
      spawnFailure = spawnError(error);
      resolveExit(null);
    });
    child.on('close', (code) => resolveExit(code));
  });
  let rest: Buffer = Buffer.alloc(0);
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
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
  } finally {
    if (child.exitCode === null) child.kill();
  }
  const code = await exited;
  if (spawnFailure) throw spawnFailure;
  if (code !== 0) throw gitFailure(args, code, Buffer.concat(err).toString('utf8'));
}

/** Splits a byte stream into batches of lines (without \n), decoding UTF-8 per chunk: far cheaper than per line. */
export async function* splitLineBatches(stream: AsyncIterable<Buffer>): AsyncGenerator<string[]> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of stream) {
    const lines = (rest + decoder.write(chunk)).split('\n');
    rest = lines.pop() as string;
    if (lines.length > 0) yield lines;
  }
  rest += decoder.end();
  if (rest !== '') yield [rest];
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

/** One blob's bytes, or 'too-large' as soon as it passes `maxBytes` (git is stopped, nothing more is read). */
export async function readBlob(blob: string, maxBytes: number, run: GitRun): Promise<Buffer | 'too-large'> {
  const { child, finished, stop } = startGit(['cat-file', 'blob', blob], run);
  child.stdin.end();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      stop();
      await finished;
      return 'too-large';
    }
    chunks.push(chunk);
  }
  await finished;
  return Buffer.concat(chunks);
}
