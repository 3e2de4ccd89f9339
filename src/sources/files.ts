// Files and folders → whole-file Fragments. folder-walk.ts lists plain folders (on bytes); inside a git work tree git
// lists exactly what it would not ignore. Binary, huge and unreadable files are skipped and counted.
import { accessSync, closeSync, constants, existsSync, lstatSync, openSync, readFileSync, readSync, statSync, type Stats as FsStats } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Fragment } from '../types.js';
import { InputError } from '../errors.js';
import { listWorkTreeFiles } from './git.js';
import { showName, walkFolder, type FsPath } from './folder-walk.js';
import { archiveKind } from './archive-names.js';
import { decodeText } from './decode-text.js';

// Kept here for the sources that read it from files.ts; archives.ts imports decode-text.ts, as files.ts loads it.
export { decodeText };
import type { ArchiveLimits } from '../config/defaults.js';

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
  /** A folder listed as one entry (git lists a submodule so): handed here to be scanned, instead of counted. */
  onFolder?: (absolute: FsPath) => void;
  /** Archives are opened within these bounds; absent (--no-archives), a binary archive is counted as `archive`. */
  archives?: ArchiveLimits;
  /** A file named as an archive, within maxTotalBytes: handed here to be opened (archives.ts), instead of read. */
  onArchive?: (absolute: FsPath, file: string) => void;
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

/** Yields [absolute path, named]: `named` files were given as arguments, so a symbolic link there is followed. */
async function* listEntries(paths: string[], options: FileSourceOptions): AsyncGenerator<[FsPath, boolean]> {
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
      const skipped = (reason: string, dir: string): void => options.onSkip(reason, shownPath(join(absolute, dir), options.base));
      for (const file of walkFolder(absolute, options.gitignore, skipped)) yield [file, false];
    }
  }
}

/** A path as findings show it: relative to `base` (absolute outside it), bytes that are not UTF-8 as \xHH. Byte
 *  paths are compared as latin1 strings, one character per byte, so no name is changed on the way. */
function shownPath(absolute: FsPath, base: string): string {
  // The common case, a file below the base, without path.relative's work (a few microseconds a file).
  if (typeof absolute === 'string' && absolute.length > base.length + 1 && absolute.startsWith(base) && absolute[base.length] === sep && !base.endsWith(sep)) return toPosix(absolute.slice(base.length + 1));
  const bytes = typeof absolute !== 'string';
  const path = bytes ? absolute.toString('latin1') : absolute;
  const fromBase = relative(bytes ? Buffer.from(base).toString('latin1') : base, path);
  // Outside the repository a relative path would start with ../: show the absolute path instead.
  const picked = toPosix(fromBase.startsWith('..') || isAbsolute(fromBase) ? path : fromBase);
  return bytes ? showName(Buffer.from(picked, 'latin1')) : picked;
}

/** Reused for every file read up to KEPT_READ_BYTES (decodeText copies the text out): no new buffer, and no second
 *  stat, per file. A larger file gets a buffer of its own, so one big file does not stay in memory for the run. */
const KEPT_READ_BYTES = 1024 * 1024;
let readBuffer = Buffer.allocUnsafe(64 * 1024);

/** How many bytes the reused read buffer holds (for tests: it stays bounded whatever was read). */
export function keptReadBufferBytes(): number {
  return readBuffer.length;
}

/** The bytes of a file lstat found `size` long (valid until the next call). A file that grew since is read whole all
 *  the same, as readFileSync would. */
function readWhole(path: FsPath, size: number): Buffer {
  let buffer = size < readBuffer.length ? readBuffer : Buffer.allocUnsafe(size < KEPT_READ_BYTES ? Math.min(Math.max(size + 1, readBuffer.length * 2), KEPT_READ_BYTES) : size + 1);
  const fd = openSync(path, 'r');
  try {
    let length = 0;
    for (let got = -1; got !== 0; length += got) {
      if (length === buffer.length) buffer = Buffer.concat([buffer, Buffer.allocUnsafe(buffer.length)]);
      got = readSync(fd, buffer, length, buffer.length - length, null);
    }
    if (buffer.length <= KEPT_READ_BYTES) readBuffer = buffer;
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/** Synchronous on purpose: one readFileSync costs far less than fs/promises' open/stat/read/close round trips.
 *  `absolute` is bytes for a name that is not UTF-8 (a Uint8Array after a trip to a worker). */
export function readFragment(given: FsPath | Uint8Array, options: FileSourceOptions, named = false): Fragment | undefined {
  const absolute: FsPath = typeof given === 'string' || Buffer.isBuffer(given) ? given : Buffer.from(given.buffer, given.byteOffset, given.byteLength);
  const file = shownPath(absolute, options.base);
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
      if (link.isDirectory() && options.onFolder) options.onFolder(absolute);
      else options.onSkip(link.isDirectory() ? 'submodule' : 'not-a-file', file);
      return undefined;
    }
    const archive = archiveKind(file) !== undefined;
    if (archive && options.archives && options.onArchive) {
      if (link.size > options.archives.maxTotalBytes) options.onSkip('too-large', file);
      else options.onArchive(absolute, file);
      return undefined;
    }
    if (link.size > options.maxFileSize) {
      options.onSkip('too-large', file);
      return undefined;
    }
    const buffer = readWhole(absolute, link.size);
    const text = decodeText(buffer);
    if (text === 'binary') {
      options.onSkip(archive ? 'archive' : 'binary', file);
      // Content unread: rules that judge the path (a .p12 key store) still see the file.
      return { file, text: '', unread: true };
    }
    options.onFile?.(buffer.length);
    return { file, text };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    options.onSkip(code === 'ENOENT' ? 'deleted' : code === 'ENAMETOOLONG' ? 'path-too-long' : 'unreadable', file);
    return undefined;
  }
}

/** One key per path, whether it is held as a string or as bytes. */
const pathKey = (path: FsPath): string => (typeof path === 'string' ? path : `\0${path.toString('latin1')}`);

/** Absolute paths of the files to scan, in scan order (the order findings are reported in before sorting), each once. */
export async function* listFiles(paths: string[], options: FileSourceOptions): AsyncGenerator<FsPath> {
  const seen = new Set<string>();
  for await (const [absolute] of listEntries(paths, options)) {
    if (seen.has(pathKey(absolute))) continue;
    seen.add(pathKey(absolute));
    yield absolute;
  }
}

/** The files of a folder git lists as one entry: a submodule or an embedded repository, listed by its own git (its
 *  own .gitignore applies). One that is not checked out (no .git inside) has nothing to scan and is counted. */
async function* innerRepoFiles(folder: FsPath, options: FileSourceOptions): AsyncGenerator<FsPath> {
  if (typeof folder !== 'string' || !existsSync(join(folder, '.git'))) return options.onSkip('submodule', shownPath(folder, options.base));
  for await (const file of listWorkTreeFiles(folder, ['.'])) if (file !== '') yield join(folder, file);
}

/** Fragments of one listed path: a file, the files inside an archive, or the files of a submodule folder (and of
 *  the submodules inside it). */
async function* pathFragments(absolute: FsPath, options: FileSourceOptions, named: boolean): AsyncGenerator<Fragment> {
  let folder: FsPath | undefined;
  let archive: { absolute: FsPath; file: string } | undefined;
  const fragment = readFragment(absolute, { ...options, onFolder: (found) => (folder = found), onArchive: (found, file) => (archive = { absolute: found, file }) }, named);
  if (fragment) yield fragment;
  if (folder !== undefined) yield* folderFragments(folder, options);
  if (archive) yield* archiveFileFragments(archive.absolute, archive.file, options);
}

/** The files inside an archive on disk (readFragment checked its size); the archive code loads only when one is met. */
export async function* archiveFileFragments(absolute: FsPath, file: string, options: FileSourceOptions): AsyncGenerator<Fragment> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(absolute);
  } catch {
    return options.onSkip('unreadable', file);
  }
  const { archiveFragments } = await import('./archives.js');
  yield* archiveFragments(file, bytes, { limits: options.archives as ArchiveLimits, maxFileSize: options.maxFileSize, onSkip: options.onSkip, ...(options.onFile ? { onFile: options.onFile } : {}) });
}

/** The files of a submodule folder that readFragment handed to `onFolder` (the worker pool scans them so too). */
export async function* folderFragments(folder: FsPath, options: FileSourceOptions): AsyncGenerator<Fragment> {
  for await (const inner of innerRepoFiles(folder, options)) yield* pathFragments(inner, options, false);
}

export async function* fileFragments(paths: string[], options: FileSourceOptions): AsyncGenerator<Fragment> {
  // A file named twice, or inside a folder also named, is scanned once.
  const seen = new Set<string>();
  for await (const [absolute, named] of listEntries(paths, options)) {
    if (seen.has(pathKey(absolute))) continue;
    seen.add(pathKey(absolute));
    yield* pathFragments(absolute, options, named);
  }
}
