// The pipeline: source fragments → prefilter → detectors → allowlists → Finding stream.
import type { Finding, Fragment, Stats } from './types.js';
import type { Config } from './config/defaults.js';
import { buildRuleSet, detectFragment, type DetectOptions, type RuleSet } from './detect/engine.js';
import { compileRules, loadBuiltinRules, readRuleFile, type LoadedRule, checkRuleFile } from './rules/load.js';
import { buildAllowlist, isCommitAllowed, isFingerprintAllowed, makePathMatcher, type Allowlist } from './allow/allowlist.js';
import { RuleFileError } from './errors.js';
import { loadPrefilterCache } from './rules/prefilter-cache.js';

export interface Engine {
  ruleSet: RuleSet;
  detectOptions: DetectOptions;
  allowlist: Allowlist;
  config: Config;
}

/** Built-in rules (unless `extends: none`), minus `disable`, plus the config's own rules. */
export function loadRulesForConfig(config: Config, extraRuleFiles: string[] = []): LoadedRule[] {
  const builtin = config.extends === 'none' ? [] : loadBuiltinRules();
  const problems: string[] = [];
  const known = new Set(builtin.map((r) => r.rule.id));
  const custom: LoadedRule[] = [];
  if (config.rules.length > 0) {
    const label = config.source ?? '.keyfence.json';
    const found = checkRuleFile(label, { rules: config.rules });
    if (found.length > 0) problems.push(...found);
    else custom.push(...(config.rules as LoadedRule['rule'][]).map((rule) => ({ rule, source: label, custom: true })));
  }
  for (const file of extraRuleFiles) {
    const result = readRuleFile(file);
    problems.push(...result.problems);
    custom.push(...result.rules.map((r) => ({ ...r, custom: true })));
  }
  for (const r of custom) known.add(r.rule.id);
  config.disable.forEach((id, i) => {
    // The id is not echoed: an entry that names no rule may be anything, a pasted secret included.
    if (!known.has(id)) problems.push(`${config.source ?? '.keyfence.json'}: /disable/${i}: names no rule (\`keyfence rules\` lists their ids)`);
  });
  if (problems.length > 0) throw new RuleFileError(problems, 'fix the rules or config named above');
  const disabled = new Set(config.disable);
  return [...builtin, ...custom].filter((r) => !disabled.has(r.rule.id));
}

export function createEngine(config: Config, trace?: (ruleId: string, reason: string) => void): Engine {
  const loaded = loadRulesForConfig(config);
  const compiled = compileRules(loaded, { makePathMatcher, checkRedos: (r) => (r as { custom?: boolean }).custom === true });
  const allowlist = buildAllowlist(config.allow);
  const detectOptions: DetectOptions = {
    allowRegexes: allowlist.regexes,
    allowStopwords: allowlist.stopwords,
    aws: { canaryAccounts: config.aws.canaryAccounts, ownAccounts: config.aws.ownAccounts },
    entropy: config.entropy,
  };
  if (trace) detectOptions.trace = trace;
  return { ruleSet: buildRuleSet(compiled, loadPrefilterCache(compiled.map((r) => r.keywords))), detectOptions, allowlist, config };
}

export function emptyStats(rulesLoaded: number): Stats {
  return { bytes: 0, files: 0, commits: 0, findings: 0, skipped: {}, durationMs: 0, rulesLoaded };
}

export function countSkip(stats: Stats, reason: string): void {
  stats.skipped[reason] = (stats.skipped[reason] ?? 0) + 1;
}

/** The callbacks every source uses to count what it skipped and what it read. */
export function statsCounters(stats: Stats): { onSkip: (reason: string) => void; onFile: (bytes: number) => void } {
  return {
    onSkip: (reason) => countSkip(stats, reason),
    onFile: (bytes) => {
      stats.files++;
      stats.bytes += bytes;
    },
  };
}

/** Findings of one fragment after the config's path, commit and fingerprint allowlists. */
export function scanFragment(fragment: Fragment, engine: Engine): Finding[] {
  const { allowlist } = engine;
  if (allowlist.isPathAllowed(fragment.file)) return [];
  if (isCommitAllowed(allowlist, fragment.commit?.commit)) return [];
  const findings = detectFragment(fragment, engine.ruleSet, engine.detectOptions);
  return allowlist.fingerprints.size === 0 ? findings : findings.filter((f) => !isFingerprintAllowed(allowlist, f));
}

export async function* scanFragments(source: AsyncIterable<Fragment>, engine: Engine, stats: Stats): AsyncGenerator<Finding> {
  for await (const fragment of source) {
    for (const finding of scanFragment(fragment, engine)) {
      stats.findings++;
      yield finding;
    }
  }
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Stable order: file, line, column, rule, then the fingerprint (two secrets at one place in different commits of a
 *  history, whose parallel sweep finds them in no fixed order). */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => byText(a.file, b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId) || byText(a.fingerprint, b.fingerprint));
}
