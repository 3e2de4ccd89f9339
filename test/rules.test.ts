// Runs every rule's match/noMatch examples through the real engine and checks the rule files themselves.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rulesDir } from '../src/paths.js';
import { checkRuleFile } from '../src/rules/load.js';
import { detectFragment } from '../src/detect/engine.js';
import { RAW } from '../src/types.js';
import { builtinRuleSet, exampleText, joinParts } from './helpers/rules.js';

const { loaded, ruleSet } = builtinRuleSet();

describe('rule files', () => {
  const files = readdirSync(rulesDir).filter((f) => f.endsWith('.json') && f !== 'schema.json');
  for (const file of files) {
    it(`${file} validates against rules/schema.json`, () => {
      const problems = checkRuleFile(file, JSON.parse(readFileSync(join(rulesDir, file), 'utf8')));
      assert.deepEqual(problems, []);
    });
  }

  it('has unique kebab-case ids of the form <provider>-<what>', () => {
    const ids = loaded.map((r) => r.rule.id);
    assert.equal(new Set(ids).size, ids.length, `duplicate ids: ${ids.filter((id, i) => ids.indexOf(id) !== i).join(', ')}`);
    for (const id of ids) assert.match(id, /^[a-z0-9]+(-[a-z0-9]+)+$/);
  });

  it('gives every rule at least two examples of each kind and no duplicate examples', () => {
    for (const { rule } of loaded) {
      assert.ok(rule.examples.match.length >= 2, `${rule.id}: needs at least 2 match examples`);
      assert.ok(rule.examples.noMatch.length >= 2, `${rule.id}: needs at least 2 noMatch examples`);
      const texts = [...rule.examples.match, ...rule.examples.noMatch].map(exampleText);
      assert.equal(new Set(texts).size, texts.length, `${rule.id}: duplicate examples`);
    }
  });

  it('gives every rule an upper-snake-case remediation env var', () => {
    for (const { rule } of loaded) assert.match(rule.remediation?.envVar ?? '', /^[A-Z][A-Z0-9_]*$/, `${rule.id}: remediation.envVar`);
  });
});

describe('rule examples', () => {
  for (const { rule } of loaded) {
    describe(rule.id, () => {
      for (const [i, example] of rule.examples.match.entries()) {
        it(`finds match example ${i + 1}: ${example.why}`, () => {
          const text = exampleText(example);
          const keywords = rule.keywords.map((k) => k.toLowerCase());
          assert.ok(keywords.some((k) => text.toLowerCase().includes(k)), `${rule.id}: example contains none of the keywords ${keywords.join(', ')}`);
          const findings = detectFragment({ file: example.file ?? 'example.txt', text }, ruleSet).filter((f) => f.ruleId === rule.id);
          assert.equal(findings.length, 1, `${rule.id}: expected exactly one finding, got ${findings.length}`);
          if (example.secret !== undefined) assert.equal((findings[0] as (typeof findings)[0])[RAW].secret, joinParts(example.secret));
        });
      }
      for (const [i, example] of rule.examples.noMatch.entries()) {
        it(`ignores noMatch example ${i + 1}: ${example.why}`, () => {
          const findings = detectFragment({ file: example.file ?? 'example.txt', text: exampleText(example) }, ruleSet).filter((f) => f.ruleId === rule.id);
          assert.equal(findings.length, 0, `${rule.id}: expected no finding`);
        });
      }
    });
  }
});
