// uniqueName(s): one env var name per value within a run, `_2`, `_3`… for other values, one number for a set of values
// that belong together (an AWS key id and its secret), fast on many findings.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assignedKey, uniqueName, uniqueNames } from '../../src/remediate/naming.js';

/** The taken names, counting every read (get, has, iteration): the measure of work in the linear-time tests. */
class CountingMap<K, V> extends Map<K, V> {
  lookups = 0;
  override get(key: K): V | undefined {
    this.lookups++;
    return super.get(key);
  }
  override has(key: K): boolean {
    this.lookups++;
    return super.has(key);
  }
  override entries(): MapIterator<[K, V]> {
    this.lookups += this.size;
    return super.entries();
  }
  override [Symbol.iterator](): MapIterator<[K, V]> {
    this.lookups += this.size;
    return super[Symbol.iterator]();
  }
}

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

  // Work is counted as lookups in the taken names, not timed: a loaded machine makes no linear run quadratic.
  it('names 20000 different values of one name in linear time (it was quadratic)', () => {
    const map = new CountingMap<string, string>();
    const names = new Set(Array.from({ length: 20000 }, (_, i) => uniqueName('SECRET_KEY', `v${i}`, map)));
    assert.equal(names.size, 20000);
    assert.ok(map.lookups <= 20 * 20000, `${map.lookups} lookups for 20000 names (probing every number would be about 2·10^8)`);
  });
});

describe('remediate/naming assignedKey', () => {
  // `…` marks where the literal starts; the key is what the text before it assigns or reads.
  const cases = [
    { name: 'takes the key of a plain assignment', line: "db.password = '…'", want: 'db_password' },
    { name: 'takes the variable a JS fallback already reads, not the const it fills', line: "const apiKey = process.env.ACME_API_KEY || '…'", want: 'ACME_API_KEY' },
    { name: 'takes the variable of a bracketed read with ??', line: 'const t = process.env["ACME_TOKEN"] ?? "…"', want: 'ACME_TOKEN' },
    { name: "takes the variable of Python's getenv or-fallback", line: "key = os.getenv('ACME_KEY') or '…'", want: 'ACME_KEY' },
    { name: "takes the variable of Python's getenv default argument", line: "key = os.environ.get('ACME_KEY', '…')", want: 'ACME_KEY' },
    { name: "takes the variable of Ruby's fetch block", line: 'token = ENV.fetch("ACME_TOKEN") { "…" }', want: 'ACME_TOKEN' },
    { name: 'takes the variable of a shell default', line: 'password: ${DB_PASSWORD:-…}', want: 'DB_PASSWORD' },
  ];
  for (const { name, line, want } of cases) it(name, () => assert.equal(assignedKey(line, line.indexOf('…') + 1), want));
});

describe('remediate/naming uniqueNames', () => {
  const ID = 'AWS_ACCESS_KEY_ID';
  const SECRET = 'AWS_SECRET_ACCESS_KEY';
  const pair = (id: string, secret: string): { name: string; value: string }[] => [{ name: SECRET, value: secret }, { name: ID, value: id }];
  const cases: { name: string; taken: [string, string][]; sets: { name: string; value: string }[][]; want: string[][] }[] = [
    { name: 'gives the first pair the standard names', taken: [], sets: [pair('i1', 's1')], want: [[SECRET, ID]] },
    { name: 'numbers a second pair as one set', taken: [], sets: [pair('i1', 's1'), pair('i2', 's2'), pair('i1', 's1')], want: [[SECRET, ID], [`${SECRET}_2`, `${ID}_2`], [SECRET, ID]] },
    {
      name: 'keeps a pair together when a lone key id took the standard id name',
      taken: [[ID, 'lone']],
      sets: [pair('i1', 's1'), pair('lone', 's2')],
      want: [[`${SECRET}_2`, `${ID}_2`], [SECRET, ID]],
    },
    { name: 'keeps a pair together when .env holds its secret under a numbered name', taken: [[SECRET, 'x'], [`${SECRET}_2`, 's1']], sets: [pair('i1', 's1')], want: [[`${SECRET}_2`, `${ID}_2`]] },
    { name: 'skips a number whose id name holds another key', taken: [[`${ID}_2`, 'other'], [SECRET, 'x'], [ID, 'y']], sets: [pair('i1', 's1')], want: [[`${SECRET}_3`, `${ID}_3`]] },
  ];
  for (const { name, taken, sets, want } of cases) {
    it(name, () => {
      const map = new Map(taken);
      assert.deepEqual(sets.map((set) => uniqueNames(set, map)), want);
    });
  }

  it('names 20000 different pairs in linear time', () => {
    const map = new CountingMap<string, string>([[ID, 'lone']]);
    const names = new Set(Array.from({ length: 20000 }, (_, i) => uniqueNames(pair(`i${i}`, `s${i}`), map).join(' ')));
    assert.equal(names.size, 20000);
    assert.ok([...names].every((set) => /^AWS_SECRET_ACCESS_KEY(_\d+)? AWS_ACCESS_KEY_ID(_\d+)?$/.test(set) && set.split(' ').map((n) => n.replace(/^\D+/, '')).every((n, _, all) => n === all[0])), 'one number per pair');
    assert.ok(map.lookups <= 20 * 20000, `${map.lookups} lookups for 20000 pairs`);
  });
});
