import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { baselineWidening, configWidening, ignoreWidening } from '../../src/action/widening.js';

const cfg = (value: object): string => JSON.stringify(value);
const SECRETISH = 'Zq8' + 'Xv2Lm9Pw4Rt';

const configCases: { name: string; base?: string; head?: string; want: string[] }[] = [
  { name: 'no change widens nothing', base: cfg({ allow: { paths: ['fixtures/**'] } }), head: cfg({ allow: { paths: ['fixtures/**'] } }), want: [] },
  { name: 'a new config that allows every path', head: cfg({ allow: { paths: ['**'] } }), want: ['adds allow.paths "**"'] },
  { name: 'new regexes and stopwords are counted, never quoted', base: cfg({}), head: cfg({ allow: { regexes: [SECRETISH, 'x'], stopwords: [SECRETISH] } }), want: ['adds 2 allow.regexes entries', 'adds 1 allow.stopwords entry'] },
  { name: 'new commits and fingerprints', head: cfg({ allow: { commits: ['abc1234'], fingerprints: ['f'.repeat(64)] } }), want: ['adds 1 allow.commits entry', 'adds 1 allow.fingerprints entry'] },
  { name: 'disabled rules and extends none', base: cfg({ disable: ['a-b'] }), head: cfg({ disable: ['a-b', 'aws-access-key-id'], extends: 'none' }), want: ['disables "aws-access-key-id"', 'sets extends: none (drops every built-in rule)'] },
  { name: 'a raised entropy floor (a lowered one narrows)', base: cfg({ entropy: { 'x-a': 3, 'x-b': 4 } }), head: cfg({ entropy: { 'x-a': 4.5, 'x-b': 2 } }), want: ['raises the entropy floor of "x-a" to 4.5'] },
  { name: 'a removed custom rule, a larger maxFileSize, a laxer failOn', base: cfg({ rules: [{ id: 'acme-token' }] }), head: cfg({ maxFileSize: 50_000_000, failOn: 'valid' }), want: ['removes custom rules "acme-token"', 'raises maxFileSize to 50000000 (larger files are skipped)', 'sets failOn: "valid"'] },
  { name: 'validate turned on', head: cfg({ validate: true }), want: ['sets validate: true (keys would be sent to AWS)'] },
  { name: 'a config that no longer parses', base: cfg({}), head: '{ "allow": ', want: ['changed into a file that is not a JSON object'] },
  { name: 'a deleted config widens nothing it could apply', base: cfg({}), want: [] },
];

describe('action/widening', () => {
  for (const c of configCases) it(`config: ${c.name}`, () => assert.deepEqual(configWidening(c.base, c.head), c.want));
  it('config: never quotes a regex or stopword', () => assert.ok(!configWidening(undefined, cfg({ allow: { regexes: [SECRETISH], stopwords: [SECRETISH] } })).join(' ').includes(SECRETISH)));
  it('ignore file: counts added fingerprints, not comments or reasons', () => {
    assert.deepEqual(ignoreWidening(`${'a'.repeat(64)} # old\n`, `${'a'.repeat(64)} # reworded\n# note\n${'b'.repeat(64)} # new\n`), ['adds 1 ignored fingerprint']);
    assert.deepEqual(ignoreWidening(undefined, undefined), []);
  });
  it('baseline: counts added entries; moved or removed ones are not widening', () => {
    const entry = (hash: string): object => ({ rule: 'r', file: 'a', hash });
    const base = cfg({ version: 1, entries: [entry('1'), entry('2')] });
    assert.deepEqual(baselineWidening(base, cfg({ version: 1, entries: [entry('2'), entry('3'), entry('4'), { end: true }] })), ['adds 2 baseline entries']);
    assert.deepEqual(baselineWidening(base, cfg({ version: 1, entries: [entry('1')] })), []);
  });
});
