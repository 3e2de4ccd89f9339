// leavesPairOpen: which diff fragments leave half of a pair open (and so are worth reading context for); the
// pair-only gate never misses a text its rule's regex matches; context lines are reported only through a pair.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Fragment, Rule } from '../../src/types.js';
import { buildRuleSet, detectFragment } from '../../src/detect/engine.js';
import { leavesPairOpen, pairReach, runGate } from '../../src/detect/pair-context.js';
import { compileRule } from '../../src/rules/compile.js';
import { makePathMatcher } from '../../src/allow/allowlist.js';
import { randomString, seededRandom } from '../helpers/tokens.js';

function rule(partial: Partial<Rule> & Pick<Rule, 'id' | 'regex' | 'keywords'>): Rule {
  return { provider: 'test', description: partial.id, severity: 'high', examples: { match: [], noMatch: [] }, ...partial };
}

const rules = [
  rule({ id: 'acme-id', regex: '\\b(ACID[A-Z]{8})\\b', keywords: ['acid'] }),
  rule({ id: 'acme-secret', regex: 'acme_secret\\s*=\\s*"([a-zA-Z0-9]{16})"', keywords: ['acme_secret'], entropy: 3, pairWith: 'acme-id', pairAs: 'acme-pair', pairWithin: 2 }),
  rule({ id: 'acme-pair', regex: '(?<![a-zA-Z0-9])([a-zA-Z0-9]{16})(?![a-zA-Z0-9])', keywords: ['acid'], entropy: 3, pairOnly: true, pairWith: 'acme-id', pairWithin: 2 }),
  rule({ id: 'acme-token', regex: '\\b(acme_[a-z0-9]{12})\\b', keywords: ['acme_'], entropy: 2.5 }),
];
const ruleSet = buildRuleSet(rules.map((r) => compileRule(r, makePathMatcher)));
const diff = (text: string): Fragment => ({ file: 'a.txt', text, lineNumbers: text.split('\n').map((_, i) => 10 + i * 20) });
const open = (fragment: Fragment): boolean => leavesPairOpen(fragment, detectFragment(fragment, ruleSet), ruleSet, {});

describe('detect/pair-context', () => {
  it('reaches twice the widest pairing window', () => assert.equal(pairReach(ruleSet), 4));

  const cases: { name: string; fragment: Fragment; want: boolean }[] = [
    { name: 'a key id alone is open', fragment: diff('id = ACIDQWERTYUI'), want: true },
    { name: 'a named secret alone is open', fragment: diff('acme_secret = "Zx81Kq02Lm93Nb47"'), want: true },
    { name: 'a bare pair-only candidate without any anchor is open', fragment: diff('value: Zx81Kq02Lm93Nb47'), want: true },
    { name: 'a pair complete in the added lines is closed', fragment: { file: 'a.txt', text: 'ACIDQWERTYUI\nacme_secret = "Zx81Kq02Lm93Nb47"', lineNumbers: [3, 4] }, want: false },
    { name: 'ordinary code is closed', fragment: diff('const total = items.reduce((a, b) => a + b, 0);'), want: false },
    { name: 'a low-entropy run of the right length is closed', fragment: diff('value: aaaaaaaaaaaaaaaa'), want: false },
    { name: 'a finding that pairs with nothing (another rule) is closed', fragment: diff('t = acme_k3x9q2m7z1w8'), want: false },
    { name: 'a whole file (no line numbers) is closed: it is its own context', fragment: { file: 'a.txt', text: 'id = ACIDQWERTYUI' }, want: false },
  ];
  for (const c of cases) it(c.name, () => assert.equal(open(c.fragment), c.want));

  it('reports a context line only as half of a pair with an added line', () => {
    const text = 'id = ACIDQWERTYUI\nother = ACIDZXCVBNMA\nkey: Zx81Kq02Lm93Nb47';
    const findings = detectFragment({ file: 'a.txt', text, lineNumbers: [1, 2, 3], added: new Set([3]) }, ruleSet);
    assert.deepEqual(findings.map((f) => `${f.ruleId}@${f.line}`), ['acme-pair@3']);
  });

  it('pairs by lines of the file: two hunks 40 lines apart do not pair', () => {
    const findings = detectFragment({ file: 'a.txt', text: 'ACIDQWERTYUI\nacme_secret = "Zx81Kq02Lm93Nb47"', lineNumbers: [1, 41] }, ruleSet);
    assert.deepEqual(findings.map((f) => f.ruleId).sort(), ['acme-id', 'acme-secret']);
  });

  it('the gate of a one-class run finds every text the rule regex matches, on 2000 random texts', () => {
    const compiled = ruleSet.byId.get('acme-pair');
    assert.ok(compiled);
    const gate = runGate(compiled);
    assert.ok(gate, 'a gate for ([a-zA-Z0-9]{16})');
    const random = seededRandom(13);
    for (let i = 0; i < 2000; i++) {
      const text = randomString(random, 'abcXYZ019 =-_.\n', Math.floor(random() * 120));
      compiled.regex.lastIndex = 0;
      const matches = compiled.regex.test(text);
      if (matches) assert.ok(gate(text), `gate missed ${JSON.stringify(text)}`);
      // And it opens for nothing shorter than the run.
      if (gate(text)) assert.match(text, /[a-zA-Z0-9]{16}/);
    }
  });

  it('has no gate for a regex of another shape (its regex runs as it is)', () => {
    assert.equal(runGate(compileRule(rule({ id: 'acme-x', regex: 'x(\\d+)y', keywords: ['x'] }), makePathMatcher)), undefined);
  });
});
