// The one door to tar-stream: a tar held in memory → its entries in order, each read only when asked (a tar holds its
// bytes as they are, so a size is never a lie about the memory it takes: the bytes are already in the buffer).
import type * as TarStream from 'tar-stream';
import { lazyRequire } from '../lazy-require.js';

export interface TarEntry {
  name: string;
  /** file, directory, symlink, link, …: only files hold content to scan. */
  type: string;
  size: number;
}

/** Each entry of the tar, with its bytes when `wanted` says so. Rejects on a tar that cannot be parsed. */
export async function* tarEntries(bytes: Buffer, wanted: (entry: TarEntry) => boolean): AsyncGenerator<{ entry: TarEntry; data?: Buffer }> {
  const extract = (lazyRequire('tar-stream') as typeof TarStream).extract();
  extract.end(bytes);
  try {
    for await (const stream of extract) {
      const entry: TarEntry = { name: stream.header.name, type: stream.header.type ?? 'file', size: stream.header.size ?? 0 };
      if (!wanted(entry)) {
        stream.resume();
        yield { entry };
        continue;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      yield { entry, data: Buffer.concat(chunks) };
    }
  } finally {
    extract.destroy();
  }
}

/** Why a tar entry's name is unsafe (absolute, `..`), as yauzl says it for zips; undefined when it is safe. */
export function unsafeTarName(name: string): string | undefined {
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return `absolute path: ${name}`;
  if (name.split(/[\\/]/).includes('..')) return `invalid relative path: ${name}`;
  return undefined;
}
