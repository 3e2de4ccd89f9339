// Archives (zip, jar, war, ear, tar, tar.gz, tgz, gz) → Fragments of the text files inside, named through the archive
// (`app.jar!/config/app.properties`, nested `a.zip!/b.jar!/x.properties`). Bounded per archive, nested ones included:
// depth, bytes held and expanded, entries. What passes a bound, or cannot be read, is a counted skip with its reason.
import { createGunzip } from 'node:zlib';
import { basename } from 'node:path';
import type { Fragment } from '../types.js';
import type { ArchiveLimits } from '../config/defaults.js';
import { decodeText } from './decode-text.js';
import { archiveKind, looksLike, type ArchiveKind } from './archive-names.js';
import { openZip, type OpenedZip, type ZipEntry } from './zip.js';
import { tarEntries, unsafeTarName, type TarEntry } from './tar.js';

export interface ArchiveOptions {
  limits: ArchiveLimits;
  /** Entries larger than this are skipped as too-large, as files are. */
  maxFileSize: number;
  onSkip: (reason: string, path: string) => void;
  onFile?: (bytes: number) => void;
}

/** An entry expanding more than RATIO times its compressed size, past FLOOR bytes, is a bomb (text compresses 3-20
 *  times, zeros about 1000 times). */
const RATIO = 100;
const FLOOR = 1024 * 1024;

function bombLike(expanded: number, compressed: number): boolean {
  return expanded >= FLOOR && expanded > compressed * RATIO;
}

/** A bound of the whole archive was reached: nothing more of it is read. */
class Stop extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** One archive (nested ones included) cannot be read further: its outer archive goes on. */
class Unreadable extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** What is left of the bounds of the top-level archive. */
interface Budget {
  bytes: number;
  entries: number;
}

/** Takes `size` expanded bytes from the budget, or stops the archive. */
function spend(budget: Budget, size: number): void {
  if (size > budget.bytes) throw new Stop('archive-too-large');
  budget.bytes -= size;
}

function countEntry(budget: Budget): void {
  budget.entries--;
  if (budget.entries < 0) throw new Stop('archive-entries');
}

/** The Fragments of the text files in the archive at `path` (its bytes read already; a top-level archive's own
 *  size counts against maxTotalBytes). A file that only has an archive's name is scanned as the file it is. */
export async function* archiveFragments(path: string, bytes: Buffer, options: ArchiveOptions): AsyncGenerator<Fragment> {
  const budget: Budget = { bytes: options.limits.maxTotalBytes - bytes.length, entries: options.limits.maxEntries };
  try {
    yield* entryFragments(path, bytes, 0, budget, options);
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    options.onSkip(error.reason, path);
  }
}

/** One file, inside an archive or not: an archive within the depth is opened, a text file scanned, a binary counted. */
async function* entryFragments(path: string, data: Buffer, depth: number, budget: Budget, options: ArchiveOptions): AsyncGenerator<Fragment> {
  const kind = archiveKind(path);
  if (kind && looksLike(kind, data)) {
    if (depth >= options.limits.maxDepth) return options.onSkip('archive-depth', path);
    try {
      yield* expand(kind, path, data, depth + 1, budget, options);
    } catch (error) {
      if (error instanceof Stop) throw error;
      // Corrupt, truncated, or a name that is not what the bytes are: counted, and the outer archive goes on.
      options.onSkip(error instanceof Unreadable ? error.reason : 'archive-corrupt', path);
    }
    return;
  }
  if (data.length > options.maxFileSize) return options.onSkip('too-large', path);
  const text = decodeText(data);
  if (text === 'binary') return options.onSkip(kind ? 'archive-corrupt' : 'binary', path);
  options.onFile?.(data.length);
  yield { file: path, text };
}

async function* expand(kind: ArchiveKind, path: string, data: Buffer, depth: number, budget: Budget, options: ArchiveOptions): AsyncGenerator<Fragment> {
  if (kind === 'zip') return yield* zipFragments(path, data, depth, budget, options);
  if (kind === 'tar') return yield* tarFragments(path, data, depth, budget, options);
  if (kind === 'tar.gz') return yield* tarFragments(path, await gunzip(data, budget.bytes, budget), depth, budget, options);
  // A lone .gz holds one file, named as the archive without .gz (dump.sql.gz!/dump.sql).
  const inner = `${path}!/${basename(path).replace(/\.gz$/i, '')}`;
  countEntry(budget);
  const limit = archiveKind(inner) ? budget.bytes : Math.min(budget.bytes, options.maxFileSize);
  let content: Buffer;
  try {
    content = await gunzip(data, limit, budget);
  } catch (error) {
    if (!(error instanceof Unreadable) || error.reason !== 'too-large') throw error;
    return options.onSkip('too-large', inner);
  }
  yield* entryFragments(inner, content, depth, budget, options);
}

/** gzip's content, at most `limit` bytes (taken from the budget). Inflated as a stream that is stopped at the limit,
 *  so a bomb never grows memory, and the input it took to get there tells a bomb from a large file. */
async function gunzip(data: Buffer, limit: number, budget: Budget): Promise<Buffer> {
  const result = await inflateUpTo(data, limit);
  if (Buffer.isBuffer(result)) {
    spend(budget, result.length);
    return result;
  }
  if (bombLike(result.expanded, result.consumed)) throw new Unreadable('archive-bomb');
  if (limit >= budget.bytes) throw new Stop('archive-too-large');
  throw new Unreadable('too-large');
}

function inflateUpTo(data: Buffer, limit: number): Promise<Buffer | { expanded: number; consumed: number }> {
  return new Promise((resolve, reject) => {
    const inflate = createGunzip();
    const chunks: Buffer[] = [];
    let size = 0;
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      resolve({ expanded: size, consumed: Math.max(1, inflate.bytesWritten) });
      inflate.destroy();
    });
    inflate.on('end', () => resolve(Buffer.concat(chunks, size)));
    inflate.on('error', () => reject(new Unreadable('archive-corrupt')));
    inflate.end(data);
  });
}

/** Entries whose data overlap (many entries sharing one compressed body) only exist to expand: a zip bomb. */
function overlapping(entries: ZipEntry[]): boolean {
  const sorted = entries.filter((e) => !e.directory).sort((a, b) => a.offset - b.offset);
  for (let i = 1; i < sorted.length; i++) {
    const before = sorted[i - 1] as ZipEntry;
    if ((sorted[i] as ZipEntry).offset < before.offset + before.compressedSize) return true;
  }
  return false;
}

async function* zipFragments(path: string, data: Buffer, depth: number, budget: Budget, options: ArchiveOptions): AsyncGenerator<Fragment> {
  let zip: OpenedZip | 'too-many';
  try {
    zip = await openZip(data, budget.entries);
  } catch {
    throw new Unreadable('archive-corrupt');
  }
  if (zip === 'too-many') throw new Stop('archive-entries');
  const opened = zip;
  try {
    if (overlapping(opened.entries)) throw new Unreadable('archive-bomb');
    for (const entry of opened.entries) {
      countEntry(budget);
      if (entry.directory) continue;
      const inner = `${path}!/${entry.name}`;
      const skip = zipSkip(entry, inner, options);
      if (skip) {
        options.onSkip(skip, inner);
        continue;
      }
      spend(budget, entry.size);
      let content: Buffer;
      try {
        content = await opened.read(entry);
      } catch (error) {
        // Inflated past its declared size (a header that lies to pass the bounds), or damaged: what was read is dropped.
        options.onSkip(/too many bytes/.test((error as Error).message) ? 'archive-bomb' : 'archive-corrupt', inner);
        continue;
      }
      yield* entryFragments(inner, content, depth, budget, options);
    }
  } finally {
    opened.close();
  }
}

/** Why a zip entry is not read, before anything of it is inflated; undefined when it is read. */
function zipSkip(entry: ZipEntry, inner: string, options: ArchiveOptions): string | undefined {
  if (entry.unsafe) return 'archive-unsafe-name';
  if (entry.encrypted) return 'archive-encrypted';
  if (!entry.decodable) return 'archive-unsupported';
  if (bombLike(entry.size, entry.compressedSize)) return 'archive-bomb';
  if (!archiveKind(inner) && entry.size > options.maxFileSize) return 'too-large';
  return undefined;
}

type TarItem = { entry: TarEntry; data?: Buffer };

async function* tarFragments(path: string, data: Buffer, depth: number, budget: Budget, options: ArchiveOptions): AsyncGenerator<Fragment> {
  const isFile = (entry: TarEntry): boolean => entry.type === 'file' || entry.type === 'contiguous-file';
  const wanted = (entry: TarEntry): boolean => isFile(entry) && !unsafeTarName(entry.name) && (archiveKind(entry.name) !== undefined || entry.size <= options.maxFileSize);
  const entries = tarEntries(data, wanted);
  try {
    for (;;) {
      let next: IteratorResult<TarItem>;
      try {
        next = await entries.next();
      } catch {
        throw new Unreadable('archive-corrupt');
      }
      if (next.done) return;
      const { entry, data: content } = next.value;
      countEntry(budget);
      const inner = `${path}!/${entry.name.replace(/^\.\//, '')}`;
      if (entry.type === 'symlink' || entry.type === 'link') options.onSkip('symlink', inner);
      else if (!isFile(entry)) continue;
      else if (unsafeTarName(entry.name)) options.onSkip('archive-unsafe-name', inner);
      else if (!content) options.onSkip('too-large', inner);
      // The tar's bytes are counted already (they are in the buffer): its entries spend nothing more.
      else yield* entryFragments(inner, content, depth, budget, options);
    }
  } finally {
    await entries.return(undefined);
  }
}
