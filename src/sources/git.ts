// The only module that spawns git: streams stdout for big outputs, collects small ones.
import { spawn } from 'node:child_process';
import { GitError } from '../errors.js';

export interface GitRun {
  cwd: string;
  /** Extra environment, e.g. GIT_NO_REPLACE_OBJECTS. */
  env?: NodeJS.ProcessEnv;
}

function gitFailure(args: string[], code: number | null, stderr: string): GitError {
  const first = stderr.split('\n').find((l) => l.trim() !== '')?.replace(/^fatal: /, '') ?? `exited with ${code}`;
  if (/not a git repository/i.test(stderr)) return new GitError(`not a git repository: ${first}`, 'run keyfence inside a git work tree, or use `keyfence scan PATH` for plain folders');
  return new GitError(`git ${args[0]}: ${first}`, 'check the revision or repository named above');
}

function spawnError(error: NodeJS.ErrnoException): GitError {
  if (error.code === 'ENOENT') return new GitError('git: not found on PATH', 'install git (e.g. apt-get install git) or add it to PATH');
  return new GitError(`git: ${error.message}`);
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

/** Files git would commit or show as untracked (honours .gitignore, .git/info/exclude and global excludes). */
export function listWorkTreeFiles(repoRoot: string, pathspecs: string[]): AsyncGenerator<string> {
  return gitRecords(['-c', 'core.quotePath=false', 'ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', ...pathspecs], { cwd: repoRoot });
}
