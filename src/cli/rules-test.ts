// `keyfence rules test`: runs rules' own examples against the rules in force and prints each result (exit 1 on a
// failure). The checks are src/rules/examples.ts, shared with test/rules.test.ts and the config loader.
import { resolve } from 'node:path';
import type { Rule } from '../types.js';
import { RuleFileError } from '../errors.js';
import { loadConfig } from '../config/load.js';
import { loadRulesForConfig } from '../scan.js';
import { compileRules, loadRuleFiles, readRuleFile, type LoadedRule } from '../rules/load.js';
import { buildRuleSet, type DetectOptions } from '../detect/engine.js';
import { makePathMatcher } from '../allow/allowlist.js';
import { BUILTIN_POLICY, CUSTOM_POLICY, ruleProblems, runRuleExamples, type RulePolicy } from '../rules/examples.js';
import { createColors } from '../report/text.js';
import type { RunIO } from './run.js';

export interface RulesTestOptions {
  files: string[];
  builtin: boolean;
  config?: string | undefined;
  quiet: boolean;
  color?: boolean | undefined;
}

type Loaded = LoadedRule & { custom?: boolean };

interface Plan {
  /** The rules whose examples run, by source file. */
  tested: Loaded[];
  /** Every rule they run against (a specific rule may win a generic rule's match, as in a scan). */
  context: Loaded[];
  detectOptions: DetectOptions;
  policy: (rule: Loaded) => RulePolicy;
  /** Why nothing is tested, when nothing is. */
  empty: string;
}

function readFiles(files: string[], cwd: string): Loaded[] {
  const rules: Loaded[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const result = readRuleFile(resolve(cwd, file), file);
    problems.push(...result.problems);
    rules.push(...result.rules.map((r) => ({ ...r, custom: true })));
  }
  if (problems.length > 0) throw new RuleFileError(problems, 'fix the rule files named above (format: rules/schema.json)');
  return rules;
}

function plan(options: RulesTestOptions, io: RunIO): Plan {
  const fromFiles = readFiles(options.files, io.cwd);
  if (options.builtin) {
    // Exactly what test/rules.test.ts runs: every rule file with its examples, no user config.
    const builtin = loadRuleFiles();
    return { tested: [...builtin, ...fromFiles], context: [...builtin, ...fromFiles], detectOptions: {}, policy: (r) => (r.custom ? CUSTOM_POLICY : BUILTIN_POLICY), empty: '' };
  }
  const config = loadConfig(io.cwd, options.config);
  const inForce = loadRulesForConfig(config) as Loaded[];
  const tested = options.files.length > 0 ? fromFiles : inForce.filter((r) => r.custom);
  return {
    tested,
    context: [...inForce, ...fromFiles],
    // As the loader runs custom rules' examples: with the config's entropy overrides, before its allowlist.
    detectOptions: { entropy: config.entropy, aws: { canaryAccounts: config.aws.canaryAccounts, ownAccounts: config.aws.ownAccounts } },
    policy: () => CUSTOM_POLICY,
    empty: `${config.source ?? 'no config file'}: no custom rules to test; name rule files (keyfence rules test FILE) or test the shipped catalogue with --builtin`,
  };
}

function useColor(options: RulesTestOptions, io: RunIO): boolean {
  if (options.color !== undefined) return options.color;
  return io.isTTY && !io.env.NO_COLOR && io.env.TERM !== 'dumb';
}

/** Prints every example's result under its file and rule; returns the exit code (0 all pass, 1 a failure). */
export function testRules(options: RulesTestOptions, io: RunIO): number {
  const { tested, context, detectOptions, policy, empty } = plan(options, io);
  if (tested.length === 0) {
    io.stdout(`${empty}\n`);
    return 0;
  }
  const ruleSet = buildRuleSet(compileRules(context, { makePathMatcher, verifyGroups: true, checkRedos: (r) => (r as Loaded).custom === true }));
  const c = createColors(useColor(options, io));
  const ok = c.green('ok  ');
  const fail = c.red('FAIL');
  let passed = 0;
  let failed = 0;
  let currentSource: string | undefined;
  for (const loaded of tested) {
    const rule: Rule = loaded.rule;
    const lines: string[] = [];
    for (const p of ruleProblems([rule], policy(loaded))) {
      failed++;
      lines.push(`    ${fail}  ${p.problem}`);
    }
    for (const result of runRuleExamples(rule, ruleSet, detectOptions)) {
      const label = `${result.kind} ${result.index}: ${result.why}`;
      if (result.problem === undefined) {
        passed++;
        if (!options.quiet) lines.push(`    ${ok}  ${label}`);
      } else {
        failed++;
        lines.push(`    ${fail}  ${label}: ${result.problem}`);
      }
    }
    if (lines.length === 0) continue;
    if (loaded.source !== currentSource) {
      io.stdout(`${c.bold(loaded.source)}\n`);
      currentSource = loaded.source;
    }
    io.stdout(`  ${rule.id}\n${lines.join('\n')}\n`);
  }
  const total = passed + failed;
  const summary = `${total} check${total === 1 ? '' : 's'} of ${tested.length} rule${tested.length === 1 ? '' : 's'}: ${passed} passed, ${failed} failed`;
  io.stdout(`${failed > 0 ? c.red(summary) : c.green(summary)}\n`);
  return failed > 0 ? 1 : 0;
}
