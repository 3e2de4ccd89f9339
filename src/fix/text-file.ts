// Reading and writing the files --fix edits: keep encoding (UTF-8 with or without BOM, UTF-16), line endings and mode.
import type { FixEdit } from '../remediate/env-var.js';

export type Encoding = 'utf8' | 'utf16le' | 'utf16be';

export interface DecodedText {
  text: string;
  encoding: Encoding;
}

/** The text as the scanner saw it (a UTF-8 BOM stays in the text, as in sources/files.ts); undefined for bytes that do not round-trip. */
export function decodeFile(buffer: Buffer): DecodedText | undefined {
  if (buffer.length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe) return { text: buffer.subarray(2).toString('utf16le'), encoding: 'utf16le' };
  if (buffer.length >= 2 && buffer[0] === 0xfe && buffer[1] === 0xff) return { text: Buffer.from(buffer.subarray(2)).swap16().toString('utf16le'), encoding: 'utf16be' };
  const text = buffer.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(buffer)) return undefined;
  return { text, encoding: 'utf8' };
}

export function encodeFile(decoded: DecodedText): Buffer {
  if (decoded.encoding === 'utf8') return Buffer.from(decoded.text, 'utf8');
  const body = Buffer.from(decoded.text, 'utf16le');
  if (decoded.encoding === 'utf16le') return Buffer.concat([Buffer.from([0xff, 0xfe]), body]);
  return Buffer.concat([Buffer.from([0xfe, 0xff]), body.swap16()]);
}

/** Offsets of each line start (lines split on \n; a \r before it belongs to the line ending). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}

export class EditMismatch extends Error {}

/** Applies edits made against `text` (1-based positions, end exclusive); throws EditMismatch when a span no longer holds what it expects or two edits overlap. */
export function applyEdits(text: string, edits: FixEdit[]): string {
  const starts = lineStarts(text);
  const offset = (line: number, column: number): number => {
    const start = starts[line - 1];
    if (start === undefined) throw new EditMismatch(`line ${line} is past the end of the file`);
    return start + column - 1;
  };
  const spans = edits.map((edit) => ({ edit, from: offset(edit.line, edit.column), to: offset(edit.endLine, edit.endColumn) }));
  for (const span of spans) {
    const actual = text.slice(span.from, span.to);
    if (actual.replace(/\r\n/g, '\n') !== span.edit.expect.replace(/\r\n/g, '\n')) throw new EditMismatch(`line ${span.edit.line} changed since it was scanned`);
  }
  spans.sort((a, b) => b.from - a.from || b.to - a.to || (a.edit.text < b.edit.text ? 1 : -1));
  let out = text;
  let limit = Infinity;
  for (const span of spans) {
    if (span.to > limit) throw new EditMismatch(`two edits overlap at line ${span.edit.line}`);
    out = out.slice(0, span.from) + span.edit.text + out.slice(span.to);
    limit = span.from;
  }
  return out;
}
