// First finding step: drops findings listed in .keyfence-ignore or the baseline, and counts suppressed and stale entries.
import type { Finding, Stats } from '../types.js';
import { join, relative } from 'node:path';
import { findRepoRoot } from '../config/load.js';
import { matchFingerprint, normalisePath, prepareFingerprints } from '../allow/fingerprint.js';
import { matchBaseline, SecretHasher, staleEntries } from '../allow/baseline.js';
import { locateBaseline, readBaseline, readIgnoreFile } from '../allow/load.js';
import type { FindingStep, StepContext } from '../finding-step.js';
import { IGNORE_FILE } from '../allow/ignore-file.js';

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

/** One notice per pre-0.2 fingerprint still in use: where it is and the fingerprint that replaces it. */
function legacyNotices(context: StepContext, ignoreLabel: string, ignoreLines: Map<string, number>, fromIgnore: Map<string, string>): void {
  const say = (where: string, now: string): void => void context.notices.push(`${where}: a fingerprint in the old format (a plain SHA-256, which a short secret can be guessed from); replace it with ${now}. It still works until then`);
  for (const [old, now] of fromIgnore) say(`${ignoreLabel}:${ignoreLines.get(old) ?? 1}`, now);
  const { config, allowlist } = context.engine;
  for (const [old, now] of allowlist.legacy) say(`${config.source ?? '.keyfence.json'}: /allow/fingerprints/${config.allow.fingerprints.indexOf(old)}`, now);
  allowlist.legacy.clear();
}

export const baselineStep: FindingStep = async (findings, context) => {
  const repoRoot = findRepoRoot(context.cwd);
  const entries = readIgnoreFile(repoRoot, context.cwd, context.ignoreFile);
  const ignored = new Set(entries.map((e) => e.fingerprint));
  const fromIgnore = new Map<string, string>();
  let kept: Finding[] = findings;
  if (ignored.size > 0) {
    // Guessable secrets' hashes run in parallel first; reading each fingerprint below then costs a SHA-256.
    await prepareFingerprints(findings);
    kept = findings.filter((f) => {
      const match = matchFingerprint(ignored, f);
      if (match?.legacy) fromIgnore.set(match.entry, f.fingerprint);
      return match === undefined;
    });
    addSkips(context.stats, 'ignored', findings.length - kept.length);
  }
  legacyNotices(context, relative(context.cwd, context.ignoreFile ?? join(repoRoot, IGNORE_FILE)) || IGNORE_FILE, new Map(entries.map((e) => [e.fingerprint, e.line])), fromIgnore);
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
  if (context.command !== 'staged' && context.command !== 'commit-msg') stats.stale = staleEntries(baseline, match.matchedKeys, pathIndependent).length;
  context.stats.baseline = stats;
  return match.kept;
};
