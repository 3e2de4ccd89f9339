// A rule's family is its first tag that names one; the counts follow FAMILIES' order.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FAMILIES, familyCounts, familyOf } from '../../src/rules/families.js';

describe('rules/families', () => {
  const cases = [
    { name: 'takes the first tag that names a family', rule: { provider: 'acme', tags: ['beta', 'ai', 'cloud'] }, want: 'ai' },
    { name: 'counts untagged AWS rules as cloud', rule: { provider: 'aws' }, want: 'cloud' },
    { name: 'counts other untagged rules as generic', rule: { provider: 'acme', tags: ['beta'] }, want: 'generic' },
  ];
  for (const c of cases) it(c.name, () => assert.equal(familyOf(c.rule), c.want));

  it('counts rules per family in the order of FAMILIES and leaves out empty families', () => {
    const rules = [{ provider: 'a', tags: ['saas'] }, { provider: 'b', tags: ['ci'] }, { provider: 'c', tags: ['saas'] }, { provider: 'aws' }];
    assert.deepEqual(familyCounts(rules), [['cloud', 1], ['ci', 1], ['saas', 2]]);
    assert.ok(FAMILIES.indexOf('cloud') < FAMILIES.indexOf('ci'));
  });
});
