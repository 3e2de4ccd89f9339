// One batch of files → findings, skips and byte counts as plain data: the same code on the main thread and in workers.
import { RAW, type Finding } from '../types.js';
import { scanFragment, type Engine } from '../scan.js';
import { readFragment } from '../sources/files.js';
import type { ArchiveLimits } from '../config/defaults.js';

/** A finding as structured clone carries it: the unredacted values (under the RAW symbol) travel beside it. */
export interface WireFinding {
  finding: Finding;
  raw: Finding[typeof RAW];
}

export interface BatchResult {
  findings: WireFinding[];
  skips: [reason: string, file: string][];
  /** Bytes of each file scanned, in order. */
  bytes: number[];
  /** Submodule folders met, for the main thread to scan (git lists them as one entry). */
  folders: BatchPath[];
  /** Archives met, for the main thread to open (rare, and opened asynchronously), with how many of `findings` come
   *  before theirs in the serial order. */
  archives: [path: BatchPath, file: string, at: number][];
}

export interface BatchSettings {
  /** Paths in findings are relative to this. */
  base: string;
  maxFileSize: number;
  /** Files named as arguments: a symbolic link there is followed, as in the serial source. */
  named?: string[];
  /** Archives are handed back to be opened within these bounds; absent, they are counted as skipped. */
  archives?: ArchiveLimits;
}

/** A file to read: its path, or its bytes for a name that is not UTF-8 (a Uint8Array once it crossed to a worker). */
export type BatchPath = string | Uint8Array;

/** Reads and scans `paths` in order, exactly as the serial files source and scanFragments would. */
export function scanFileBatch(paths: readonly BatchPath[], engine: Engine, settings: BatchSettings): BatchResult {
  const result: BatchResult = { findings: [], skips: [], bytes: [], folders: [], archives: [] };
  const options = {
    cwd: settings.base,
    base: settings.base,
    inGit: false,
    gitignore: false,
    maxFileSize: settings.maxFileSize,
    isPathAllowed: engine.allowlist.isPathAllowed,
    onSkip: (reason: string, file: string) => result.skips.push([reason, file]),
    onFile: (bytes: number) => result.bytes.push(bytes),
    onFolder: (folder: BatchPath) => result.folders.push(folder),
    ...(settings.archives ? { archives: settings.archives } : {}),
    onArchive: (path: BatchPath, file: string) => result.archives.push([path, file, result.findings.length]),
  };
  for (const path of paths) {
    const fragment = readFragment(path, options, typeof path === 'string' && (settings.named?.includes(path) ?? false));
    if (!fragment) continue;
    for (const finding of scanFragment(fragment, engine)) result.findings.push({ finding, raw: finding[RAW] });
  }
  return result;
}

/** Puts the RAW values back after a trip through postMessage (structured clone drops symbol keys). */
export function restoreFinding(wire: WireFinding): Finding {
  return Object.assign(wire.finding, { [RAW]: wire.raw });
}
