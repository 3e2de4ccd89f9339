// The build stores the keyword automaton of the built-in catalogue (build/prefilter.bin), so that a start-up with
// the same keywords maps it from disk instead of constructing it: the pre-commit hook's largest fixed cost.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../paths.js';
import { computePrefilterTables, type PrefilterTables } from '../detect/prefilter.js';

export const PREFILTER_CACHE = join(packageRoot, 'build', 'prefilter.bin');

interface Header {
  key: string;
  classes: number;
  asciiClasses: number[];
  outputs: number[][];
  stemRows?: number[];
  alwaysRun: number[];
  ruleCount: number;
  rowCount: number;
}

/** The keywords themselves, compared whole: cheaper at start-up than loading node:crypto to hash them. */
function keyOf(keywordsPerRule: readonly (readonly string[])[]): string {
  return JSON.stringify(keywordsPerRule);
}

/** File layout: 4-byte header length, the JSON header, padding to 4 bytes, then the rows as native-endian int32. */
export function writePrefilterCache(keywordsPerRule: readonly (readonly string[])[], path = PREFILTER_CACHE): void {
  const tables = computePrefilterTables(keywordsPerRule);
  const header: Header = {
    key: keyOf(keywordsPerRule),
    classes: tables.classes,
    asciiClasses: [...tables.asciiClasses],
    outputs: tables.outputs,
    stemRows: tables.stemRows,
    alwaysRun: tables.alwaysRun,
    ruleCount: tables.ruleCount,
    rowCount: tables.rows.length,
  };
  const json = Buffer.from(JSON.stringify(header));
  const start = Math.ceil((4 + json.length) / 4) * 4;
  const file = Buffer.alloc(start + tables.rows.length * 4);
  file.writeUInt32LE(json.length, 0);
  json.copy(file, 4);
  Buffer.from(tables.rows.buffer, tables.rows.byteOffset, tables.rows.byteLength).copy(file, start);
  writeFileSync(path, file);
}

/** The stored automaton when it was built for exactly these keywords; undefined otherwise (then it is built). */
export function loadPrefilterCache(keywordsPerRule: readonly (readonly string[])[], path = PREFILTER_CACHE): PrefilterTables | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const file = readFileSync(path);
    const length = file.readUInt32LE(0);
    const header = JSON.parse(file.subarray(4, 4 + length).toString('utf8')) as Header;
    // A file from before the stems were marked has none: the automaton is built instead.
    if (header.key !== keyOf(keywordsPerRule) || header.stemRows === undefined) return undefined;
    const start = Math.ceil((4 + length) / 4) * 4;
    // A view on the file's bytes when aligned (no copy, no loop), else one native copy.
    const offset = file.byteOffset + start;
    const rows = offset % 4 === 0 ? new Int32Array(file.buffer, offset, header.rowCount) : new Int32Array(file.buffer.slice(offset, offset + header.rowCount * 4));
    return { asciiClasses: Uint8Array.from(header.asciiClasses), classes: header.classes, rows, outputs: header.outputs, stemRows: header.stemRows, alwaysRun: header.alwaysRun, ruleCount: header.ruleCount };
  } catch {
    return undefined;
  }
}
