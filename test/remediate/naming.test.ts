// uniqueName: one env var name per value within a file, `_2`, `_3`… for other values, fast on many findings.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { uniqueName } from '../../src/remediate/naming.js';

describe('remediate/naming uniqueName', () => {
  const cases = [
    { name: 'gives the plain name to the first value', taken: [], calls: [['API_KEY', 'a']], want: ['API_KEY'] },
    { name: 'numbers later values and reuses a name for the same value', taken: [], calls: [['API_KEY', 'a'], ['API_KEY', 'b'], ['API_KEY', 'a'], ['API_KEY', 'c'], ['API_KEY', 'b']], want: ['API_KEY', 'API_KEY_2', 'API_KEY', 'API_KEY_3', 'API_KEY_2'] },
    { name: 'reuses a name the .env already holds for the value, and skips names it holds for others', taken: [['API_KEY', 'x'], ['API_KEY_2', 'b']], calls: [['API_KEY', 'a'], ['API_KEY', 'b']], want: ['API_KEY_3', 'API_KEY_2'] },
  ];
  for (const { name, taken, calls, want } of cases) {
    it(name, () => {
      const map = new Map(taken as [string, string][]);
      assert.deepEqual(calls.map(([base, value]) => uniqueName(base as string, value as string, map)), want);
    });
  }

  it('names 20000 different values of one name in linear time (it was quadratic)', () => {
    const map = new Map<string, string>();
    const started = performance.now();
    const names = new Set(Array.from({ length: 20000 }, (_, i) => uniqueName('SECRET_KEY', `v${i}`, map)));
    assert.equal(names.size, 20000);
    assert.ok(performance.now() - started < 1000, `took ${Math.round(performance.now() - started)} ms`);
  });
});
