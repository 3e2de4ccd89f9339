// Reads and writes the audit's progress: decisions and where each walk stopped, keyed by finding fingerprint (never a
// secret). Kept inside the git directory (never committed), or in the user's state folder outside a repository.
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { makeDirs } from '../make-dirs.cjs';
import { writeFailure } from '../write-failure.js';
import { gitTry } from '../sources/git.js';
import type { Finding } from '../types.js';
import { legacyFingerprintOf, secretIdentity } from '../allow/fingerprint.js';
import { isGuessable } from '../strength.js';
import { RAW } from '../types.js';
import type { Decision } from './session.js';

export interface Progress {
  version: 1;
  /** Decisions that last between runs (a false positive lives in .keyfence-ignore instead). */
  decisions: Record<string, Exclude<Decision, 'false-positive'>>;
  /** Per walk ("scan .", "history --all"…): the fingerprint of the finding on screen when it stopped. */
  walks: Record<string, { at: string }>;
}

export const PROGRESS_NAME = 'keyfence-audit.json';

export function emptyProgress(): Progress {
  return { version: 1, decisions: {}, walks: {} };
}

const FINGERPRINT = /^[0-9a-f]{16,128}$/;

/** A progress text as data; anything unexpected is dropped (progress is a convenience: a bad file starts afresh). */
export function parseProgress(text: string): Progress {
  const progress = emptyProgress();
  let raw: { version?: unknown; decisions?: unknown; walks?: unknown };
  try {
    raw = JSON.parse(text) as typeof raw;
  } catch {
    return progress;
  }
  if (raw?.version !== 1) return progress;
  for (const [fp, decision] of Object.entries((raw.decisions as Record<string, unknown>) ?? {})) {
    if (FINGERPRINT.test(fp) && (decision === 'real' || decision === 'skipped')) progress.decisions[fp] = decision;
  }
  for (const [walk, value] of Object.entries((raw.walks as Record<string, { at?: unknown }>) ?? {})) {
    if (typeof value?.at === 'string' && FINGERPRINT.test(value.at)) progress.walks[walk] = { at: value.at };
  }
  return progress;
}

/** `progress` with the pre-0.2 fingerprints (a plain SHA-256, kept for guessable secrets) of `findings` replaced by
 *  their current ones; the same object when nothing was in the old format. */
export function migrateProgress(progress: Progress, findings: Finding[]): Progress {
  const renamed = new Map<string, string>();
  for (const f of findings) {
    const identity = secretIdentity(f[RAW]);
    if (!isGuessable(identity)) continue;
    const old = legacyFingerprintOf(f.ruleId, f.file, identity);
    if (old !== f.fingerprint && (progress.decisions[old] !== undefined || Object.values(progress.walks).some((w) => w.at === old))) renamed.set(old, f.fingerprint);
  }
  if (renamed.size === 0) return progress;
  const now = (fp: string): string => renamed.get(fp) ?? fp;
  const decisions: Progress['decisions'] = {};
  for (const [fp, decision] of Object.entries(progress.decisions)) decisions[now(fp)] ??= decision;
  const walks: Progress['walks'] = {};
  for (const [walk, { at }] of Object.entries(progress.walks)) walks[walk] = { at: now(at) };
  return { version: 1, decisions, walks };
}

/** `.git/keyfence-audit.json` of the repository (the worktree's own git dir), else a file per folder in
 *  $XDG_STATE_HOME/keyfence (default ~/.local/state/keyfence). */
export async function progressPath(root: string, env: NodeJS.ProcessEnv): Promise<string> {
  const inGit = (await gitTry(['rev-parse', '--git-path', PROGRESS_NAME], { cwd: root }))?.trim();
  if (inGit) return resolve(root, inGit);
  const state = env.XDG_STATE_HOME || join(env.HOME || homedir(), '.local', 'state');
  return join(state, 'keyfence', `audit-${createHash('sha256').update(resolve(root)).digest('hex').slice(0, 16)}.json`);
}

export function readProgress(path: string): Progress {
  try {
    return parseProgress(readFileSync(path, 'utf8'));
  } catch {
    return emptyProgress();
  }
}

/** Atomic (temp file + rename): an interrupted run leaves the previous progress, never half a file. */
export function writeProgress(path: string, progress: Progress): void {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    makeDirs(dirname(path));
    writeFileSync(temp, `${JSON.stringify(progress, null, 2)}\n`);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw writeFailure(error, path, 'save the audit\'s progress', 'outside a repository it goes under XDG_STATE_HOME (or ~/.local/state): point that at a writable folder', path);
  }
}
