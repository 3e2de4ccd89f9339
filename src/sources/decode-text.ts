// Bytes → text the way every source decides it (git's binary rule, UTF-16 with a trusted byte-order mark). Pure;
// its own module, so archives.ts (which files.ts loads) does not import files.ts back.
import { isUtf8 } from 'node:buffer';

const SNIFF = 8000;

/** Whether bytes after a UTF-16 byte-order mark are UTF-16: text in UTF-16 has NUL bytes (the high half of every
 *  ASCII character), and bytes that are valid UTF-8 without any NUL are a UTF-8 file that merely starts with FF FE. */
function plausibleUtf16(rest: Buffer): boolean {
  return rest.includes(0) || !isUtf8(rest);
}

/** Text of a file, or the reason it is skipped. Binary = NUL in the first 8000 bytes (git's rule), unless UTF-16 with
 *  a byte-order mark (trusted only when the rest is plausibly UTF-16). Blobs of history and staged share this. */
export function decodeText(buffer: Buffer): string | 'binary' {
  const bom = buffer.length >= 2 ? (buffer[0] === 0xff && buffer[1] === 0xfe ? 'utf-16le' : buffer[0] === 0xfe && buffer[1] === 0xff ? 'utf-16be' : undefined) : undefined;
  if (bom && plausibleUtf16(buffer.subarray(2))) return new TextDecoder(bom).decode(buffer.subarray(2));
  const sniff = buffer.subarray(0, SNIFF);
  if (sniff.includes(0)) return 'binary';
  return buffer.toString('utf8');
}
