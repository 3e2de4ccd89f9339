// A pull request must not silence the scan of its own commits: its config, .keyfence-ignore and baseline are read
// from the base commit (written to a temporary folder and passed to the scan), and what the PR changes in them is
// reported. `trust-pr-config: true` keeps the PR's own files, for repositories that trust every contributor.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { gitTry } from '../sources/git.js';
import { CONFIG_FILE } from '../config/load.js';
import { IGNORE_FILE } from '../allow/ignore-file.js';
import { BASELINE_FILE, newBaseline, serializeBaseline } from '../allow/baseline.js';
import { baselineWidening, configWidening, ignoreWidening } from './widening.js';

export interface Widening {
  /** Repository-relative path of the file the PR changes. */
  file: string;
  changes: string[];
}

export interface PrFiles {
  /** --config / --baseline pointing at the base commit's versions (empty when trusted). */
  flags: string[];
  /** The base commit's .keyfence-ignore, for the scan's ignore step. */
  ignoreFile?: string;
  widenings: Widening[];
  cleanup: () => void;
}

export interface PrFilesInput {
  cwd: string;
  /** Folder for the base versions (RUNNER_TEMP). */
  temp: string;
  base: string;
  head: string;
  /** The workflow's `config` / `baseline` inputs ('' when not set). */
  config: string;
  baseline: string;
  trust: boolean;
}

/** The path inside the repository, or undefined for a file elsewhere on the runner (not the PR's to change). */
function inRepo(cwd: string, path: string): string | undefined {
  const rel = relative(cwd, resolve(cwd, path));
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? undefined : rel.split('\\').join('/');
}

async function show(cwd: string, rev: string, path: string): Promise<string | undefined> {
  return (await gitTry(['show', `${rev}:${path}`], { cwd })) ?? undefined;
}

function baselineField(text: string | undefined): string | undefined {
  try {
    const value = (JSON.parse(text ?? '') as { baseline?: unknown }).baseline;
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

export async function prFiles(input: PrFilesInput): Promise<PrFiles> {
  const { cwd, base, head } = input;
  const configPath = input.config ? inRepo(cwd, input.config) : CONFIG_FILE;
  const baseConfig = configPath ? await show(cwd, base, configPath) : undefined;
  const headConfig = configPath ? await show(cwd, head, configPath) : undefined;
  // The baseline the base commit's setup names (input, else its config's "baseline", else the default file).
  const baselinePath = input.baseline ? inRepo(cwd, input.baseline) : inRepo(cwd, baselineField(baseConfig) ?? BASELINE_FILE);
  const baseBaseline = baselinePath ? await show(cwd, base, baselinePath) : undefined;
  const headBaseline = baselinePath ? await show(cwd, head, baselinePath) : undefined;
  const baseIgnore = await show(cwd, base, IGNORE_FILE);
  const headIgnore = await show(cwd, head, IGNORE_FILE);

  const widenings: Widening[] = [
    ...(configPath ? [{ file: configPath, changes: configWidening(baseConfig, headConfig) }] : []),
    { file: IGNORE_FILE, changes: ignoreWidening(baseIgnore, headIgnore) },
    ...(baselinePath ? [{ file: baselinePath, changes: baselineWidening(baseBaseline, headBaseline) }] : []),
  ].filter((w) => w.changes.length > 0);
  if (input.trust) return { flags: [], widenings, cleanup: () => undefined };

  const dir = mkdtempSync(join(input.temp, 'keyfence-base-'));
  const flags: string[] = [];
  // A config outside the repository is the workflow's own: used as given.
  if (configPath) {
    writeFileSync(join(dir, CONFIG_FILE), baseConfig ?? '{}');
    flags.push('--config', join(dir, CONFIG_FILE));
  }
  if (baselinePath) {
    writeFileSync(join(dir, 'baseline.json'), baseBaseline ?? serializeBaseline(newBaseline()));
    flags.push('--baseline', join(dir, 'baseline.json'));
  }
  const ignoreFile = join(dir, IGNORE_FILE);
  writeFileSync(ignoreFile, baseIgnore ?? '');
  return { flags, ignoreFile, widenings, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
