// Where the pre-commit hook lives (husky's .husky/pre-commit, core.hooksPath, or .git/hooks) and how to add keyfence to it.
// The only writer besides --fix: it creates or appends, and never replaces or drops what a hook already holds.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { gitOutput, gitTry } from './git.js';

export const HUSKY_LINE = 'keyfence staged';
const MARK = '# keyfence: refuse commits that add secrets (installed by `keyfence init`)';
const PLAIN_BLOCK = `${MARK}\nPATH="$(git rev-parse --show-toplevel)/node_modules/.bin:$PATH" keyfence staged || exit $?\n`;

export interface HookPlan {
  kind: 'husky' | 'git';
  /** Absolute path of the file written. */
  file: string;
  action: 'created' | 'appended' | 'unchanged';
  /** Extra advice for the user (e.g. husky not installed yet). */
  note?: string;
}

/** Does an existing hook already run keyfence? Ignores commented-out lines. */
export function runsKeyfence(text: string): boolean {
  return text.split('\n').some((line) => !line.trim().startsWith('#') && /\bkeyfence(\.js)?\s+staged\b/.test(line));
}

function appendText(existing: string, addition: string): string {
  if (existing === '') return addition;
  return `${existing}${existing.endsWith('\n') ? '' : '\n'}${addition}`;
}

/** Adds the block at the end, or just before a top-level `exit`/`exec`: lines after those never run. */
function addBeforeExit(existing: string, addition: string): string {
  const stop = /^(?:exit|exec)\b/m.exec(existing);
  if (!stop) return appendText(existing, addition);
  return `${existing.slice(0, stop.index)}${addition}${existing.slice(stop.index)}`;
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
  return existsSync(dotHusky) ? { dir: dotHusky, direct: false, installed: false } : undefined;
}

function installHusky(husky: Husky): HookPlan {
  const file = join(husky.dir, 'pre-commit');
  const existing = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  const note = husky.installed ? undefined : 'husky is not installed in this clone yet: run `npx husky` (or `npm install`, if package.json has "prepare": "husky")';
  const plan = (action: HookPlan['action']): HookPlan => ({ kind: 'husky', file, action, ...(note ? { note } : {}) });
  if (existing !== undefined && runsKeyfence(existing)) return plan('unchanged');
  mkdirSync(husky.dir, { recursive: true });
  // husky v9 puts node_modules/.bin on PATH for hooks; with v8, git runs the file itself, so it says where keyfence is.
  const start = existing ?? (husky.direct ? '#!/usr/bin/env sh\n' : '');
  writeFileSync(file, addBeforeExit(start, husky.direct ? PLAIN_BLOCK : `${HUSKY_LINE}\n`), { mode: 0o755 });
  return plan(existing === undefined ? 'created' : 'appended');
}

function installPlain(hooksDir: string, force: boolean): HookPlan {
  const file = join(hooksDir, 'pre-commit');
  if (!existsSync(file)) {
    mkdirSync(hooksDir, { recursive: true });
    writeFileSync(file, `#!/bin/sh\n${PLAIN_BLOCK}`, { mode: 0o755 });
    chmodSync(file, 0o755);
    return { kind: 'git', file, action: 'created' };
  }
  const existing = readFileSync(file, 'utf8');
  if (runsKeyfence(existing)) return { kind: 'git', file, action: 'unchanged' };
  const shown = relative(process.cwd(), file) || file;
  if (!force) throw new UsageError(`${shown}: a pre-commit hook that is not keyfence's already exists`, 'rerun with --force to append `keyfence staged` to it (nothing in it is removed), or add that line yourself');
  const shebang = existing.startsWith('#!') ? existing.slice(0, existing.indexOf('\n')) : '#!/bin/sh';
  if (!/\b(sh|bash|dash|zsh|ksh)\b/.test(shebang)) throw new UsageError(`${shown}: the existing hook is not a shell script (${shebang}), so keyfence cannot append to it`, 'call `keyfence staged` from it yourself and stop when it exits non-zero');
  writeFileSync(file, addBeforeExit(existing, PLAIN_BLOCK));
  const plan: HookPlan = { kind: 'git', file, action: 'appended' };
  // [ \t], not \s: a run of blank lines is not indentation (and \s+ from every line start was quadratic on them).
  if (/^[ \t]+exec\s/m.test(existing)) plan.note = 'the hook calls `exec` inside a block; if that runs first, the keyfence lines never do: move them above it';
  return plan;
}

/** Installs the hook for the repository around `cwd`. */
export async function installHook(cwd: string, force: boolean): Promise<HookPlan> {
  const top = (await gitOutput(['rev-parse', '--show-toplevel'], { cwd })).trim();
  if (top === '') throw new UsageError('this is a bare repository: it has no work tree to commit from', 'run keyfence init inside a clone with a work tree');
  const hooksPath = (await gitTry(['config', '--get', 'core.hooksPath'], { cwd }))?.trim() || undefined;
  const husky = findHusky(top, hooksPath);
  if (husky) return installHusky(husky);
  // --git-path hooks honours core.hooksPath and worktrees; relative answers are relative to cwd.
  const hooks = (await gitOutput(['rev-parse', '--git-path', 'hooks'], { cwd })).trim();
  return installPlain(isAbsolute(hooks) ? hooks : resolve(cwd, hooks), force);
}
