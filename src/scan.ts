// The pipeline: source fragments → prefilter → detectors → allowlists → Finding stream.
import type { Finding, Fragment, Stats } from './types.js';
import type { Config } from './config/defaults.js';
import { buildRuleSet, detectFragment, prefilterKeywords, type DetectOptions, type RuleSet } from './detect/engine.js';
import { compileRules, headOf, loadBuiltinRules, readRuleFile, type LoadedRule, checkRuleFile } from './rules/load.js';
import { expandRule } from './rules/compile.js';
import { buildAllowlist, isCommitAllowed, isFingerprintAllowed, makePathMatcher, type Allowlist } from './allow/allowlist.js';
import { RegexTimeoutError, RuleFileError } from './errors.js';
import { redosProblem } from './rules/redos.js';
import { GuardedRegExp } from './workers/regex-sandbox.js';
import { loadPrefilterCache } from './rules/prefilter-cache.js';
import { customRuleFailures } from './rules/examples.js';
import { leavesPairOpen, pairReach } from './detect/pair-context.js';

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
  const known = new Set(builtin.map((r) => headOf(r).id));
  const custom: LoadedRule[] = [];
  if (config.rules.length > 0) {
    const label = config.source ?? '.keyfence.json';
    const found = checkRuleFile(label, { rules: config.rules });
    if (found.length > 0) problems.push(...found);
    else custom.push(...(config.rules as LoadedRule['rule'][]).map((rule) => ({ rule: expandRule(rule), source: label, custom: true })));
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
  return [...builtin, ...custom].filter((r) => !disabled.has(headOf(r).id));
}

/** The config's allow regexes: checked for catastrophic backtracking, then run under the sandbox's deadline. */
function configRegExp(config: Config): ((source: string, index: number) => RegExp) | undefined {
  if (config.allow.regexes.length === 0) return undefined;
  const label = config.source ?? '.keyfence.json';
  const problems = config.allow.regexes.flatMap((source, i) => {
    const problem = redosProblem(source);
    return problem ? [`${label}: /allow/regexes/${i}: ${problem}`] : [];
  });
  if (problems.length > 0) throw new RuleFileError(problems, 'fix the allow regexes named above');
  return (source, i) => new GuardedRegExp(source, '', `${label}: /allow/regexes/${i}`);
}

export function createEngine(config: Config, trace?: (ruleId: string, reason: string) => void): Engine {
  const loaded = loadRulesForConfig(config);
  const compiled = compileRules(loaded, { makePathMatcher, checkRedos: (r) => (r as { custom?: boolean }).custom === true });
  const allowlist = buildAllowlist(config.allow, configRegExp(config));
  const detectOptions: DetectOptions = {
    allowRegexes: allowlist.regexes,
    allowStopwords: allowlist.stopwords,
    aws: { canaryAccounts: config.aws.canaryAccounts, ownAccounts: config.aws.ownAccounts },
    entropy: config.entropy,
  };
  if (trace) detectOptions.trace = trace;
  const ruleSet = buildRuleSet(compiled, loadPrefilterCache(prefilterKeywords(compiled)));
  checkCustomExamples(loaded, ruleSet, config);
  return { ruleSet, detectOptions, allowlist, config };
}

/** Users' rules must find their own match examples and none of their noMatch ones, or the config is refused. Only
 *  custom rules run here (the build's catalogue is checked by the test suite); against the whole rule set, since a
 *  specific rule can win a generic one's match; with the config's entropy overrides, before its allowlist. */
function checkCustomExamples(loaded: LoadedRule[], ruleSet: RuleSet, config: Config): void {
  const custom = loaded.filter((r) => (r as { custom?: boolean }).custom === true);
  if (custom.length === 0) return;
  const failures = customRuleFailures(custom, ruleSet, { entropy: config.entropy, aws: { canaryAccounts: config.aws.canaryAccounts, ownAccounts: config.aws.ownAccounts } });
  if (failures.length > 0) throw new RuleFileError(failures, 'fix the rule or its example; `keyfence rules test` prints the result of every example');
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
  let findings: Finding[];
  try {
    findings = detectFragment(fragment, engine.ruleSet, engine.detectOptions);
  } catch (error) {
    // A user's regex past its deadline: name the file it was matching.
    if (error instanceof RegexTimeoutError && error.file === undefined) throw new RegexTimeoutError(error.label, error.deadlineMs, fragment.file);
    throw error;
  }
  return allowlist.fingerprints.size === 0 ? findings : findings.filter((f) => !isFingerprintAllowed(allowlist, f));
}

/** When a diff fragment's findings leave half of a credential pair open, and so the lines around it are worth
 *  reading (undefined: no rule pairs). `reach`: lines on each side. */
export interface PairContext {
  reach: number;
  isOpen: (fragment: Fragment, findings: Finding[]) => boolean;
}

export function pairContextOf(engine: Engine): PairContext | undefined {
  const reach = pairReach(engine.ruleSet);
  if (reach === 0) return undefined;
  const { allowlist } = engine;
  return {
    reach,
    isOpen: (fragment, findings) => leavesPairOpen(fragment, findings, engine.ruleSet, engine.detectOptions) && !allowlist.isPathAllowed(fragment.file) && !isCommitAllowed(allowlist, fragment.commit?.commit),
  };
}

/** scanFragments for diff fragments: one that leaves a pair half open is scanned again, widened by `widen` with the
 *  unchanged lines around it (only what is on added lines is reported, see Fragment.added). */
export async function* scanDiffFragments(source: AsyncIterable<Fragment>, engine: Engine, stats: Stats, widen: (fragment: Fragment, reach: number) => Promise<Fragment | undefined>): AsyncGenerator<Finding> {
  const context = pairContextOf(engine);
  for await (const fragment of source) {
    let findings = scanFragment(fragment, engine);
    if (context?.isOpen(fragment, findings)) {
      const wide = await widen(fragment, context.reach);
      if (wide) findings = scanFragment(wide, engine);
    }
    for (const finding of findings) {
      stats.findings++;
      yield finding;
    }
  }
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
