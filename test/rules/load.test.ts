// Built-in rules load from the build's compact catalogue only while it matches rules/ file for file.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { buildCompactCatalogue, COMPACT_CATALOGUE, loadBuiltinRules, loadRuleFiles } from '../../src/rules/load.js';

describe('rules/load', () => {
  it('has a compact catalogue after the build', () => assert.ok(existsSync(COMPACT_CATALOGUE)));

  it('loads the same rules, in the same order, from the catalogue as from the files', () => {
    const fromFiles = loadRuleFiles();
    const fromCatalogue = loadBuiltinRules();
    assert.deepEqual(
      fromCatalogue.map((r) => [r.rule.id, r.source, r.rule.regex]),
      fromFiles.map((r) => [r.rule.id, r.source, r.rule.regex]),
    );
  });

  it('leaves the examples out of the catalogue', () => {
    for (const rule of buildCompactCatalogue().rules) assert.deepEqual(rule.examples, { match: [], noMatch: [] });
  });
});
