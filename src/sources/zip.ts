// The one door to yauzl: a zip (jar, war, ear) held in memory → its entries from the central directory, each read on
// demand and never past the size it declares (yauzl checks the bytes it inflates against it).
import type * as Yauzl from 'yauzl';
import { lazyRequire } from '../lazy-require.js';

export interface ZipEntry {
  /** As stored (backslashes turned into slashes); may be unsafe. */
  name: string;
  /** Why the name is unsafe (absolute, `..`), or undefined. */
  unsafe: string | undefined;
  directory: boolean;
  size: number;
  compressedSize: number;
  /** Where its local header starts: entries whose data overlap are a zip bomb. */
  offset: number;
  encrypted: boolean;
  /** Stored or deflated: what yauzl can decode. */
  decodable: boolean;
}

export interface OpenedZip {
  entries: ZipEntry[];
  read: (entry: ZipEntry) => Promise<Buffer>;
  close: () => void;
}

const yauzl = (): typeof Yauzl => lazyRequire('yauzl') as typeof Yauzl;

/** The zip's entries, or 'too-many' (nothing listed) when it declares more than `maxEntries`. Rejects on a zip that
 *  cannot be read (no central directory, bad signatures). */
export function openZip(bytes: Buffer, maxEntries: number): Promise<OpenedZip | 'too-many'> {
  const lib = yauzl();
  return new Promise((resolve, reject) => {
    // Names as bytes: yauzl's own check would end the whole listing at the first unsafe name; ours skips that entry.
    lib.fromBuffer(bytes, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('unreadable zip'));
      if (zip.entryCount > maxEntries) {
        zip.close();
        return resolve('too-many');
      }
      const entries: ZipEntry[] = [];
      const raw = new Map<ZipEntry, Yauzl.Entry>();
      zip.on('error', (failure: Error) => {
        zip.close();
        reject(failure);
      });
      zip.on('entry', (entry: Yauzl.Entry) => {
        const name = lib.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false);
        const listed: ZipEntry = {
          name,
          unsafe: lib.validateFileName(name) ?? undefined,
          directory: name.endsWith('/'),
          size: entry.uncompressedSize,
          compressedSize: entry.compressedSize,
          offset: entry.relativeOffsetOfLocalHeader,
          encrypted: entry.isEncrypted(),
          decodable: entry.canDecodeFileData(),
        };
        entries.push(listed);
        raw.set(listed, entry);
        zip.readEntry();
      });
      zip.on('end', () => resolve({ entries, read: (entry) => readEntry(zip, raw.get(entry) as Yauzl.Entry), close: () => zip.close() }));
      zip.readEntry();
    });
  });
}

function readEntry(zip: Yauzl.ZipFile, entry: Yauzl.Entry): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error || !stream) return reject(error ?? new Error('unreadable entry'));
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', reject);
      stream.on('end', () => resolve(Buffer.concat(chunks)));
    });
  });
}
