// Standard input → one Fragment (for editors and pipes: `cat file | keyfence scan --stdin`).
import type { Fragment } from '../types.js';
import { decodeText } from './files.js';

export async function* stdinFragments(input: AsyncIterable<Buffer | string>, file: string, onSkip: (reason: string, path: string) => void, onFile?: (bytes: number) => void): AsyncGenerator<Fragment> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  const buffer = Buffer.concat(chunks);
  const text = decodeText(buffer);
  if (text === 'binary') return onSkip('binary', file);
  onFile?.(buffer.length);
  yield { file, text };
}
