// Offsets inside a fragment → 1-based line and column in the original file.
import type { Fragment } from '../types.js';

export interface LineIndex {
  starts: number[];
}

export function indexLines(text: string): LineIndex {
  const starts = [0];
  let at = text.indexOf('\n');
  while (at !== -1) {
    starts.push(at + 1);
    at = text.indexOf('\n', at + 1);
  }
  return { starts };
}

/** Which line (0-based, within the fragment text) holds `offset`. */
export function lineOfOffset(index: LineIndex, offset: number): number {
  let lo = 0;
  let hi = index.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((index.starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export interface Location {
  /** 0-based line within the fragment text. */
  textLine: number;
  /** 1-based line in the file. */
  line: number;
  /** 1-based column. */
  column: number;
  lineText: string;
}

export function locate(fragment: Fragment, index: LineIndex, offset: number): Location {
  const textLine = lineOfOffset(index, offset);
  const start = index.starts[textLine] as number;
  const next = index.starts[textLine + 1];
  let end = next === undefined ? fragment.text.length : next - 1;
  if (end > start && fragment.text.charCodeAt(end - 1) === 13) end -= 1;
  const line = fragment.lineNumbers ? (fragment.lineNumbers[textLine] ?? textLine + 1) : textLine + 1;
  return { textLine, line, column: offset - start + 1, lineText: fragment.text.slice(start, end) };
}
