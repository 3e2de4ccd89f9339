// Standard input → one Fragment (for editors and pipes: `cat file | keyfence scan --stdin`). Streamed: at most
// `maxBytes` are kept, and more than that is read to the end (so the writer is not cut off) and counted too-large.
import type { Fragment } from '../types.js';
import { decodeText } from './files.js';

export async function* stdinFragments(input: AsyncIterable<Buffer | string>, file: string, maxBytes: number, onSkip: (reason: string, path: string) => void, onFile?: (bytes: number) => void): AsyncGenerator<Fragment> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += bytes.length;
    if (size <= maxBytes) chunks.push(bytes);
    // Past the limit nothing is kept: what was kept is let go, the rest drains away.
    else if (chunks.length > 0) chunks.length = 0;
  }
  if (size > maxBytes) return onSkip('too-large', file);
  const buffer = Buffer.concat(chunks, size);
  const text = decodeText(buffer);
  if (text === 'binary') return onSkip('binary', file);
  onFile?.(buffer.length);
  yield { file, text };
}
