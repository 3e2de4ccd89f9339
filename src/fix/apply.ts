// --fix: checks that nothing can be lost, then rewrites each literal, moves the secrets into the git-ignored .env,
// lists .env in .gitignore and the names in .env.example. With dryRun it returns the diff and writes nothing.
import { existsSync, lstatSync, readFileSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { RAW, type Finding } from '../types.js';
import type { Remedy } from '../remediate/env-var.js';
import { redactAll } from '../report/redact.js';
import { FixRefusedError } from './errors.js';
import { Refusals } from './refusals.js';
import { applyEdits, decodeFile, EditMismatch, encodeFile, type DecodedText } from './text-file.js';
import { addEnvToGitignore, addToDotenv, addToExample, isDotenvFile, maskDotenvLine, parseDotenv } from './dotenv.js';
import { fileState, isIgnored, unstagedRanges, workTreeRoot } from './git-state.js';
import { unifiedDiff } from './diff.js';
import { removeTemp, renameTemp, unchangedSince, writeTemp } from './atomic.js';

export interface FixTarget {
  finding: Finding;
  remedy: Remedy;
}

export interface FixOptions {
  /** Folder the findings' paths are relative to (the repository root). */
  root: string;
  dryRun: boolean;
  /** Show secrets in the dry-run diff. */
  showSecrets: boolean;
  /** Called once everything is planned and checked, before the first write (tests play another writer here). */
  beforeWrite?: () => void;
}

export interface FixResult {
  /** Paths written (or, with dryRun, that would be). */
  files: string[];
  fixed: number;
  /** Unified diff of every change (secrets redacted unless showSecrets). */
  diff: string;
  /** dryRun only: why a real run would refuse (one line each, with its fix); the diff holds the rest of the plan. */
  refusals: string[];
}

interface Planned {
  path: string;
  /** The bytes read when planning (undefined: the file did not exist): the file must still hold them when written. */
  original: Buffer | undefined;
  before: string | undefined;
  after: string;
  encoding: DecodedText['encoding'];
  newFileMode: number;
}

const ENV = '.env';
const LOCAL_FILES = ['.gitignore', ENV, '.env.example'];

function toGitPath(top: string, root: string, file: string): string {
  return relative(realpathSync(top), join(realpathSync(root), file)).split(sep).join('/');
}

function refuse(message: string, hint: string): never {
  throw new FixRefusedError(message, hint);
}

function groupByFile(targets: FixTarget[]): Map<string, FixTarget[]> {
  const byFile = new Map<string, FixTarget[]>();
  for (const target of targets) byFile.set(target.finding.file, [...(byFile.get(target.finding.file) ?? []), target]);
  return byFile;
}

/** Lines each edit of a file touches, for the unstaged-changes check. */
function touchedLines(targets: FixTarget[]): [number, number][] {
  return targets.flatMap((t) => t.remedy.edits.map((e): [number, number] => [e.expect === '' ? Math.max(1, e.line - 1) : e.line, e.endColumn === 1 && e.endLine > e.line ? e.endLine - 1 : e.endLine]));
}

async function checkGit(top: string, root: string, byFile: Map<string, FixTarget[]>, refusals: Refusals): Promise<void> {
  for (const [file, targets] of byFile) {
    if (refusals.has(file)) continue;
    const path = toGitPath(top, root, file);
    const state = await fileState(top, path);
    if (targets.every((t) => t.remedy.local)) {
      if (state.added) refusals.add(`${file}: staged (git add), so the next commit would hold the secrets in it`, 'run git rm --cached on it (it was never committed) and list it in .gitignore', file);
      else if (state.tracked) refusals.add(`${file}: tracked by git, so the secrets in it are committed`, 'run git rm --cached on it, list it in .gitignore and rotate what it held', file);
      continue;
    }
    if (state.staged && state.unstaged) {
      refusals.add(`${file}: partially staged (the index and the working tree differ)`, 'stage the whole file or stash the unstaged part (git stash --keep-index), then run --fix again', file);
      continue;
    }
    if (!state.unstaged) continue;
    const ranges = await unstagedRanges(top, path);
    for (const [first, last] of touchedLines(targets)) {
      const hit = ranges.find(([a, b]) => a <= last && first <= b);
      if (hit) refusals.add(`${file}:${first}: has unstaged changes on a line --fix would rewrite`, 'commit, stage or stash them first, then run --fix again', file);
    }
  }
  const envPath = toGitPath(top, root, ENV);
  if ((await fileState(top, envPath)).tracked) refusals.add(`${ENV}: tracked by git, so --fix will not put secrets in it`, 'run git rm --cached .env, list it in .gitignore and rotate what it held, then run --fix again');
}

/** The file decoded; undefined when it does not exist; a string saying why it cannot be rewritten. */
function readDecoded(root: string, file: string): { decoded: DecodedText; mode: number; bytes: Buffer } | undefined | { refused: string; hint: string } {
  const path = join(root, file);
  if (!existsSync(path)) return undefined;
  const stats = lstatSync(path);
  if (stats.isSymbolicLink() || !stats.isFile()) return { refused: `${file}: not a regular file (a symbolic link?)`, hint: 'fix the link target by hand' };
  const bytes = readFileSync(path);
  const decoded = decodeFile(bytes);
  if (!decoded) return { refused: `${file}: not valid UTF-8 or UTF-16, so --fix will not rewrite it`, hint: 'fix it by hand' };
  return { decoded, mode: stats.mode & 0o7777, bytes };
}

function planTargets(root: string, byFile: Map<string, FixTarget[]>, refusals: Refusals): Map<string, Planned> {
  const planned = new Map<string, Planned>();
  for (const [file, targets] of byFile) {
    const edits = targets.flatMap((t) => t.remedy.edits);
    if (edits.length === 0 || refusals.has(file)) continue;
    const read = readDecoded(root, file);
    if (!read || 'refused' in read) {
      refusals.add(read?.refused ?? `${file}: no longer exists`, read?.hint ?? 'scan again', file);
      continue;
    }
    const unique = [...new Map(edits.map((e) => [`${e.line}:${e.column}:${e.endLine}:${e.endColumn}:${e.text}`, e])).values()];
    try {
      const after = applyEdits(read.decoded.text, unique);
      planned.set(file, { path: file, original: read.bytes, before: read.decoded.text, after, encoding: read.decoded.encoding, newFileMode: read.mode });
    } catch (error) {
      if (!(error instanceof EditMismatch)) throw error;
      refusals.add(`${file}: ${error.message}`, 'scan again, then run --fix', file);
    }
  }
  return planned;
}

/** Where each name the fix puts in .env comes from (file:line) and the value it gives, for refusals that name the
 *  line rather than just .env. */
function sourcesOf(targets: FixTarget[]): Map<string, { at: string; value: string | undefined }[]> {
  const sources = new Map<string, { at: string; value: string | undefined }[]>();
  for (const { finding, remedy } of targets) {
    for (const { name, line } of remedy.env) sources.set(name, [...(sources.get(name) ?? []), { at: `${finding.file}:${finding.line}`, value: parseDotenv(line).get(name) }]);
  }
  return sources;
}

/** A .env name the fix cannot add: .env holds it for another value, or two secrets of this run want it. */
function refuseConflict(name: string, held: string | undefined, sources: { at: string; value: string | undefined }[], refusals: Refusals): void {
  if (held !== undefined) {
    const at = sources.filter((s) => s.value !== held).map((s) => s.at);
    return refusals.add(`${at.join(', ') || ENV}: would put ${name} in ${ENV}, which already sets it to another value`, `rename or remove the old line in ${ENV}, then run --fix again`);
  }
  const [first] = sources;
  const at = sources.filter((s) => s.value !== first?.value).map((s) => s.at);
  refusals.add(`${at.join(', ')}: would put ${name} in ${ENV}, which ${first?.at ?? 'another line'} gives another value`, 'rename the variable in one of them, or fix one at a time');
}

/** .gitignore, .env and .env.example after the fix; `planned` holds target files already rewritten (a tracked .env.example may be one). */
function planLocalFiles(root: string, targets: FixTarget[], gitignoreNeeded: boolean, planned: Map<string, Planned>, refusals: Refusals): void {
  const update = (path: string, newFileMode: number, change: (text: string | undefined) => string): void => {
    const earlier = planned.get(path);
    if (earlier) {
      earlier.after = change(earlier.after);
      return;
    }
    const read = readDecoded(root, path);
    if (read && 'refused' in read) return refusals.add(read.refused, read.hint);
    const before = read?.decoded.text;
    const after = change(before);
    // A file that does not exist stays so when nothing would go into it.
    if (after !== before && !(before === undefined && after === '')) planned.set(path, { path, original: read?.bytes, before, after, encoding: read?.decoded.encoding ?? 'utf8', newFileMode: read?.mode ?? newFileMode });
  };
  if (gitignoreNeeded) update('.gitignore', 0o644, addEnvToGitignore);
  update(ENV, 0o600, (text) => {
    const result = addToDotenv(text, targets.flatMap((t) => t.remedy.env));
    const sources = sourcesOf(targets);
    const held = parseDotenv(text ?? '');
    for (const name of new Set(result.conflicts)) refuseConflict(name, held.get(name), sources.get(name) ?? [], refusals);
    return result.text;
  });
  update('.env.example', 0o644, (text) => addToExample(text, targets.flatMap((t) => t.remedy.example)));
}

function secretsOf(targets: FixTarget[]): string[] {
  const secrets = new Set<string>();
  for (const { finding } of targets) {
    const raw = finding[RAW];
    secrets.add(raw.secret);
    secrets.add(raw.lineText.slice(finding.column - 1, finding.endColumn - 1));
    if (raw.pairedId) secrets.add(raw.pairedId);
  }
  return [...secrets].sort((a, b) => b.length - a.length);
}

/** Every temp file is written before any target changes, and each target is checked against the bytes planned from:
 *  a folder that cannot take a file, or another writer's line appended meanwhile, stops the fix with nothing written. */
function writeAll(root: string, planned: Planned[]): void {
  const temps: string[] = [];
  const abort = (message: string, hint: string): never => {
    temps.forEach(removeTemp);
    refuse(message, hint);
  };
  for (const p of planned) {
    try {
      temps.push(writeTemp(join(root, p.path), encodeFile({ text: p.after, encoding: p.encoding }), p.newFileMode));
    } catch (error) {
      abort(`${p.path}: cannot write beside it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); nothing was changed`, 'check the folder\'s permissions and free space, then run --fix again');
    }
  }
  const changed = planned.find((p) => !unchangedSince(join(root, p.path), p.original));
  if (changed) abort(`${changed.path}: changed on disk while --fix ran; nothing was changed`, 'run --fix again');
  planned.forEach((p, i) => renameTemp(temps[i] as string, join(root, p.path)));
}

/** Checks every refusal first, then writes .gitignore, .env, .env.example and the rewritten files (in that order).
 *  A real run refuses with every reason at once; a dry run returns them with the plan of the files not refused. */
export async function applyFixes(targets: FixTarget[], options: FixOptions): Promise<FixResult> {
  if (targets.length === 0) return { files: [], fixed: 0, diff: '', refusals: [] };
  const refusals = new Refusals();
  const top = await workTreeRoot(options.root);
  // Files --fix never writes (a commit's, or outside the folder): that says it all, their manual notes would repeat it.
  const never = new Set<string>();
  for (const { finding } of targets) {
    const { file } = finding;
    if (never.has(file)) continue;
    if (finding.commit !== undefined) refusals.add(`${file}: found in commit ${finding.commit.slice(0, 12)}; --fix only rewrites the working tree`, 'rotate the key, then rewrite history (e.g. git filter-repo) if it must go', file);
    else if (file.startsWith('../') || isAbsolute(file)) {
      const inRepo = top !== null;
      refusals.add(`${file}: outside ${inRepo ? 'the repository' : `the folder keyfence runs in (${options.root})`}, so --fix will not write to it`, `run keyfence --fix from ${inRepo ? 'the repository' : 'a folder'} that holds the file`, file);
    } else continue;
    never.add(file);
  }
  const byFile = groupByFile(targets);
  if (top !== null) await checkGit(top, options.root, byFile, refusals);
  for (const { finding, remedy } of targets) {
    if (remedy.manual !== undefined && !never.has(finding.file)) refusals.add(`${finding.file}:${finding.line}: manual: ${remedy.manual}`, 'fix these by hand (see each suggestion), or run --fix on the other paths only', finding.file);
  }
  const kept = targets.filter((t) => !refusals.has(t.finding.file));
  const gitignoreNeeded = top === null ? !/^\/?\.env\s*$/m.test(existsSync(join(options.root, '.gitignore')) ? readFileSync(join(options.root, '.gitignore'), 'utf8') : '') : !(await isIgnored(top, toGitPath(top, options.root, ENV)));
  const rewritten = planTargets(options.root, groupByFile(kept), refusals);
  const local = kept.filter((t) => !refusals.has(t.finding.file));
  // With every file refused there is nothing to keep locally: .gitignore, .env and .env.example stay as they are.
  if (local.some((t) => t.remedy.env.length + t.remedy.edits.length + t.remedy.example.length > 0)) planLocalFiles(options.root, local, gitignoreNeeded, rewritten, refusals);
  const refused = refusals.error();
  if (refused && !options.dryRun) throw refused;
  // Local files first, so an interruption never leaves a source rewritten before .env holds its secret.
  const rank = (p: Planned): number => {
    const at = LOCAL_FILES.indexOf(p.path);
    return at === -1 ? LOCAL_FILES.length : at;
  };
  const planned = [...rewritten.values()].filter((p) => p.before !== p.after && !refusals.has(p.path)).sort((a, b) => rank(a) - rank(b));
  // Every value a .env-format file already holds is masked, context lines too (the secrets of earlier fixes); what the
  // fix adds is shown, its secrets masked below.
  const maskOld = (line: string, kind: string): string => (kind === '+' ? line : maskDotenvLine(line));
  const diff = planned.map((p) => unifiedDiff(p.path, p.before, p.after, options.showSecrets || !isDotenvFile(p.path) ? undefined : maskOld)).join('');
  const shownDiff = options.showSecrets ? diff : redactAll(diff, secretsOf(targets));
  if (!options.dryRun) {
    options.beforeWrite?.();
    writeAll(options.root, planned);
  }
  const fixed = kept.filter((t) => !t.remedy.local && !refusals.has(t.finding.file)).length;
  return { files: planned.map((p) => p.path), fixed, diff: shownDiff, refusals: refused ? refusals.lines() : [] };
}
