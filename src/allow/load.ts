// Reads and writes the files users own for suppression: the baseline, .keyfence-ignore and imported reports.
import { chmodSync, existsSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { InputError } from '../errors.js';
import { whyRefused, writeFailure } from '../write-failure.js';
import { compileSchema, declaredNames, describeErrors } from '../schema.js';
import { packageRoot } from '../paths.js';
import { BASELINE_FILE, BASELINE_VERSION, serializeBaseline, type Baseline, type BaselineEntry } from './baseline.js';
import { cleanReason, IGNORE_FILE, ignoreLine, parseIgnoreFile, withIgnoreLine, withoutIgnoreEntry, type IgnoreEntry } from './ignore-file.js';
import { describeParsePosition, lineOfPointer, withoutBom } from './json-locate.js';

const KEEP_SAFE = 'keyfence never treats a broken baseline as empty; fix the file by hand or restore it with `git checkout -- FILE`';

export interface BaselineLocation {
  path: string;
  /** As shown in messages: relative to cwd. */
  label: string;
  /** Named by the user (flag or config): it must exist for scans. */
  explicit: boolean;
}

/** --baseline FILE (relative to cwd), else config `baseline` (relative to the config's folder), else the default file at the repo root. */
export function locateBaseline(cwd: string, repoRoot: string, flag?: string, config?: { baseline?: string; root: string }): BaselineLocation {
  const chosen = flag !== undefined ? resolve(cwd, flag) : config?.baseline !== undefined ? resolve(config.root, config.baseline) : join(repoRoot, BASELINE_FILE);
  return { path: chosen, label: relative(cwd, chosen) || chosen, explicit: flag !== undefined || config?.baseline !== undefined };
}

function readText(path: string, label: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`${label}: ${what} not found`, 'check the path, or run `keyfence baseline` to create a baseline');
    throw new InputError(`${label}: cannot read ${what}: ${whyRefused(error, path)}`, code === 'EISDIR' ? 'name the file, not a folder' : 'check the file permissions');
  }
}

let validateBaseline: ReturnType<typeof compileSchema<Baseline>> | undefined;
let baselineNames: Set<string> | undefined;

function conflictLine(text: string): number | undefined {
  const at = text.search(/^(<{7}|={7}|>{7})( |$)/m);
  return at === -1 ? undefined : text.slice(0, at).split('\n').length;
}

/** Parses and validates a baseline text: every problem names the file and line; nothing bad ever reads as "no entries". */
export function parseBaseline(given: string, label: string): Baseline {
  const text = withoutBom(given);
  const conflict = conflictLine(text);
  if (conflict !== undefined) {
    throw new InputError(`${label}:${conflict}: unresolved merge conflict`, 'keep the entry lines of both sides, delete the <<<<<<< ======= >>>>>>> markers (or add `.keyfence-baseline.json merge=union` to .gitattributes)');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    // V8's message may quote the text around the error; the position is all a reader needs.
    const where = describeParsePosition(text) ?? 'an unknown position';
    throw new InputError(`${label}: not valid JSON at ${where}`, KEEP_SAFE);
  }
  const version = (raw as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version !== BASELINE_VERSION) {
    throw new InputError(`${label}:${lineOfPointer(text, '/version') ?? 1}: unknown baseline version ${version} (this keyfence reads version ${BASELINE_VERSION})`, 'upgrade keyfence, or recreate the baseline with `keyfence baseline`');
  }
  if (!validateBaseline) {
    const schema = JSON.parse(readFileSync(join(packageRoot, 'schemas', 'baseline.schema.json'), 'utf8')) as object;
    validateBaseline = compileSchema<Baseline>(schema);
    baselineNames = declaredNames(schema);
  }
  if (!validateBaseline(raw)) {
    const problems = (validateBaseline.errors ?? [])
      .filter((e) => e.keyword !== 'if')
      .flatMap((e) => describeErrors([e], `${label}:${lineOfPointer(text, e.instancePath) ?? 1}: `, { names: baselineNames, lineOf: (pointer) => lineOfPointer(text, pointer) }));
    throw new InputError([...new Set(problems)].join('\n'), `see docs/baseline.md for the format; ${KEEP_SAFE}`);
  }
  const items = raw.entries as (BaselineEntry | { end: true })[];
  const endAt = items.findIndex((item) => 'end' in item);
  if (endAt !== -1 && endAt !== items.length - 1) {
    throw new InputError(`${label}:${lineOfPointer(text, `/entries/${endAt}`) ?? 1}: /entries/${endAt}: {"end": true} must be the last element of "entries"`, 'move the entry lines above it');
  }
  return { version: BASELINE_VERSION, kdf: raw.kdf, entries: items.filter((item): item is BaselineEntry => !('end' in item)) };
}

/** The baseline at `location`, or undefined when the default file does not exist. A file named by the user must exist. */
export function readBaseline(location: BaselineLocation): Baseline | undefined {
  if (!existsSync(location.path)) {
    if (location.explicit) throw new InputError(`${location.label}: baseline file not found`, 'check --baseline / "baseline" in the config, or create it with `keyfence baseline`');
    return undefined;
  }
  return parseBaseline(readText(location.path, location.label, 'baseline file'), location.label);
}

/** Writes atomically (temp file + rename) so an interrupted run never leaves half a baseline. */
export function writeBaseline(path: string, baseline: Baseline): void {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, serializeBaseline(baseline));
  try {
    renameSync(temp, path);
  } catch (error) {
    // The target is a folder, or its name is taken by something rename cannot replace: no temp file stays behind.
    rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * Adds "/<baseline> merge=union" to the root .gitattributes unless a line names the file already: two branches
 * that add entries at the same place then merge without conflict. Returns the line added, if any.
 */
export function ensureUnionMerge(repoRoot: string, baselinePath: string): string | undefined {
  if (!existsSync(join(repoRoot, '.git'))) return undefined;
  const rel = relative(repoRoot, baselinePath).split(sep).join('/');
  if (rel.startsWith('..')) return undefined;
  const path = join(repoRoot, '.gitattributes');
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const names = current.split(/\r?\n/).map((l) => l.trim().split(/\s+/)[0]?.replace(/^\//, ''));
  if (names.includes(rel)) return undefined;
  const line = `/${rel} merge=union`;
  writeFileSync(path, `${current}${current === '' || current.endsWith('\n') ? '' : '\n'}${line}\n`);
  return line;
}

/** Entries of .keyfence-ignore at the repository root; none when the file is absent; a bad line is an error. */
export function readIgnoreFile(repoRoot: string, cwd: string, path = join(repoRoot, IGNORE_FILE)): IgnoreEntry[] {
  if (!existsSync(path)) return [];
  const label = relative(cwd, path) || IGNORE_FILE;
  const { entries, problems } = parseIgnoreFile(readText(path, label, 'ignore file'), label);
  if (problems.length > 0) throw new InputError(problems.join('\n'), 'fix or delete the lines named above; each line is a fingerprint from a report, optionally followed by "# reason"');
  return entries;
}

/** Text of a report to import (--from). */
export function readImportFile(cwd: string, file: string): string {
  return readText(resolve(cwd, file), file, 'file to import');
}

/** Writes through a temp file and a rename in the same folder, keeping the file's mode (and a symlink's target). */
function replaceFile(path: string, bytes: Buffer): void {
  let target = path;
  let mode: number | undefined;
  try {
    target = realpathSync(path);
    mode = statSync(target).mode & 0o7777;
  } catch {
    // A new file: created with the default mode.
  }
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, bytes, mode === undefined ? {} : { mode });
    if (mode !== undefined) chmodSync(temp, mode);
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw writeFailure(error, relative(process.cwd(), path) || path, 'write it', 'make it (and its folder) writable, then decide again', target);
  }
}

/** The ignore file's bytes as they are now (re-read before every write: an editor or a second run may have changed
 *  it); a file with a bad line is refused, never rewritten. */
function currentIgnoreBytes(repoRoot: string, cwd: string): { path: string; bytes: Buffer; fingerprints: Set<string> } {
  const path = join(repoRoot, IGNORE_FILE);
  const label = relative(cwd, path) || IGNORE_FILE;
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new InputError(`${label}: cannot read ignore file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, 'check the file permissions');
    bytes = Buffer.alloc(0);
  }
  const { entries, problems } = parseIgnoreFile(bytes.toString('utf8'), label);
  if (problems.length > 0) throw new InputError(problems.join('\n'), 'fix or delete the lines named above; nothing was written');
  return { path, bytes, fingerprints: new Set(entries.map((e) => e.fingerprint)) };
}

/** Appends "<fingerprint> # <reason>" to .keyfence-ignore at the repository root, keeping every byte already there;
 *  false when the fingerprint is listed already. */
export function addIgnoreEntry(repoRoot: string, cwd: string, fingerprint: string, reason: string): boolean {
  const { path, bytes, fingerprints } = currentIgnoreBytes(repoRoot, cwd);
  if (fingerprints.has(fingerprint)) return false;
  const why = cleanReason(reason);
  replaceFile(path, withIgnoreLine(bytes, why === '' ? fingerprint : ignoreLine(fingerprint, why)));
  return true;
}

/** Removes the lines of `fingerprint` from .keyfence-ignore (a decision taken back); false when none was there. */
export function removeIgnoreEntry(repoRoot: string, cwd: string, fingerprint: string): boolean {
  const { path, bytes, fingerprints } = currentIgnoreBytes(repoRoot, cwd);
  if (!fingerprints.has(fingerprint)) return false;
  replaceFile(path, withoutIgnoreEntry(bytes, fingerprint));
  return true;
}
