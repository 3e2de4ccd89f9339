// Reads blobs by id through two long-lived `git cat-file` processes (sizes first, then contents), so the history
// sweep can look inside the files git calls binary (UTF-16 text) without one git process per file.
import type { GitProcess, GitRun } from './git.js';
import { startGit, writeInput } from './git.js';
import type { Fragment } from '../types.js';
import type { ArchiveLimits } from '../config/defaults.js';
import type { FileDiff } from './diff.js';
import { decodeText } from './files.js';

interface Pending {
  resolve: (result: { size: number; content?: Buffer } | undefined) => void;
  reject: (error: unknown) => void;
}

/** One `git cat-file --batch` or `--batch-check` process: answers come back in the order ids were written. */
class CatFile {
  private readonly git: GitProcess;
  private readonly pending: Pending[] = [];
  /** Bytes of a header line not complete yet. */
  private head: Buffer = Buffer.alloc(0);
  /** The content being read (--batch): its size, and the pieces received so far (joined once, when complete). */
  private content: { size: number; pieces: Buffer[]; received: number } | undefined;

  constructor(run: GitRun, private readonly withContent: boolean) {
    this.git = startGit(['cat-file', withContent ? '--batch' : '--batch-check'], run);
    this.git.child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    this.git.finished.then(
      () => this.failAll(new Error('git cat-file ended early')),
      (error: unknown) => this.failAll(error),
    );
  }

  ask(id: string): Promise<{ size: number; content?: Buffer } | undefined> {
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      writeInput(this.git, `${id}\n`).catch(reject);
    });
  }

  async close(): Promise<void> {
    this.git.child.stdin.end();
    await this.git.finished;
  }

  stop(): void {
    this.git.stop();
  }

  /** Linear in the bytes received: a big blob arrives in thousands of chunks, and is never re-joined per chunk. */
  private receive(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      const content = this.content;
      if (content) {
        // Content, then the newline cat-file puts after it.
        const take = Math.min(content.size + 1 - content.received, chunk.length - at);
        content.pieces.push(chunk.subarray(at, at + take));
        content.received += take;
        at += take;
        if (content.received === content.size + 1) {
          this.content = undefined;
          const bytes = Buffer.concat(content.pieces, content.received).subarray(0, content.size);
          this.pending.shift()?.resolve({ size: content.size, content: bytes });
        }
        continue;
      }
      const end = chunk.indexOf(10, at);
      if (end === -1) {
        this.head = Buffer.concat([this.head, chunk.subarray(at)]);
        return;
      }
      const header = Buffer.concat([this.head, chunk.subarray(at, end)]).toString('utf8');
      this.head = Buffer.alloc(0);
      at = end + 1;
      this.answer(header);
    }
  }

  /** "<id> <type> <size>", or "<id> missing" for an object this repository lacks. */
  private answer(header: string): void {
    const [, type, size] = header.split(' ');
    if (type === undefined || size === undefined) this.pending.shift()?.resolve(undefined);
    else if (this.withContent) this.content = { size: Number(size), pieces: [], received: 0 };
    else this.pending.shift()?.resolve(type === 'blob' ? { size: Number(size) } : undefined);
  }

  private failAll(error: unknown): void {
    for (const waiting of this.pending.splice(0)) waiting.reject(error);
  }
}

/** Blob contents up to a size limit; both git processes start on the first request. */
export class BlobReader {
  private sizes: CatFile | undefined;
  private contents: CatFile | undefined;

  constructor(private readonly run: GitRun) {}

  /** The blob's bytes; 'too-large' above `maxBytes` (never read); undefined when git does not have it. */
  async read(id: string, maxBytes: number): Promise<Buffer | 'too-large' | undefined> {
    this.sizes ??= new CatFile(this.run, false);
    const info = await this.sizes.ask(id);
    if (!info) return undefined;
    if (info.size > maxBytes) return 'too-large';
    this.contents ??= new CatFile(this.run, true);
    return (await this.contents.ask(id))?.content;
  }

  async close(): Promise<void> {
    await Promise.all([this.sizes?.close(), this.contents?.close()]);
  }

  stop(): void {
    this.sizes?.stop();
    this.contents?.stop();
  }
}

// Formats that are never text in any encoding: their blobs are not worth reading to look for UTF-16.
const BINARY_FORMATS = /\.(p12|pfx|jks|jceks|bks|keystore|png|jpe?g|gif|ico|webp|bmp|tiff?|psd|pdf|zip|gz|tgz|bz2|xz|zst|7z|rar|jar|war|ear|class|so|dll|exe|dylib|a|o|obj|lib|pyc|whl|woff2?|ttf|otf|eot|mp[34]|mov|avi|mkv|webm|wav|flac|ogg|iso|dmg|apk|aar|sqlite3?|db)$/i;

/** Whether a file git calls binary may still be text (UTF-16 with a byte order mark, say) by its name. */
export function mayBeText(path: string): boolean {
  return !BINARY_FORMATS.test(path);
}

/** Reads a blob up to `maxBytes`: its bytes, 'too-large', or undefined when it is not read (or not there). */
export type ReadBlob = (blob: string, maxBytes: number) => Promise<Buffer | 'too-large' | undefined>;

/** A file git calls binary, read from its blob and kept when it is text after all (UTF-16 with a byte-order mark):
 *  its text and size in bytes, or undefined once the reason it is skipped is counted. */
export async function binaryDiffText(diff: FileDiff, read: ReadBlob, maxBytes: number, onSkip: (reason: string, path: string) => void): Promise<{ text: string; bytes: number } | undefined> {
  const bytes = diff.blob ? await read(diff.blob, maxBytes) : undefined;
  if (bytes === 'too-large') return void onSkip('too-large', diff.file);
  const text = bytes ? decodeText(bytes) : 'binary';
  if (text === 'binary' || !bytes) return void onSkip('binary', diff.file);
  return { text, bytes: bytes.length };
}

/** A binary file whose content is not read: only rules that judge the path apply (a .p12 key store). */
export function unreadFragment(diff: FileDiff): Fragment {
  const fragment: Fragment = { file: diff.file, text: '', unread: true };
  if (diff.blob) fragment.blob = diff.blob;
  if (diff.commit) fragment.commit = diff.commit;
  return fragment;
}

/** A binary file named as an archive (archive-names.ts): its blob, within maxTotalBytes, opened by archives.ts, which
 *  loads only then. Its fragments carry the change's commit. */
export async function* archiveBlobFragments(diff: FileDiff, read: ReadBlob, options: { archives: ArchiveLimits; maxFileSize: number; onSkip: (reason: string, path: string) => void; onFile?: (bytes: number) => void }): AsyncGenerator<Fragment> {
  const bytes = diff.blob ? await read(diff.blob, options.archives.maxTotalBytes) : undefined;
  if (bytes === 'too-large') return options.onSkip('too-large', diff.file);
  if (!bytes) return options.onSkip('unreadable', diff.file);
  const { archiveFragments } = await import('./archives.js');
  for await (const fragment of archiveFragments(diff.file, bytes, { limits: options.archives, maxFileSize: options.maxFileSize, onSkip: options.onSkip, ...(options.onFile ? { onFile: options.onFile } : {}) })) {
    if (diff.commit) fragment.commit = diff.commit;
    yield fragment;
  }
}
