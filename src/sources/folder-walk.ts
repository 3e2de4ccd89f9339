// Lists a plain folder (no git) on bytes, so no name is lost: names with newlines, names that are not UTF-8 (opened
// by their bytes) and paths past the system's limit (counted as path-too-long). Honours every .gitignore below the
// folder, each scoped to its own folder, and never descends into an ignored folder (git's rule: nothing below it
// can be re-included).
import { readdirSync, readFileSync, type Dirent } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import type { Ignore } from 'ignore';
import { lazyRequire } from '../lazy-require.js';

/** A path to open: a string when its bytes are UTF-8 (the usual case), else the bytes themselves. */
export type FsPath = string | Buffer;

interface Scope {
  /** The folder of the .gitignore, relative to the walked root, with a trailing slash ('' at the root). */
  dir: string;
  matcher: Ignore;
}

interface Folder {
  absolute: Buffer;
  /** Relative to the walked root, for .gitignore matching and sorting ('' for the root, else ending in /). */
  relative: string;
  scopes: Scope[];
}

const SLASH = Buffer.from('/');
const DOT_GIT = Buffer.from('.git');
const GITIGNORE = Buffer.from('.gitignore');

/** A name as reports show it: UTF-8 as is; bytes that are not UTF-8 as \xHH (the name opens by its bytes). */
export function showName(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isUtf8(buffer)) return buffer.toString('utf8');
  let out = '';
  let at = 0;
  while (at < buffer.length) {
    const length = utf8Length(buffer, at);
    if (length === 0) {
      out += `\\x${(buffer[at] as number).toString(16).padStart(2, '0')}`;
      at += 1;
    } else {
      out += buffer.toString('utf8', at, at + length);
      at += length;
    }
  }
  return out;
}

/** The length of the valid UTF-8 character at `at`, or 0 when the byte there starts none. */
function utf8Length(buffer: Buffer, at: number): number {
  const lead = buffer[at] as number;
  const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead < 0xe0 ? 2 : lead >= 0xe0 && lead < 0xf0 ? 3 : lead >= 0xf0 && lead < 0xf5 ? 4 : 0;
  if (length <= 1) return length;
  return at + length <= buffer.length && isUtf8(buffer.subarray(at, at + length)) ? length : 0;
}

/** The path as fs takes it: a string when it round-trips through UTF-8. */
function fsPath(bytes: Buffer): FsPath {
  return isUtf8(bytes) ? bytes.toString('utf8') : bytes;
}

function ignored(scopes: Scope[], relative: string, isDir: boolean): boolean {
  const path = isDir ? `${relative}/` : relative;
  return scopes.some(({ dir, matcher }) => {
    if (!path.startsWith(dir)) return false;
    try {
      return matcher.ignores(path.slice(dir.length));
    } catch {
      // `ignore` refuses names it cannot express as a relative path ("...", say): git matches none of its patterns.
      return false;
    }
  });
}

function readScope(folder: Folder, entries: Dirent<Buffer>[]): Scope | undefined {
  const file = entries.find((e) => e.isFile() && e.name.equals(GITIGNORE));
  if (!file) return undefined;
  const factory = lazyRequire('ignore') as typeof import('ignore');
  let text = '';
  try {
    text = readFileSync(Buffer.concat([folder.absolute, SLASH, GITIGNORE]), 'utf8');
  } catch {
    // An unreadable .gitignore ignores nothing; the file itself is counted when it is scanned.
  }
  return { dir: folder.relative, matcher: factory().add(text) };
}

/** One entry of a listed folder, with the key it sorts by among its siblings. */
interface Entry {
  /** The name as reports show it, plus a slash for a folder: sorting siblings by it lists the whole tree in the
   *  order of its relative paths (a folder `a` comes after the file `a.txt`, as `a/x` sorts after `a.txt`). */
  key: string;
  name: Buffer;
  isDir: boolean;
}

/** A folder being walked: its entries, sorted, and the next one to visit. */
interface Frame {
  folder: Folder;
  entries: Entry[];
  next: number;
}

const byKey = (a: Entry, b: Entry): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** The sorted entries of `folder` and the .gitignore scopes below it; undefined when it cannot be listed. */
function listFolder(folder: Folder, gitignore: boolean, onSkip: (reason: string, relative: string) => void): Frame | undefined {
  let dirents: Dirent<Buffer>[];
  try {
    dirents = readdirSync(folder.absolute, { withFileTypes: true, encoding: 'buffer' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const shown = folder.relative === '' ? '.' : folder.relative.slice(0, -1);
    onSkip(code === 'ENAMETOOLONG' ? 'path-too-long' : code === 'ENOENT' ? 'deleted' : 'unreadable', shown);
    return undefined;
  }
  const scope = gitignore ? readScope(folder, dirents) : undefined;
  const scopes = scope ? [...folder.scopes, scope] : folder.scopes;
  const entries: Entry[] = [];
  for (const dirent of dirents) {
    // A .git folder, or the .git file of a submodule or worktree (a pointer, not the project's content).
    if (dirent.name.equals(DOT_GIT)) continue;
    const isDir = dirent.isDirectory();
    const shown = showName(dirent.name);
    if (scopes.length > 0 && ignored(scopes, folder.relative + shown, isDir)) continue;
    entries.push({ key: isDir ? `${shown}/` : shown, name: dirent.name, isDir });
  }
  return { folder: { ...folder, scopes }, entries: entries.sort(byKey), next: 0 };
}

/** Every file (and symbolic link and other non-folder entry, which the reader counts) below `root`, in the order of
 *  their relative paths, as the walk goes: a large tree's first files are scanned while the rest is still being
 *  listed. `onSkip` gets folders that cannot be listed, by their path relative to `root`. */
export function* walkFolder(root: string, gitignore: boolean, onSkip: (reason: string, relative: string) => void): Generator<FsPath> {
  // A stack, not recursion: a tree thousands of folders deep must not overflow the call stack.
  const stack: Frame[] = [];
  const top = listFolder({ absolute: Buffer.from(root), relative: '', scopes: [] }, gitignore, onSkip);
  if (top) stack.push(top);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    const entry = frame.entries[frame.next++];
    if (!entry) {
      stack.pop();
      continue;
    }
    const absolute = Buffer.concat([frame.folder.absolute, SLASH, entry.name]);
    if (!entry.isDir) {
      yield fsPath(absolute);
      continue;
    }
    const inner = listFolder({ absolute, relative: frame.folder.relative + entry.key, scopes: frame.folder.scopes }, gitignore, onSkip);
    if (inner) stack.push(inner);
  }
}
