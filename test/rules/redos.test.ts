import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { redosProblem } from '../../src/rules/redos.js';
import { BENIGN, HOSTILE } from './hostile-patterns.js';

describe('rules/redos', () => {
  for (const c of HOSTILE) {
    it(`refuses ${c.name}`, () => {
      assert.doesNotThrow(() => new RegExp(c.source, c.flags), 'the pattern compiles: only its matching time is the problem');
      assert.match(redosProblem(c.source, c.flags) ?? '(accepted)', c.message);
    });
  }
  for (const c of BENIGN) {
    it(`accepts ${c.name}`, () => assert.equal(redosProblem(c.source, c.flags), undefined));
  }
  it('never quotes the pattern in its message (an allow regex may hold a secret)', () => {
    const secretish = 'Zq8' + 'Xv2Lm9Pw4';
    assert.ok(!(redosProblem(`(${secretish}|${secretish}x)+$`) ?? '').includes(secretish));
  });
});
