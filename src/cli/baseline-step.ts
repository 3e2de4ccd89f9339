// First finding step: drops findings listed in .keyfence-ignore or the baseline, and counts suppressed and stale entries.
import type { Finding, Stats } from '../types.js';
import { relative } from 'node:path';
import { findRepoRoot } from '../config/load.js';
import { normalisePath } from '../allow/fingerprint.js';
import { matchBaseline, SecretHasher, staleEntries } from '../allow/baseline.js';
import { locateBaseline, readBaseline, readIgnoreFile } from '../allow/load.js';
import type { FindingStep } from '../finding-step.js';

/** What the step adds to stats (stats.baseline). */
export interface BaselineStats {
  file: string;
  entries: number;
  suppressed: number;
  /** Entries no finding matched; absent for `staged`, which sees only the changed lines. */
  stale?: number;
}

function addSkips(stats: Stats, reason: string, count: number): void {
  if (count > 0) stats.skipped[reason] = (stats.skipped[reason] ?? 0) + count;
}

export const baselineStep: FindingStep = async (findings, context) => {
  const repoRoot = findRepoRoot(context.cwd);
  const ignored = new Set(readIgnoreFile(repoRoot, context.cwd, context.ignoreFile).map((e) => e.fingerprint));
  let kept: Finding[] = findings;
  if (ignored.size > 0) {
    kept = findings.filter((f) => !ignored.has(f.fingerprint));
    addSkips(context.stats, 'ignored', findings.length - kept.length);
  }
  const config = context.engine.config;
  const location = locateBaseline(context.cwd, repoRoot, context.options.baseline, config);
  const baseline = readBaseline(location);
  if (!baseline) return kept;
  // A validated baseline holds only hashes; a generic high-entropy rule must not report it.
  const own = normalisePath(relative(config.root, location.path));
  const outside = kept.filter((f) => normalisePath(f.file) !== own);
  addSkips(context.stats, 'baseline-file', kept.length - outside.length);
  kept = outside;
  const pathIndependent = config.pathIndependentBaseline;
  const match = await matchBaseline(kept, baseline, new SecretHasher(baseline.kdf), pathIndependent);
  addSkips(context.stats, 'baseline', match.suppressed.length);
  const stats: BaselineStats = { file: location.label, entries: baseline.entries.length, suppressed: match.suppressed.length };
  if (context.command !== 'staged') stats.stale = staleEntries(baseline, match.matchedKeys, pathIndependent).length;
  context.stats.baseline = stats;
  return match.kept;
};
