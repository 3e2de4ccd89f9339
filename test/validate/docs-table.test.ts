// The README and docs/validation.md list every live check the rules make (scripts/validators-table.js writes them).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { docsTable, readmeTable, replaceTable, validatorRows } from '../../src/validate/docs-table.js';
import { builtinRuleSet } from '../helpers/rules.js';

const rules = builtinRuleSet().loaded.map((r) => r.rule);

describe('the tables of live checks', () => {
  for (const [file, table] of [['README.md', readmeTable(rules)], ['docs/validation.md', docsTable(rules)]] as const) {
    it(`${file} lists every check as the rules define it (else run: npm run build && node scripts/validators-table.js)`, () => {
      const text = readFileSync(resolve(file), 'utf8');
      assert.equal(replaceTable(text, table), text);
    });
  }

  it('names every validating rule once', () => {
    const listed = validatorRows(rules).flatMap((row) => row.rules);
    assert.deepEqual([...listed].sort(), rules.filter((r) => r.validate !== undefined).map((r) => r.id).sort());
  });
});
