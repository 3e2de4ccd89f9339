// The build stores the keyword automaton of the built-in catalogue (build/prefilter.bin), so that a start-up with
// the same keywords maps it from disk instead of constructing it: the pre-commit hook's largest fixed cost.
import { closeSync, fstatSync, openSync, readSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../paths.js';
import { computePrefilterTables, type PrefilterKeywords, type PrefilterTables } from '../detect/prefilter.js';

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
function keyOf(keywordsPerRule: PrefilterKeywords): string {
  return JSON.stringify(keywordsPerRule);
}

/** File layout: 4-byte header length, the JSON header, padding to 4 bytes, then the rows as native-endian int32. */
export function writePrefilterCache(keywordsPerRule: PrefilterKeywords, path = PREFILTER_CACHE): void {
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

/** Reads exactly `into.length` bytes at `position`; false when the file ends first. */
function readExactly(fd: number, into: Uint8Array, position: number): boolean {
  let done = 0;
  while (done < into.length) {
    const got = readSync(fd, into, done, into.length - done, position + done);
    if (got === 0) return false;
    done += got;
  }
  return true;
}

/** The stored automaton when it was built for exactly these keywords; undefined otherwise (then it is built). The
 *  header is read first: a config that disables rules never reads the 2 MB of rows, and a match reads them straight
 *  into the table, with no copy. */
export function loadPrefilterCache(keywordsPerRule: PrefilterKeywords, path = PREFILTER_CACHE): PrefilterTables | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const size = fstatSync(fd).size;
    const lengthBytes = Buffer.alloc(4);
    if (!readExactly(fd, lengthBytes, 0)) return undefined;
    const length = lengthBytes.readUInt32LE(0);
    // A damaged length must not make us allocate what the file cannot hold.
    if (4 + length > size) return undefined;
    const json = Buffer.allocUnsafe(length);
    if (!readExactly(fd, json, 4)) return undefined;
    const header = JSON.parse(json.toString('utf8')) as Header;
    // A file from before the stems were marked has none: the automaton is built instead.
    if (header.key !== keyOf(keywordsPerRule) || header.stemRows === undefined) return undefined;
    const start = Math.ceil((4 + length) / 4) * 4;
    if (!Number.isSafeInteger(header.rowCount) || header.rowCount < 0 || start + header.rowCount * 4 > size) return undefined;
    const rows = new Int32Array(header.rowCount);
    if (!readExactly(fd, new Uint8Array(rows.buffer), start)) return undefined;
    return { asciiClasses: Uint8Array.from(header.asciiClasses), classes: header.classes, rows, outputs: header.outputs, stemRows: header.stemRows, alwaysRun: header.alwaysRun, ruleCount: header.ruleCount };
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}
