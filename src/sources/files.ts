// Files and folders → whole-file Fragments. fast-glob lists plain folders; inside a git work tree git lists
// exactly what it would not ignore. Binary, huge and unreadable files are skipped and counted.
import { accessSync, constants, lstatSync, readdir, readFileSync, statSync, type Stats as FsStats } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Fragment } from '../types.js';
import { InputError } from '../errors.js';
import { listWorkTreeFiles } from './git.js';
import { lazyRequire } from '../lazy-require.js';

export interface FileSourceOptions {
  cwd: string;
  /** Paths in findings are relative to this (the repository root, or cwd outside git). */
  base: string;
  /** Is `base` a git work tree root? */
  inGit: boolean;
  gitignore: boolean;
  maxFileSize: number;
  isPathAllowed?: (path: string) => boolean;
  onSkip: (reason: string, path: string) => void;
  onFile?: (bytes: number) => void;
}

export function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

function statArgument(path: string, shown: string): FsStats {
  try {
    lstatSync(path);
  } catch {
    throw new InputError(`${shown}: no such file or directory`, 'check the path you passed to keyfence scan');
  }
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw new InputError(`${shown}: symbolic link loop`, 'remove the looping link or pass its real target');
    if (code === 'ENOENT') throw new InputError(`${shown}: broken symbolic link`, 'pass the link target instead');
    throw new InputError(`${shown}: cannot read (${code ?? 'error'})`, 'check the permissions');
  }
}

type ReaddirCallback = (error: NodeJS.ErrnoException | null, entries: unknown[]) => void;

/** fast-glob's readdir, but a folder it may not read is reported (and listed as empty) instead of silently left out. */
function reportingReaddir(onUnreadable: (dir: string) => void): (path: string, ...rest: unknown[]) => void {
  return (path, ...rest) => {
    const callback = rest.pop() as ReaddirCallback;
    const done: ReaddirCallback = (error, entries) => {
      if (error && (error.code === 'EACCES' || error.code === 'EPERM')) {
        onUnreadable(path);
        callback(null, []);
      } else callback(error, entries);
    };
    (readdir as (...args: unknown[]) => void)(path, ...rest, done);
  };
}

/** Gitignore rules of a plain folder tree: every .gitignore below `root`, each scoped to its own folder. */
async function plainFolderFiles(root: string, gitignore: boolean, onUnreadable: (dir: string) => void): Promise<string[]> {
  // Loaded only here: inside a git work tree (the common case) git lists the files, and loading fast-glob costs ~20 ms.
  // A require, not import(): the CLI runs as a CommonJS bundle through node:vm, where import() has no loader.
  const fastGlob = lazyRequire('fast-glob') as typeof import('fast-glob');
  const ignoreFactory = lazyRequire('ignore') as typeof import('ignore');
  // Symlinks are listed (then skipped and counted) like git lists them; directories are not.
  const entries = await fastGlob('**', { cwd: root, dot: true, onlyFiles: false, objectMode: true, followSymbolicLinks: false, suppressErrors: true, ignore: ['**/.git/**'], fs: { readdir: reportingReaddir(onUnreadable) as never } });
  const files = entries.filter((e) => e.dirent.isFile() || e.dirent.isSymbolicLink()).map((e) => e.path);
  if (!gitignore) return files.sort();
  const ignoreFiles = files.filter((f) => f === '.gitignore' || f.endsWith('/.gitignore'));
  if (ignoreFiles.length === 0) return files.sort();
  const scoped = await Promise.all(
    ignoreFiles.map(async (f) => {
      const dir = f.includes('/') ? f.slice(0, f.lastIndexOf('/') + 1) : '';
      return { dir, matcher: ignoreFactory().add(await readFile(join(root, f), 'utf8').catch(() => '')) };
    }),
  );
  return files
    .filter((file) => !scoped.some(({ dir, matcher }) => file.startsWith(dir) && matcher.ignores(file.slice(dir.length))))
    .sort();
}

/** Yields [absolute path, named]: `named` files were given as arguments, so a symbolic link there is followed. */
async function* listEntries(paths: string[], options: FileSourceOptions): AsyncGenerator<[string, boolean]> {
  for (const arg of paths) {
    const absolute = resolve(options.cwd, arg);
    const stats = statArgument(absolute, arg);
    if (stats.isFile()) {
      try {
        accessSync(absolute, constants.R_OK);
      } catch {
        throw new InputError(`${arg}: permission denied`, 'make the file readable or leave it out');
      }
      yield [absolute, true];
      continue;
    }
    if (!stats.isDirectory()) {
      options.onSkip('not-a-file', arg);
      continue;
    }
    try {
      accessSync(absolute, constants.R_OK | constants.X_OK);
    } catch {
      throw new InputError(`${arg}: permission denied`, 'make the folder readable or leave it out');
    }
    if (options.inGit && options.gitignore && !relative(options.base, absolute).startsWith('..')) {
      const spec = toPosix(relative(options.base, absolute)) || '.';
      for await (const file of listWorkTreeFiles(options.base, [spec])) if (file !== '') yield [join(options.base, file), false];
    } else {
      const unreadable = (dir: string): void => options.onSkip('unreadable', toPosix(relative(options.base, resolve(absolute, dir))));
      for (const file of await plainFolderFiles(absolute, options.gitignore, unreadable)) yield [join(absolute, file), false];
    }
  }
}

const SNIFF = 8000;

/** Text of a file, or the reason it is skipped. Binary = NUL in the first 8000 bytes (git's rule), unless UTF-16 with BOM. */
export function decodeText(buffer: Buffer): string | 'binary' {
  if (buffer.length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe) return new TextDecoder('utf-16le').decode(buffer.subarray(2));
  if (buffer.length >= 2 && buffer[0] === 0xfe && buffer[1] === 0xff) return new TextDecoder('utf-16be').decode(buffer.subarray(2));
  const sniff = buffer.subarray(0, SNIFF);
  if (sniff.includes(0)) return 'binary';
  return buffer.toString('utf8');
}

/** Synchronous on purpose: one readFileSync costs far less than fs/promises' open/stat/read/close round trips. */
export function readFragment(absolute: string, options: FileSourceOptions, named = false): Fragment | undefined {
  const fromBase = relative(options.base, absolute);
  // Outside the repository a relative path would start with ../: show the absolute path instead.
  const file = toPosix(fromBase.startsWith('..') || isAbsolute(fromBase) ? absolute : fromBase);
  if (options.isPathAllowed?.(file)) {
    options.onSkip('allowlisted', file);
    return undefined;
  }
  try {
    const link = named ? statSync(absolute) : lstatSync(absolute);
    if (link.isSymbolicLink()) {
      options.onSkip('symlink', file);
      return undefined;
    }
    if (!link.isFile()) {
      options.onSkip(link.isDirectory() ? 'submodule' : 'not-a-file', file);
      return undefined;
    }
    if (link.size > options.maxFileSize) {
      options.onSkip('too-large', file);
      return undefined;
    }
    const buffer = readFileSync(absolute);
    const text = decodeText(buffer);
    if (text === 'binary') {
      options.onSkip('binary', file);
      return undefined;
    }
    options.onFile?.(buffer.length);
    return { file, text };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    options.onSkip(code === 'ENOENT' ? 'deleted' : 'unreadable', file);
    return undefined;
  }
}

/** Absolute paths of the files to scan, in scan order (the order findings are reported in before sorting), each once. */
export async function* listFiles(paths: string[], options: FileSourceOptions): AsyncGenerator<string> {
  const seen = new Set<string>();
  for await (const [absolute] of listEntries(paths, options)) {
    if (seen.has(absolute)) continue;
    seen.add(absolute);
    yield absolute;
  }
}

export async function* fileFragments(paths: string[], options: FileSourceOptions): AsyncGenerator<Fragment> {
  // A file named twice, or inside a folder also named, is scanned once.
  const seen = new Set<string>();
  for await (const [absolute, named] of listEntries(paths, options)) {
    if (seen.has(absolute)) continue;
    seen.add(absolute);
    const fragment = readFragment(absolute, options, named);
    if (fragment) yield fragment;
  }
}
