// Reads rules/*.json and users' custom rules, validates them all with ajv, and reports every problem at once.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CompiledRule, Rule } from '../types.js';
import { RuleFileError } from '../errors.js';
import { rulesDir } from '../paths.js';
import { compileSchema, describeErrors } from '../schema.js';
import { compileRule, type PathMatcherFactory } from './compile.js';
import { CHECKSUMS } from '../detect/checksum.js';
import { isSafeRegex } from './redos.js';

export interface LoadedRule {
  rule: Rule;
  /** The file the rule came from, for error messages. */
  source: string;
}

interface RuleFile {
  rules: Rule[];
}

const KNOWN_VALIDATORS = new Set(['aws-sts']);

let validateFile: ReturnType<typeof compileSchema<RuleFile>> | undefined;
function ruleFileValidator(): ReturnType<typeof compileSchema<RuleFile>> {
  validateFile ??= compileSchema<RuleFile>(JSON.parse(readFileSync(join(rulesDir, 'schema.json'), 'utf8')) as object);
  return validateFile;
}

/** Names a problem by file, and by rule id when the path points into a rule. */
function locateProblem(source: string, data: unknown, line: string): string {
  const m = /^\/rules\/(\d+)(.*)$/.exec(line);
  const rules = (data as { rules?: { id?: unknown }[] }).rules;
  if (m && Array.isArray(rules)) {
    const id = rules[Number(m[1])]?.id;
    if (typeof id === 'string') return `${source}: rule "${id}": ${line}`;
  }
  return `${source}: ${line}`;
}

/** Validates a parsed rule file; returns problems (empty when fine). */
export function checkRuleFile(source: string, data: unknown): string[] {
  const validate = ruleFileValidator();
  if (validate(data)) return [];
  return describeErrors(validate.errors).map((line) => locateProblem(source, data, line));
}

export function readRuleFile(path: string, label = path): { rules: LoadedRule[]; problems: string[] } {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return { rules: [], problems: [`${label}: cannot read rules: ${(error as Error).message}`] };
  }
  const problems = checkRuleFile(label, data);
  if (problems.length > 0) return { rules: [], problems };
  return { rules: (data as RuleFile).rules.map((rule) => ({ rule, source: label })), problems };
}

/** All built-in rule files, in file-name order. */
export function loadBuiltinRules(): LoadedRule[] {
  const files = readdirSync(rulesDir).filter((f) => f.endsWith('.json') && f !== 'schema.json').sort();
  const rules: LoadedRule[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const result = readRuleFile(join(rulesDir, file), `rules/${file}`);
    rules.push(...result.rules);
    problems.push(...result.problems);
  }
  if (problems.length > 0) throw new RuleFileError(problems, 'fix the rule files named above (they are validated by rules/schema.json)');
  return rules;
}

export interface CompileOptions {
  makePathMatcher?: PathMatcherFactory;
  /** Custom (user) rules get a ReDoS check before use. */
  checkRedos?: (rule: LoadedRule) => boolean;
}

/** Compiles every rule; cross-checks ids, pairs, checksums and validators; throws all problems together. */
export function compileRules(loaded: LoadedRule[], options: CompileOptions = {}): CompiledRule[] {
  const problems: string[] = [];
  const ids = new Map<string, string>();
  for (const { rule, source } of loaded) {
    const previous = ids.get(rule.id);
    if (previous !== undefined) problems.push(`${source}: rule "${rule.id}": duplicate id (also in ${previous})`);
    ids.set(rule.id, source);
  }
  const compiled: CompiledRule[] = [];
  for (const item of loaded) {
    const { rule, source } = item;
    const where = `${source}: rule "${rule.id}"`;
    if (rule.pairWith !== undefined && !ids.has(rule.pairWith)) problems.push(`${where}: /pairWith: no rule "${rule.pairWith}"`);
    if (rule.pairAs !== undefined && !ids.has(rule.pairAs)) problems.push(`${where}: /pairAs: no rule "${rule.pairAs}"`);
    if (rule.checksum !== undefined && !(rule.checksum in CHECKSUMS)) problems.push(`${where}: /checksum: unknown checksum "${rule.checksum}" (known: ${Object.keys(CHECKSUMS).join(', ')})`);
    if (rule.validate !== undefined && !KNOWN_VALIDATORS.has(rule.validate)) problems.push(`${where}: /validate: unknown validator "${rule.validate}" (known: ${[...KNOWN_VALIDATORS].join(', ')})`);
    let result: CompiledRule;
    try {
      result = compileRule(rule, options.makePathMatcher);
    } catch (error) {
      problems.push(`${where}: /regex: ${(error as Error).message}`);
      continue;
    }
    if (options.checkRedos?.(item) && !isSafeRegex(rule.regex)) {
      problems.push(`${where}: /regex: may backtrack catastrophically (nested or overlapping quantifiers); bound the repetition, e.g. {1,64}`);
      continue;
    }
    compiled.push(result);
  }
  if (problems.length > 0) throw new RuleFileError(problems, 'fix the rules named above');
  return compiled;
}
