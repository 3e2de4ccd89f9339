import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GuardedRegExp } from '../../src/workers/regex-sandbox.js';
import { RegexTimeoutError } from '../../src/errors.js';
import { redosProblem } from '../../src/rules/redos.js';

interface Case {
  name: string;
  source: string;
  flags: string;
  text: string;
  run: (re: RegExp, text: string) => unknown;
}

const everyMatch = (re: RegExp, text: string): unknown[] => {
  const out: unknown[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    out.push({ all: [...m], index: m.index, groups: m.groups, indices: m.indices ? [...m.indices] : undefined, lastIndex: re.lastIndex });
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
};

const cases: Case[] = [
  { name: 'yields every match of a global regex with indices, as the engine loops over them', source: 'acme_([a-z0-9]{4})', flags: 'gd', text: 'x acme_ab12 y acme_cd34 acme_zz', run: everyMatch },
  { name: 'keeps named groups and their indices', source: '(?<key>k\\d)=(?<value>\\w+)?', flags: 'gd', text: 'k1=a k2= k3=ccc', run: everyMatch },
  { name: 'steps over empty matches like the caller does', source: 'a*', flags: 'g', text: 'baab', run: everyMatch },
  { name: 'answers test() on a non-global regex', source: '^(?:[A-Z0-9]{20})$', flags: '', text: 'AK' + 'IA' + 'Q3EGRIUBZFZ6PJ5G', run: (re, text) => [re.test(text), re.test(`${text}x`)] },
  { name: 'honours lookarounds and the i flag', source: '(?<![a-z])secret(?=:)', flags: 'gi', text: 'xsecret: SECRET: Secret;', run: everyMatch },
  { name: 'serves String.prototype.replace and matchAll', source: 'b+', flags: 'g', text: 'abbcbd', run: (re, text) => [text.replace(re, '_'), [...text.matchAll(re)].map((m) => m.index)] },
  { name: 'continues past the per-call batch on a text with many matches', source: 'x', flags: 'g', text: 'x'.repeat(25_000), run: (re, text) => everyMatch(re, text).length },
];

describe('workers/regex-sandbox', () => {
  for (const c of cases) {
    it(c.name, () => assert.deepEqual(c.run(new GuardedRegExp(c.source, c.flags, 'test'), c.text), c.run(new RegExp(c.source, c.flags), c.text)));
  }

  it('ends a pattern the static check accepts but hostile text makes slow, naming it, then works again', () => {
    // Quadratic on a long run of letters (every start position scans the rest): minutes on 300 000 of them.
    const source = '([a-z]+_[a-z]+=\\S+)';
    assert.equal(redosProblem(source), undefined);
    const re = new GuardedRegExp(source, 'g', 'custom.json: rule "acme-q": /regex', 300);
    assert.throws(() => re.exec('a'.repeat(300_000)), (error: Error) => {
      assert.ok(error instanceof RegexTimeoutError);
      assert.equal(error.message, 'custom.json: rule "acme-q": /regex: matching the input took over 300 ms (catastrophic backtracking on this text)');
      return true;
    });
    re.lastIndex = 0;
    assert.equal(re.exec('key abc_def=ghi')?.[1], 'abc_def=ghi');
  });

  it('runs a guarded regex on another thread: a hostile match never blocks past its deadline', () => {
    const re = new GuardedRegExp('(a+)+$', '', 'test', 200);
    assert.throws(() => re.test(`${'a'.repeat(40)}!`), RegexTimeoutError);
  });
});
