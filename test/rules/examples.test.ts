// Rules' own examples: each result names the rule, the kind and the number, and why it failed without the text.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Rule, RuleExample } from '../../src/types.js';
import { compileRules } from '../../src/rules/load.js';
import { buildRuleSet } from '../../src/detect/engine.js';
import { BUILTIN_POLICY, CUSTOM_POLICY, customRuleFailures, ruleProblems, runRuleExamples } from '../../src/rules/examples.js';
import { ALNUM, randomString, seededRandom } from '../helpers/tokens.js';

// A token generated here, so no realistic-looking one sits in the repository.
const TOKEN = `acme_${randomString(seededRandom(7), ALNUM.slice(26).toLowerCase() + '0123456789', 24)}`;

function acmeRule(examples: { match?: RuleExample[]; noMatch?: RuleExample[] }, extra: Partial<Rule> = {}): Rule {
  return {
    id: 'acme-token',
    provider: 'acme',
    description: 'Acme API token',
    severity: 'high',
    regex: '\\b(acme_[a-z0-9]{24})\\b',
    keywords: ['acme_'],
    entropy: 3,
    examples: { match: examples.match ?? [], noMatch: examples.noMatch ?? [] },
    ...extra,
  };
}

function results(rule: Rule): ReturnType<typeof runRuleExamples> {
  return runRuleExamples(rule, buildRuleSet(compileRules([{ rule, source: 'acme.json' }])));
}

const EXAMPLE_CASES: { name: string; rule: Rule; want: (string | undefined)[] }[] = [
  { name: 'passes a match example the rule finds once', rule: acmeRule({ match: [{ text: `key = ${TOKEN}`, why: 'assignment' }] }), want: [undefined] },
  { name: 'fails a match example the rule does not find', rule: acmeRule({ match: [{ text: 'key = acme_short', why: 'too short' }] }), want: ['expected exactly one finding of this rule, got 0'] },
  { name: 'fails a match example the rule finds twice', rule: acmeRule({ match: [{ text: `${TOKEN} ${TOKEN.replace('acme_', 'acme_z').slice(0, -1)}`, why: 'two tokens' }] }), want: ['expected exactly one finding of this rule, got 2'] },
  { name: 'fails a match example without any keyword, which the prefilter would skip', rule: acmeRule({ match: [{ text: `key = ${TOKEN}`, why: 'assignment' }] }, { keywords: ['zzz'] }), want: ["contains none of the rule's keywords, so its regex never runs on it"] },
  { name: 'fails a match example whose pinned secret differs', rule: acmeRule({ match: [{ text: `key = ${TOKEN}`, secret: 'acme_other', why: 'pinned' }] }), want: ['the secret found differs from the example\'s "secret"'] },
  { name: 'passes a match example whose pinned secret is found (parts joined)', rule: acmeRule({ match: [{ text: ['key = ', TOKEN], secret: [TOKEN.slice(0, 9), TOKEN.slice(9)], why: 'pinned' }] }), want: [undefined] },
  { name: 'passes a noMatch example the rule does not find', rule: acmeRule({ noMatch: [{ text: 'acme_aaaaaaaaaaaaaaaaaaaaaaaa', why: 'low entropy' }] }), want: [undefined] },
  { name: 'fails a noMatch example the rule finds', rule: acmeRule({ noMatch: [{ text: `key = ${TOKEN}`, why: 'should be quiet' }] }), want: ['expected no finding of this rule, got 1 finding'] },
];

describe('runRuleExamples', () => {
  for (const c of EXAMPLE_CASES) it(c.name, () => assert.deepEqual(results(c.rule).map((r) => r.problem), c.want));

  it('numbers each kind from 1 and keeps the why', () => {
    const rule = acmeRule({ match: [{ text: `a ${TOKEN}`, why: 'first' }, { text: `b ${TOKEN}`, why: 'second' }], noMatch: [{ text: 'acme_', why: 'bare prefix' }] });
    assert.deepEqual(
      results(rule).map((r) => [r.kind, r.index, r.why]),
      [['match', 1, 'first'], ['match', 2, 'second'], ['noMatch', 1, 'bare prefix']],
    );
  });

  it('never puts the example text or secret into a problem', () => {
    for (const c of EXAMPLE_CASES) for (const r of results(c.rule)) assert.ok(!r.problem?.includes(TOKEN) && !r.problem?.includes('acme_'), r.problem);
  });
});

describe('ruleProblems', () => {
  const good = acmeRule({ match: [{ text: `a ${TOKEN}`, why: 'one' }, { text: `b ${TOKEN}`, why: 'two' }], noMatch: [{ text: 'x acme_', why: 'one' }, { text: 'y acme_', why: 'two' }] }, { remediation: { envVar: 'ACME_TOKEN' } });
  const cases: { name: string; rules: Rule[]; policy: typeof BUILTIN_POLICY; want: string[] }[] = [
    { name: 'accepts a shipped rule with two examples of each kind and an env var', rules: [good], policy: BUILTIN_POLICY, want: [] },
    { name: 'asks a shipped rule for two noMatch examples', rules: [{ ...good, examples: { ...good.examples, noMatch: good.examples.noMatch.slice(1) } }], policy: BUILTIN_POLICY, want: ['needs at least 2 noMatch examples (has 1)'] },
    { name: 'asks a shipped rule for its env var', rules: [{ ...good, remediation: undefined }], policy: BUILTIN_POLICY, want: ['needs an upper-snake-case remediation.envVar'] },
    { name: 'finds the same example twice', rules: [{ ...good, examples: { ...good.examples, noMatch: [good.examples.match[0] as RuleExample, ...good.examples.noMatch] } }], policy: BUILTIN_POLICY, want: ['has the same example text twice'] },
    { name: 'finds a duplicate id', rules: [good, good], policy: CUSTOM_POLICY, want: ['duplicate id'] },
    { name: 'asks a custom rule for one match example only', rules: [acmeRule({})], policy: CUSTOM_POLICY, want: ['needs at least 1 match example (has 0)'] },
    { name: 'accepts a custom rule with one match example and no env var', rules: [acmeRule({ match: [{ text: `a ${TOKEN}`, why: 'one' }] })], policy: CUSTOM_POLICY, want: [] },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(ruleProblems(c.rules, c.policy).map((p) => p.problem), c.want));
});

describe('customRuleFailures', () => {
  it('names the source, the rule and the example number, one line each', () => {
    const rule = acmeRule({ match: [{ text: `a ${TOKEN}`, why: 'found' }, { text: 'acme_short', why: 'not found' }], noMatch: [{ text: `b ${TOKEN}`, why: 'found anyway' }] });
    const ruleSet = buildRuleSet(compileRules([{ rule, source: '.keyfence.json' }]));
    assert.deepEqual(customRuleFailures([{ rule, source: '.keyfence.json' }], ruleSet), [
      '.keyfence.json: rule "acme-token": match example 2: expected exactly one finding of this rule, got 0',
      '.keyfence.json: rule "acme-token": noMatch example 1: expected no finding of this rule, got 1 finding',
    ]);
  });
});
