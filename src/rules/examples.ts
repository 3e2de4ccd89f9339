// Pure: runs rules' own examples through the detector and checks their shape. test/rules.test.ts, `keyfence rules
// test` and the config loader (custom rules) all use these, so what is tested is what ships.
import { RAW, type Fragment, type Rule, type RuleExample } from '../types.js';
import { detectFragment, type DetectOptions, type RuleSet } from '../detect/engine.js';

export function joinParts(parts: string | string[]): string {
  return Array.isArray(parts) ? parts.join('') : parts;
}

export function exampleText(example: RuleExample): string {
  return joinParts(example.text);
}

export interface ExampleResult {
  ruleId: string;
  kind: 'match' | 'noMatch';
  /** 1-based, within its kind. */
  index: number;
  why: string;
  /** Why it failed; absent when it passed. Never holds the example's text, secret or the rule's values. */
  problem?: string;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The fragment an example stands for: a rule that reads the path sees its file unread, as a binary file is. */
function exampleFragment(rule: Rule, example: RuleExample): Fragment {
  const file = example.file ?? 'example.txt';
  return rule.target === 'path' ? { file, text: '', unread: true } : { file, text: exampleText(example) };
}

function matchProblem(rule: Rule, example: RuleExample, ruleSet: RuleSet, options: DetectOptions): string | undefined {
  if (rule.target === 'path' && example.file === undefined) return 'a rule that reads the path needs the example\'s "file"';
  const lower = (rule.target === 'path' ? (example.file as string) : exampleText(example)).toLowerCase();
  // The prefilter runs a rule only where one of its keywords occurs: such an example could never be found.
  const byPath = rule.keywordPaths !== undefined && example.file !== undefined && new RegExp(rule.keywordPaths).test(example.file);
  if (rule.target !== 'path' && !byPath && !rule.keywords.some((k) => lower.includes(k.toLowerCase()))) return 'contains none of the rule\'s keywords, so its regex never runs on it';
  const findings = detectFragment(exampleFragment(rule, example), ruleSet, options).filter((f) => f.ruleId === rule.id);
  if (findings.length !== 1) return `expected exactly one finding of this rule, got ${findings.length}`;
  if (example.secret !== undefined && (findings[0] as (typeof findings)[number])[RAW].secret !== joinParts(example.secret)) return 'the secret found differs from the example\'s "secret"';
  return undefined;
}

function noMatchProblem(rule: Rule, example: RuleExample, ruleSet: RuleSet, options: DetectOptions): string | undefined {
  const found = detectFragment(exampleFragment(rule, example), ruleSet, options).filter((f) => f.ruleId === rule.id).length;
  return found === 0 ? undefined : `expected no finding of this rule, got ${plural(found, 'finding')}`;
}

/** Every example of `rule`, run against `ruleSet` (which must contain the rule: other rules may win its matches). */
export function runRuleExamples(rule: Rule, ruleSet: RuleSet, options: DetectOptions = {}): ExampleResult[] {
  const results: ExampleResult[] = [];
  for (const [kind, check] of [['match', matchProblem], ['noMatch', noMatchProblem]] as const) {
    rule.examples[kind].forEach((example, i) => {
      const problem = check(rule, example, ruleSet, options);
      results.push({ ruleId: rule.id, kind, index: i + 1, why: example.why, ...(problem !== undefined ? { problem } : {}) });
    });
  }
  return results;
}

/** What a rule file must hold beyond its schema: the shipped catalogue is stricter than users' own rules. */
export interface RulePolicy {
  minMatch: number;
  minNoMatch: number;
  /** Every rule names the environment variable its secret should come from. */
  requireEnvVar: boolean;
}

export const BUILTIN_POLICY: RulePolicy = { minMatch: 2, minNoMatch: 2, requireEnvVar: true };
/** A custom rule needs one example it must find: without it nothing shows that the rule finds anything. */
export const CUSTOM_POLICY: RulePolicy = { minMatch: 1, minNoMatch: 0, requireEnvVar: false };

export interface RuleProblem {
  ruleId: string;
  check: 'id' | 'examples' | 'envVar';
  problem: string;
}

const RULE_ID = /^[a-z0-9]+(-[a-z0-9]+)+$/;

/** Ids unique and `<provider>-<what>`, enough examples of each kind, no example twice, env vars named. */
export function ruleProblems(rules: Rule[], policy: RulePolicy): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const seen = new Set<string>();
  for (const rule of rules) {
    if (seen.has(rule.id)) problems.push({ ruleId: rule.id, check: 'id', problem: 'duplicate id' });
    seen.add(rule.id);
    if (!RULE_ID.test(rule.id)) problems.push({ ruleId: rule.id, check: 'id', problem: 'id must be kebab-case <provider>-<what>' });
    const { match, noMatch } = rule.examples;
    if (match.length < policy.minMatch) problems.push({ ruleId: rule.id, check: 'examples', problem: `needs at least ${plural(policy.minMatch, 'match example')} (has ${match.length})` });
    if (noMatch.length < policy.minNoMatch) problems.push({ ruleId: rule.id, check: 'examples', problem: `needs at least ${plural(policy.minNoMatch, 'noMatch example')} (has ${noMatch.length})` });
    const texts = [...match, ...noMatch].map((e) => (rule.target === 'path' ? `${e.file ?? ''}\0${exampleText(e)}` : exampleText(e)));
    if (new Set(texts).size !== texts.length) problems.push({ ruleId: rule.id, check: 'examples', problem: 'has the same example text twice' });
    if (policy.requireEnvVar && !/^[A-Z][A-Z0-9_]*$/.test(rule.remediation?.envVar ?? '')) problems.push({ ruleId: rule.id, check: 'envVar', problem: 'needs an upper-snake-case remediation.envVar' });
  }
  return problems;
}

/**
 * One line per failing check of users' rules (`<source>: rule "<id>": match example 2: <why it failed>`), for the
 * loader to refuse the config. Names rules and examples by id and number only: the texts may hold real secrets.
 */
export function customRuleFailures(rules: { rule: Rule; source: string }[], ruleSet: RuleSet, options: DetectOptions = {}): string[] {
  const sources = new Map(rules.map(({ rule, source }) => [rule.id, source]));
  const lines = ruleProblems(rules.map((r) => r.rule), CUSTOM_POLICY).map((p) => `${sources.get(p.ruleId)}: rule "${p.ruleId}": ${p.problem}`);
  for (const { rule, source } of rules) {
    for (const result of runRuleExamples(rule, ruleSet, options)) {
      if (result.problem !== undefined) lines.push(`${source}: rule "${rule.id}": ${result.kind} example ${result.index}: ${result.problem}`);
    }
  }
  return lines;
}
