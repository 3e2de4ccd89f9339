// Masking: a short prefix and the length, never the whole secret.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { redact, redactAll, redactLine } from '../../src/report/redact.js';

describe('report/redact', () => {
  const cases = [
    { name: 'shows 4 characters and the length of a long secret', secret: 'abcdefghijklmnopqrst', want: 'abcd…(20)' },
    { name: 'shows fewer characters of a short secret', secret: 'hunter22', want: 'hu…(8)' },
    { name: 'shows nothing of a tiny secret', secret: 'abc', want: '…(3)' },
  ];
  for (const c of cases) it(c.name, () => assert.equal(redact(c.secret), c.want));

  it('masks the secret inside its line', () => assert.equal(redactLine('key = "abcdefghijklmnopqrst";', 8, 'abcdefghijklmnopqrst'), 'key = "abcd…(20)";'));
  it('trims long lines around the secret', () => {
    const line = `${'x'.repeat(100)}abcdefghijklmnopqrst${'y'.repeat(100)}`;
    const shown = redactLine(line, 101, 'abcdefghijklmnopqrst');
    assert.ok(shown.startsWith('…') && shown.endsWith('…') && shown.length < 100);
  });
  it('masks every occurrence in free text', () => assert.equal(redactAll('a abcdefghijklmnopqrst b abcdefghijklmnopqrst', ['abcdefghijklmnopqrst']), 'a abcd…(20) b abcd…(20)'));
});
