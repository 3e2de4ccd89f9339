// Where the hooks live (husky's .husky/, core.hooksPath, or .git/hooks) and how to add keyfence to them: pre-commit
// runs `keyfence staged`, commit-msg `keyfence commit-msg "$1"`.
// The only writer besides --fix: it creates or appends, and never replaces or drops what a hook already holds.
import { chmodSync, lstatSync, readFileSync, readlinkSync, writeFileSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { makeDirs } from '../make-dirs.cjs';
import { writeFailure } from '../write-failure.js';
import { gitOutput, gitTry } from './git.js';

/** One hook keyfence installs: its file name, the subcommand it runs, and the line that runs it. */
export interface HookSpec {
  name: 'pre-commit' | 'commit-msg';
  subcommand: 'staged' | 'commit-msg';
  /** What husky's hook file holds (husky v9 runs it with node_modules/.bin on PATH). */
  line: string;
  /** The block of a plain git hook (git runs it directly, so it says where keyfence is). */
  block: string;
}

function hookSpec(name: HookSpec['name'], subcommand: HookSpec['subcommand'], args: string, what: string): HookSpec {
  const line = `keyfence ${subcommand}${args}`;
  const mark = `# keyfence: refuse commits ${what} (installed by \`keyfence init\`)`;
  return { name, subcommand, line, block: `${mark}\nPATH="$(git rev-parse --show-toplevel)/node_modules/.bin:$PATH" ${line} || exit $?\n` };
}

export const PRE_COMMIT = hookSpec('pre-commit', 'staged', '', 'that add secrets');
/** git passes the message file's path as the hook's first argument. */
export const COMMIT_MSG = hookSpec('commit-msg', 'commit-msg', ' "$1"', 'whose message holds secrets');
export const HUSKY_LINE = PRE_COMMIT.line;

export interface HookPlan {
  kind: 'husky' | 'git';
  hook: HookSpec['name'];
  /** Absolute path of the file written. */
  file: string;
  action: 'created' | 'appended' | 'updated' | 'unchanged';
  /** Extra advice for the user (e.g. husky not installed yet), every one that applies. */
  notes: string[];
}

/** Does an existing hook already run `keyfence <subcommand>`? Ignores commented-out lines. */
export function runsKeyfence(text: string, subcommand: HookSpec['subcommand'] = 'staged'): boolean {
  const runs = new RegExp(`\\bkeyfence(\\.js)?\\s+${subcommand}(?![\\w-])`);
  return text.split('\n').some((line) => !line.trim().startsWith('#') && runs.test(line));
}

function appendText(existing: string, addition: string): string {
  if (existing === '') return addition;
  return `${existing}${existing.endsWith('\n') ? '' : '\n'}${addition}`;
}

/** husky v9's first command: after the lines that start a hook file (shebang, comments, blank lines, v8's husky.sh),
 *  so `keyfence staged` runs even when a later command (husky init's `npm test`) fails and sh -e stops the hook. */
function addFirst(existing: string, addition: string): string {
  const lines = existing.split('\n');
  let at = 0;
  while (at < lines.length - 1 && /^\s*(#.*)?$|^\.\s.*husky\.sh/.test(lines[at] as string)) at++;
  return [...lines.slice(0, at), addition.replace(/\n$/, ''), ...lines.slice(at)].join('\n');
}

/** A line that runs `exit` or `exec` (alone, after `then`/`else`/`do`, or after `;`, `&&`, `||`): the hook may end there. */
const STOP = /(?:^|[;&|]|\b(?:then|else|do)\s)\s*(exit|exec)\b/;
/** Lines that continue a compound command opened above them, so the block starts further up. */
const CONTINUES = /^(?:else|elif|fi|then|do|done|esac|[})]|;;)(?:\s|;|$)/;

interface Placed {
  text: string;
  /** When the stop is inside a block: the block's first line and the stop's (1-based), and what stops. */
  block?: { line: number; stopLine: number; word: string; opener: string };
}

/** Adds the block at the end, or above the first top-level statement that can run `exit`/`exec` (a plain line, or an
 *  `if … exec … fi` block as the pre-commit framework writes): lines after it may never run. */
function addBeforeExit(existing: string, addition: string): Placed {
  const lines = existing.split('\n');
  const stopAt = lines.findIndex((line) => !line.trim().startsWith('#') && STOP.test(line));
  if (stopAt < 0) return { text: appendText(existing, addition) };
  let at = stopAt;
  // Up to the line in column 0 that opens the statement holding the stop (not an `else` or `fi` of it).
  while (at > 0 && (/^\s/.test(lines[at] as string) || CONTINUES.test(lines[at] as string) || /^(#.*)?$/.test(lines[at] as string))) at--;
  if (at === 0 && lines[0]?.startsWith('#!')) at = 1;
  const text = [...lines.slice(0, at), addition.replace(/\n$/, ''), ...lines.slice(at)].join('\n');
  if (at === stopAt) return { text };
  const word = STOP.exec(lines[stopAt] as string)?.[1] as string;
  return { text, block: { line: at + 1, stopLine: stopAt + 1, word, opener: (lines[at] as string).trim().split(/\s+/)[0] as string } };
}

/** The pre-commit framework writes this line into the hooks it installs (and replaces them on `pre-commit install`). */
const PRE_COMMIT_FRAMEWORK = /^# File generated by pre-commit: https:\/\/pre-commit\.com/m;
const FRAMEWORK_HINT = 'add keyfence to .pre-commit-config.yaml instead (repo: this project, hook id keyfence or keyfence-system; see the README)';

function lstatOrUndefined(file: string): Stats | undefined {
  try {
    return lstatSync(file);
  } catch {
    return undefined;
  }
}

/** A hook is read and written as bytes (latin1 maps each byte to one character and back): a hook in another
 *  encoding keeps every byte, and one that is a program rather than a script is refused, never rewritten. */
function readHook(file: string, followSymlinks: boolean): string | undefined {
  const stat = lstatOrUndefined(file);
  if (!stat) return undefined;
  const shown = relative(process.cwd(), file) || file;
  if (stat.isSymbolicLink() && !followSymlinks) {
    throw new UsageError(`${shown} is a symbolic link to ${readlinkSync(file)}: writing the hook would change that file`, 'rerun with --follow-symlinks to write into the file it points to, or replace the link with a file');
  }
  const bytes = readFileSync(file);
  if (bytes.subarray(0, 8000).includes(0) || bytes.subarray(0, 4).toString('latin1') === '\x7fELF') {
    throw new UsageError(`${shown}: the existing hook is a binary program, so keyfence cannot add to it`, 'call `keyfence staged` from it yourself and stop when it exits non-zero');
  }
  return bytes.toString('latin1');
}

function writeHook(file: string, text: string, mode?: number): void {
  writeFileSync(file, Buffer.from(text, 'latin1'), mode === undefined ? {} : { mode });
}

interface Husky {
  dir: string;
  /** husky v8 and older point core.hooksPath at the folder itself, so git runs the files directly: they need a shebang. */
  direct: boolean;
  installed: boolean;
}

/** husky v9 sets core.hooksPath to `<dir>/_`; v8 to `.husky`; a `.husky` folder without hooksPath is not installed yet.
 *  Any other hooksPath is not husky's, and the plain hook goes there. */
function findHusky(top: string, hooksPath: string | undefined): Husky | undefined {
  if (hooksPath && /(^|[\\/])_[\\/]?$/.test(hooksPath)) return { dir: resolve(top, dirname(hooksPath.replace(/[\\/]$/, ''))), direct: false, installed: true };
  const dotHusky = join(top, '.husky');
  if (hooksPath) return resolve(top, hooksPath) === dotHusky ? { dir: dotHusky, direct: true, installed: true } : undefined;
  return lstatOrUndefined(dotHusky) ? { dir: dotHusky, direct: false, installed: false } : undefined;
}

function installHusky(husky: Husky, spec: HookSpec, followSymlinks: boolean): HookPlan {
  const file = join(husky.dir, spec.name);
  const existing = readHook(file, followSymlinks);
  const note = husky.installed ? undefined : 'husky is not installed in this clone yet: run `npx husky` (or `npm install`, if package.json has "prepare": "husky")';
  const plan = (action: HookPlan['action']): HookPlan => ({ kind: 'husky', hook: spec.name, file, action, notes: note ? [note] : [] });
  if (existing !== undefined && runsKeyfence(existing, spec.subcommand)) return plan('unchanged');
  makeDirs(husky.dir);
  // husky v9 puts node_modules/.bin on PATH for hooks; with v8, git runs the file itself, so it says where keyfence is.
  const start = existing ?? (husky.direct ? '#!/usr/bin/env sh\n' : '');
  writeHook(file, start === '' ? `${spec.line}\n` : addFirst(start, husky.direct ? spec.block : `${spec.line}\n`), 0o755);
  return plan(existing === undefined ? 'created' : 'updated');
}

function installPlain(hooksDir: string, spec: HookSpec, force: boolean, followSymlinks: boolean): HookPlan {
  const file = join(hooksDir, spec.name);
  const existing = readHook(file, followSymlinks);
  const hook = spec.name;
  if (existing === undefined) {
    makeDirs(hooksDir);
    writeHook(file, `#!/bin/sh\n${spec.block}`, 0o755);
    chmodSync(file, 0o755);
    return { kind: 'git', hook, file, action: 'created', notes: [] };
  }
  if (runsKeyfence(existing, spec.subcommand)) return { kind: 'git', hook, file, action: 'unchanged', notes: [] };
  const shown = relative(process.cwd(), file) || file;
  const framework = PRE_COMMIT_FRAMEWORK.test(existing);
  if (framework && !force) throw new UsageError(`${shown} was installed by the pre-commit framework, which replaces it on every \`pre-commit install\``, FRAMEWORK_HINT);
  if (!force) throw new UsageError(`${shown}: a ${spec.name} hook that is not keyfence's already exists`, `rerun with --force to append \`${spec.line}\` to it (nothing in it is removed), or add that line yourself`);
  const shebang = existing.startsWith('#!') ? existing.slice(0, existing.indexOf('\n')) : '#!/bin/sh';
  if (!/\b(sh|bash|dash|zsh|ksh)\b/.test(shebang)) throw new UsageError(`${shown}: the existing hook is not a shell script (${shebang}), so keyfence cannot append to it`, `call \`${spec.line}\` from it yourself and stop when it exits non-zero`);
  const placed = addBeforeExit(existing, spec.block);
  writeHook(file, placed.text);
  const notes: string[] = [];
  if (placed.block) {
    const { line, stopLine, word, opener } = placed.block;
    notes.push(`the hook's \`${word}\` on line ${stopLine} ends it, so the keyfence lines went above the \`${opener}\` block that holds it (line ${line}), where they run first`);
  }
  if (framework) notes.push(`the next \`pre-commit install\` replaces this hook and drops keyfence: ${FRAMEWORK_HINT}`);
  // Above a stop the lines were inserted, not appended: say so.
  return { kind: 'git', hook, file, action: placed.text.endsWith(spec.block) ? 'appended' : 'updated', notes };
}

/** Installs the hook `spec` (default pre-commit) for the repository around `cwd`. */
export async function installHook(cwd: string, force: boolean, followSymlinks = false, spec: HookSpec = PRE_COMMIT): Promise<HookPlan> {
  const top = (await gitOutput(['rev-parse', '--show-toplevel'], { cwd })).trim();
  if (top === '') throw new UsageError('this is a bare repository: it has no work tree to commit from', 'run keyfence init inside a clone with a work tree');
  const hooksPath = (await gitTry(['config', '--get', 'core.hooksPath'], { cwd }))?.trim() || undefined;
  const husky = findHusky(top, hooksPath);
  // --git-path hooks honours core.hooksPath and worktrees; relative answers are relative to cwd.
  const hooks = husky ? husky.dir : (await gitOutput(['rev-parse', '--git-path', 'hooks'], { cwd })).trim();
  const dir = isAbsolute(hooks) ? hooks : resolve(cwd, hooks);
  try {
    return husky ? installHusky(husky, spec, followSymlinks) : installPlain(dir, spec, force, followSymlinks);
  } catch (error) {
    const file = join(dir, spec.name);
    const shown = relative(process.cwd(), file);
    const hint = (error as NodeJS.ErrnoException).code === 'EISDIR' ? `${file} is a folder: move it away, then run keyfence init again` : unwritableHint(dir, hooksPath, husky !== undefined);
    throw writeFailure(error, shown === '' || shown.startsWith('..') ? file : shown, `install the ${spec.name} hook`, hint, file);
  }
}

/** How to get a hooks folder keyfence can write: where it came from decides what to change. */
function unwritableHint(dir: string, hooksPath: string | undefined, husky: boolean): string {
  if (husky) return `make ${dir} a writable folder (husky keeps its hooks there), then run keyfence init again`;
  if (hooksPath) return `core.hooksPath is ${hooksPath}: point it at a writable folder (git config core.hooksPath .githooks) or unset it (git config --unset core.hooksPath), then run keyfence init again`;
  return `make ${dir} a writable folder, then run keyfence init again`;
}
