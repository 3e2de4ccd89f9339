// The Aho-Corasick keyword prefilter: one pass, case-insensitive, overlapping keywords, rules without keywords.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildPrefilter } from '../../src/detect/prefilter.js';

describe('detect/prefilter', () => {
  const filter = buildPrefilter([['akia', 'asia'], ['ghp_'], ['secret'], [], ['he', 'she', 'hers']]);
  const cases = [
    { name: 'picks only always-run rules when no keyword occurs', text: 'nothing at all', want: [3] },
    { name: 'matches keywords case-insensitively', text: 'key = AKIAQ', want: [0, 3] },
    { name: 'finds keywords that overlap or nest (ushers → she, he, hers)', text: 'ushers', want: [3, 4] },
    { name: 'finds several rules in one pass', text: 'ghp_x plus Secret or asia', want: [0, 1, 2, 3] },
    { name: 'resets on non-ASCII characters without missing later keywords', text: 'ak☃ia akia', want: [0, 3] },
    { name: 'does not match across a non-ASCII character', text: 'ak☃ia', want: [3] },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(filter.candidates(c.text), c.want));

  // Where the assignment detector's stems occur (every one, overlapping too), whatever the rules' keywords.
  const stems = [
    { name: 'reports each stem once, case-insensitively, as start and end', text: 'my Token=1', want: [3, 8] },
    { name: 'reports overlapping stems (passecret holds pass and secret)', text: 'passecret', want: [0, 4, 3, 9] },
    { name: 'reports a stem again after its rules were picked', text: 'key key', want: [0, 3, 4, 7] },
    { name: 'reports a stem inside a rule keyword (secret)', text: 'a secret', want: [2, 8] },
    { name: 'does not report a stem across a non-ASCII character', text: 'ke☃y ĸey', want: [] },
    { name: 'reports every stem of a text with thousands of them', text: 'key '.repeat(3000), want: Array.from({ length: 3000 }, (_, i) => [4 * i, 4 * i + 3]).flat() },
  ];
  for (const c of stems)
    it(c.name, () => {
      filter.candidates(c.text);
      assert.deepEqual(Array.from(filter.stems(c.text) ?? []), c.want);
    });

  it('reports only the stems of the last text, after a text with more of them', () => {
    filter.candidates('token '.repeat(600));
    filter.candidates('a secret');
    assert.deepEqual(Array.from(filter.stems('a secret') ?? []), [2, 8]);
  });

  it('reports no stems for a text other than the last one filtered', () => {
    filter.candidates('key');
    assert.equal(filter.stems('another key'), undefined);
  });

  it('reports no stems when the pass stopped early, every rule already picked', () => {
    const one = buildPrefilter([['akia']]);
    one.candidates('akia key');
    assert.equal(one.stems('akia key'), undefined);
  });

  it('never picks a rule whose keywords are null (its path alone runs it)', () => {
    const byPath = buildPrefilter([null, ['key'], []]);
    assert.deepEqual(byPath.candidates('key'), [1, 2]);
  });

  it('refuses non-ASCII keywords', () => assert.throws(() => buildPrefilter([['clé']]), /must be ASCII/));
});
