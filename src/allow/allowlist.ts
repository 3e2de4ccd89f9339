// The one door to picomatch: path globs for global and per-rule allowlists (dot: true reaches .github/).
import { lazyRequire } from '../lazy-require.js';
import type { Finding } from '../types.js';
import { matchFingerprint, normalisePath } from './fingerprint.js';

const matchers = new Map<string, (path: string) => boolean>();

/** Compiled on first use and shared by every rule with the same globs: picomatch compiles slowly, and the hook starts fast. */
export function makePathMatcher(globs: string[]): (path: string) => boolean {
  if (globs.length === 0) return () => false;
  const key = JSON.stringify(globs);
  const existing = matchers.get(key);
  if (existing) return existing;
  let isMatch: ((path: string) => boolean) | undefined;
  // History asks about the same paths commit after commit; remember answers (bounded, so memory stays flat).
  const answers = new Map<string, boolean>();
  const matcher = (path: string): boolean => {
    const known = answers.get(path);
    if (known !== undefined) return known;
    isMatch ??= (lazyRequire('picomatch') as typeof import('picomatch'))(globs, { dot: true });
    const answer = isMatch(normalisePath(path));
    if (answers.size >= 10_000) answers.clear();
    answers.set(path, answer);
    return answer;
  };
  matchers.set(key, matcher);
  return matcher;
}

/** Config allowlist, compiled once per run. */
export interface Allowlist {
  isPathAllowed: (path: string) => boolean;
  regexes: RegExp[];
  stopwords: string[];
  commits: string[];
  fingerprints: Set<string>;
  /** Pre-0.2 fingerprints that matched a finding → that finding's fingerprint now (for a notice to migrate them). */
  legacy: Map<string, string>;
}

/** `makeRegExp`: how the config's regexes are built (the scan runs them under a deadline). */
export function buildAllowlist(allow: { paths: string[]; regexes: string[]; stopwords: string[]; commits: string[]; fingerprints: string[] }, makeRegExp: (source: string, index: number) => RegExp = (source) => new RegExp(source)): Allowlist {
  return {
    isPathAllowed: makePathMatcher(allow.paths),
    regexes: allow.regexes.map((r, i) => makeRegExp(r, i)),
    stopwords: allow.stopwords.map((w) => w.toLowerCase()),
    commits: allow.commits.map((c) => c.toLowerCase()),
    fingerprints: new Set(allow.fingerprints),
    legacy: new Map(),
  };
}

/** Whether `allow.fingerprints` suppresses the finding; a pre-0.2 entry still does, and is noted for migration. */
export function isFingerprintAllowed(allowlist: Allowlist, finding: Finding): boolean {
  const match = matchFingerprint(allowlist.fingerprints, finding);
  if (match?.legacy) allowlist.legacy.set(match.entry, finding.fingerprint);
  return match !== undefined;
}

export function isCommitAllowed(allowlist: Allowlist, commit: string | undefined): boolean {
  if (commit === undefined || allowlist.commits.length === 0) return false;
  const sha = commit.toLowerCase();
  return allowlist.commits.some((c) => sha.startsWith(c));
}
