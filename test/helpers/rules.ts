// Test helpers for rules: join example parts, build an engine from the built-in rules.
import { compileRules, loadRuleFiles, type LoadedRule } from '../../src/rules/load.js';
import { buildRuleSet, type RuleSet } from '../../src/detect/engine.js';
import { makePathMatcher } from '../../src/allow/allowlist.js';

export { exampleText, joinParts } from '../../src/rules/examples.js';

let cached: { loaded: LoadedRule[]; ruleSet: RuleSet } | undefined;

export function builtinRuleSet(): { loaded: LoadedRule[]; ruleSet: RuleSet } {
  if (!cached) {
    const loaded = loadRuleFiles();
    cached = { loaded, ruleSet: buildRuleSet(compileRules(loaded, { makePathMatcher, verifyGroups: true })) };
  }
  return cached;
}
