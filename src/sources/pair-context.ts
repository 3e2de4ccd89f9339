// The unchanged lines around a diff fragment's added lines, read from the file as committed or staged: where the
// other half of a credential pair may sit (a key id committed earlier, its secret added now). Read only when the
// engine says a half is open (detect/pair-context.ts), so the common fragment costs nothing.
import type { Fragment } from '../types.js';
import type { BlobReader } from './blobs.js';
import { decodeText } from './files.js';

/** `fragment` with the lines of `fileText` within `reach` lines of each added line; undefined when the file does not
 *  hold the added lines where the diff put them (then the diff alone is what can be trusted). */
export function widenFragment(fragment: Fragment, fileText: string, reach: number): Fragment | undefined {
  const numbers = fragment.lineNumbers;
  if (!numbers || numbers.length === 0) return undefined;
  const lines = fileText.split('\n');
  const added = fragment.text.split('\n');
  if (added.some((line, i) => lines[(numbers[i] as number) - 1] !== line)) return undefined;
  const kept: number[] = [];
  let next = 1;
  for (const line of numbers) {
    for (let n = Math.max(next, line - reach); n <= Math.min(lines.length, line + reach); n++) kept.push(n);
    next = Math.max(next, line + reach + 1);
  }
  const wide: Fragment = { file: fragment.file, text: kept.map((n) => lines[n - 1]).join('\n'), lineNumbers: kept, added: new Set(numbers) };
  if (fragment.commit) wide.commit = fragment.commit;
  if (fragment.blob) wide.blob = fragment.blob;
  return wide;
}

/** The fragment widened from its blob (at most `maxBytes`), or undefined when the blob cannot be read as text. */
export async function blobContext(fragment: Fragment, blobs: BlobReader, maxBytes: number, reach: number): Promise<Fragment | undefined> {
  if (!fragment.blob) return undefined;
  const bytes = await blobs.read(fragment.blob, maxBytes);
  if (!(bytes instanceof Buffer)) return undefined;
  const text = decodeText(bytes);
  return text === 'binary' ? undefined : widenFragment(fragment, text, reach);
}
