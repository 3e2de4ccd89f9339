// Reads blobs by id through two long-lived `git cat-file` processes (sizes first, then contents), so the history
// sweep can look inside the files git calls binary (UTF-16 text) without one git process per file.
import type { GitProcess, GitRun } from './git.js';
import { startGit, writeInput } from './git.js';
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
  private buffer: Buffer = Buffer.alloc(0);
  /** Size of the content being read (--batch), or -1 while a header is awaited. */
  private expecting = -1;

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

  private receive(chunk: Buffer): void {
    this.buffer = this.buffer.length > 0 ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      if (this.expecting >= 0) {
        // Content, then the newline cat-file puts after it.
        if (this.buffer.length < this.expecting + 1) return;
        const content = Buffer.from(this.buffer.subarray(0, this.expecting));
        this.buffer = this.buffer.subarray(this.expecting + 1);
        this.expecting = -1;
        this.pending.shift()?.resolve({ size: content.length, content });
        continue;
      }
      const end = this.buffer.indexOf(10);
      if (end === -1) return;
      const header = this.buffer.subarray(0, end).toString('utf8');
      this.buffer = this.buffer.subarray(end + 1);
      // "<id> <type> <size>", or "<id> missing" for an object this repository lacks.
      const [, type, size] = header.split(' ');
      if (type === undefined || size === undefined) this.pending.shift()?.resolve(undefined);
      else if (this.withContent) this.expecting = Number(size);
      else this.pending.shift()?.resolve(type === 'blob' ? { size: Number(size) } : undefined);
    }
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
const BINARY_FORMATS = /\.(png|jpe?g|gif|ico|webp|bmp|tiff?|psd|pdf|zip|gz|tgz|bz2|xz|zst|7z|rar|jar|war|ear|class|so|dll|exe|dylib|a|o|obj|lib|pyc|whl|woff2?|ttf|otf|eot|mp[34]|mov|avi|mkv|webm|wav|flac|ogg|iso|dmg|apk|aar|sqlite3?|db)$/i;

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
