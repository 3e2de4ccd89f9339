// --fix: checks that nothing can be lost, then rewrites each literal, moves the secrets into the git-ignored .env,
// lists .env in .gitignore and the names in .env.example. With dryRun it returns the diff and writes nothing.
import { existsSync, lstatSync, readFileSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { RAW, type Finding } from '../types.js';
import type { Remedy } from '../remediate/env-var.js';
import { redactAll } from '../report/redact.js';
import { FixRefusedError } from './errors.js';
import { applyEdits, decodeFile, EditMismatch, encodeFile, type DecodedText } from './text-file.js';
import { addEnvToGitignore, addToDotenv, addToExample, isDotenvFile, maskDotenvLine } from './dotenv.js';
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

async function checkGit(top: string, root: string, byFile: Map<string, FixTarget[]>): Promise<void> {
  for (const [file, targets] of byFile) {
    const path = toGitPath(top, root, file);
    const state = await fileState(top, path);
    if (targets.every((t) => t.remedy.local)) {
      if (state.added) refuse(`${file}: staged (git add), so the next commit would hold the secrets in it`, 'run git rm --cached on it (it was never committed) and list it in .gitignore');
      if (state.tracked) refuse(`${file}: tracked by git, so the secrets in it are committed`, 'run git rm --cached on it, list it in .gitignore and rotate what it held');
      continue;
    }
    if (state.staged && state.unstaged) refuse(`${file}: partially staged (the index and the working tree differ)`, 'stage the whole file or stash the unstaged part (git stash --keep-index), then run --fix again');
    if (!state.unstaged) continue;
    const ranges = await unstagedRanges(top, path);
    for (const [first, last] of touchedLines(targets)) {
      const hit = ranges.find(([a, b]) => a <= last && first <= b);
      if (hit) refuse(`${file}:${first}: has unstaged changes on a line --fix would rewrite`, 'commit, stage or stash them first, then run --fix again');
    }
  }
  const envPath = toGitPath(top, root, ENV);
  if ((await fileState(top, envPath)).tracked) refuse(`${ENV}: tracked by git, so --fix will not put secrets in it`, 'run git rm --cached .env, list it in .gitignore and rotate what it held, then run --fix again');
}

function readDecoded(root: string, file: string): { decoded: DecodedText; mode: number; bytes: Buffer } | undefined {
  const path = join(root, file);
  if (!existsSync(path)) return undefined;
  const stats = lstatSync(path);
  if (stats.isSymbolicLink() || !stats.isFile()) refuse(`${file}: not a regular file (a symbolic link?)`, 'fix the link target by hand');
  const bytes = readFileSync(path);
  const decoded = decodeFile(bytes);
  if (!decoded) refuse(`${file}: not valid UTF-8 or UTF-16, so --fix will not rewrite it`, 'fix it by hand');
  return { decoded, mode: stats.mode & 0o7777, bytes };
}

function planTargets(root: string, byFile: Map<string, FixTarget[]>): Map<string, Planned> {
  const planned = new Map<string, Planned>();
  for (const [file, targets] of byFile) {
    const edits = targets.flatMap((t) => t.remedy.edits);
    if (edits.length === 0) continue;
    const read = readDecoded(root, file);
    if (!read) refuse(`${file}: no longer exists`, 'scan again');
    const unique = [...new Map(edits.map((e) => [`${e.line}:${e.column}:${e.endLine}:${e.endColumn}:${e.text}`, e])).values()];
    let after: string;
    try {
      after = applyEdits(read.decoded.text, unique);
    } catch (error) {
      if (error instanceof EditMismatch) refuse(`${file}: ${error.message}`, 'scan again, then run --fix');
      throw error;
    }
    planned.set(file, { path: file, original: read.bytes, before: read.decoded.text, after, encoding: read.decoded.encoding, newFileMode: read.mode });
  }
  return planned;
}

/** .gitignore, .env and .env.example after the fix; `planned` holds target files already rewritten (a tracked .env.example may be one). */
function planLocalFiles(root: string, targets: FixTarget[], gitignoreNeeded: boolean, planned: Map<string, Planned>): void {
  const update = (path: string, newFileMode: number, change: (text: string | undefined) => string): void => {
    const earlier = planned.get(path);
    if (earlier) {
      earlier.after = change(earlier.after);
      return;
    }
    const read = readDecoded(root, path);
    const before = read?.decoded.text;
    const after = change(before);
    if (after !== before) planned.set(path, { path, original: read?.bytes, before, after, encoding: read?.decoded.encoding ?? 'utf8', newFileMode: read?.mode ?? newFileMode });
  };
  if (gitignoreNeeded) update('.gitignore', 0o644, addEnvToGitignore);
  update(ENV, 0o600, (text) => {
    const result = addToDotenv(text, targets.flatMap((t) => t.remedy.env));
    if (result.conflicts.length > 0) refuse(`${ENV}: already sets ${result.conflicts.join(', ')} to another value`, 'rename or remove the old line in .env, then run --fix again');
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

/** Checks every refusal first, then writes .gitignore, .env, .env.example and the rewritten files (in that order). */
export async function applyFixes(targets: FixTarget[], options: FixOptions): Promise<FixResult> {
  if (targets.length === 0) return { files: [], fixed: 0, diff: '' };
  const history = targets.find((t) => t.finding.commit !== undefined);
  if (history) refuse(`${history.finding.file}: found in commit ${history.finding.commit?.slice(0, 12)}; --fix only rewrites the working tree`, 'rotate the key, then rewrite history (e.g. git filter-repo) if it must go');
  const outside = targets.find((t) => t.finding.file.startsWith('../') || isAbsolute(t.finding.file));
  if (outside) refuse(`${outside.finding.file}: outside the repository, so --fix will not write to it`, 'run keyfence from the repository that holds the file');
  const byFile = groupByFile(targets);
  const top = await workTreeRoot(options.root);
  if (top !== null) await checkGit(top, options.root, byFile);
  const manual = targets.filter((t) => t.remedy.manual !== undefined);
  if (manual.length > 0) {
    const lines = manual.map((t) => `${t.finding.file}:${t.finding.line}: manual: ${t.remedy.manual}`);
    refuse(lines.join('\n'), 'fix these by hand (see each suggestion), or run --fix on the other paths only');
  }
  const gitignoreNeeded = top === null ? !/^\/?\.env\s*$/m.test(existsSync(join(options.root, '.gitignore')) ? readFileSync(join(options.root, '.gitignore'), 'utf8') : '') : !(await isIgnored(top, toGitPath(top, options.root, ENV)));
  const rewritten = planTargets(options.root, byFile);
  planLocalFiles(options.root, targets, gitignoreNeeded, rewritten);
  // Local files first, so an interruption never leaves a source rewritten before .env holds its secret.
  const rank = (p: Planned): number => {
    const at = LOCAL_FILES.indexOf(p.path);
    return at === -1 ? LOCAL_FILES.length : at;
  };
  const planned = [...rewritten.values()].filter((p) => p.before !== p.after).sort((a, b) => rank(a) - rank(b));
  // Every value a .env-format file already holds is masked, context lines too (the secrets of earlier fixes); what the
  // fix adds is shown, its secrets masked below.
  const maskOld = (line: string, kind: string): string => (kind === '+' ? line : maskDotenvLine(line));
  const diff = planned.map((p) => unifiedDiff(p.path, p.before, p.after, options.showSecrets || !isDotenvFile(p.path) ? undefined : maskOld)).join('');
  const shownDiff = options.showSecrets ? diff : redactAll(diff, secretsOf(targets));
  if (!options.dryRun) {
    options.beforeWrite?.();
    writeAll(options.root, planned);
  }
  return { files: planned.map((p) => p.path), fixed: targets.filter((t) => !t.remedy.local).length, diff: shownDiff };
}
