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

  it('refuses non-ASCII keywords', () => assert.throws(() => buildPrefilter([['clé']]), /must be ASCII/));
});
