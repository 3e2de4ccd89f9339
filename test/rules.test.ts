// Runs every rule's match/noMatch examples through the real engine and checks the rule files themselves, with the
// same code as `keyfence rules test --builtin` (src/rules/examples.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rulesDir } from '../src/paths.js';
import { checkRuleFile } from '../src/rules/load.js';
import { BUILTIN_POLICY, ruleProblems, runRuleExamples, type RuleProblem } from '../src/rules/examples.js';
import { builtinRuleSet } from './helpers/rules.js';

const { loaded, ruleSet } = builtinRuleSet();
const problems = ruleProblems(
  loaded.map((r) => r.rule),
  BUILTIN_POLICY,
);
const problemsOf = (check: RuleProblem['check']): string[] => problems.filter((p) => p.check === check).map((p) => `${p.ruleId}: ${p.problem}`);

describe('rule files', () => {
  const files = readdirSync(rulesDir).filter((f) => f.endsWith('.json') && f !== 'schema.json');
  for (const file of files) {
    it(`${file} validates against rules/schema.json`, () => {
      const found = checkRuleFile(file, JSON.parse(readFileSync(join(rulesDir, file), 'utf8')));
      assert.deepEqual(found, []);
    });
  }

  it('has unique kebab-case ids of the form <provider>-<what>', () => assert.deepEqual(problemsOf('id'), []));
  it('gives every rule at least two examples of each kind and no duplicate examples', () => assert.deepEqual(problemsOf('examples'), []));
  it('gives every rule an upper-snake-case remediation env var', () => assert.deepEqual(problemsOf('envVar'), []));
});

describe('rule examples', () => {
  for (const { rule } of loaded) {
    describe(rule.id, () => {
      for (const result of runRuleExamples(rule, ruleSet)) {
        const name = result.kind === 'match' ? `finds match example ${result.index}: ${result.why}` : `ignores noMatch example ${result.index}: ${result.why}`;
        it(name, () => assert.equal(result.problem, undefined, `${rule.id}: ${result.kind} example ${result.index}: ${result.problem}`));
      }
    });
  }
});
