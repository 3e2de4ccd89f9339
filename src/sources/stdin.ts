// Standard input → one Fragment (for editors and pipes: `cat file | keyfence scan --stdin`).
import type { Fragment } from '../types.js';
import { decodeText } from './files.js';

export async function* stdinFragments(input: AsyncIterable<Buffer | string>, file: string, onSkip: (reason: string, path: string) => void): AsyncGenerator<Fragment> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  const text = decodeText(Buffer.concat(chunks));
  if (text === 'binary') onSkip('binary', file);
  else yield { file, text };
}
