// Baseline entries: keyed hashes, matching (path-bound or path-independent), sorting and the merge-friendly layout.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { entryKey, matchBaseline, newBaseline, SecretHasher, serializeBaseline, sortEntries, staleEntries, type Baseline } from '../../src/allow/baseline.js';
import { parseBaseline } from '../../src/allow/load.js';
import { detectFragment } from '../../src/detect/engine.js';
import type { Finding } from '../../src/types.js';
import { builtinRuleSet } from '../helpers/rules.js';
import { fakeKeyId } from '../helpers/baseline-repo.js';

const { ruleSet } = builtinRuleSet();
// Cheap parameters keep unit tests fast; the format and code path are the same.
const cheap = (): Baseline => ({ ...newBaseline(), kdf: { ...newBaseline().kdf, N: 1024 } });

function findingsOf(file: string, text: string): Finding[] {
  return detectFragment({ file, text }, ruleSet);
}

async function baselineOf(findings: Finding[], baseline = cheap()): Promise<Baseline> {
  const hasher = new SecretHasher(baseline.kdf);
  return { ...baseline, entries: await Promise.all(findings.map((f) => hasher.entryFor(f))) };
}

describe('SecretHasher', () => {
  it('gives the same secret different hashes under different salts', async () => {
    const [a, b] = [cheap(), cheap()];
    assert.notEqual(await new SecretHasher(a.kdf).hash('s3cret'), await new SecretHasher(b.kdf).hash('s3cret'));
  });

  it('is deterministic for one baseline', async () => {
    const params = cheap().kdf;
    assert.equal(await new SecretHasher(params).hash('s3cret'), await new SecretHasher(params).hash('s3cret'));
  });

  it('uses the default cost of N=16384, r=8 for new baselines', () => assert.deepEqual([newBaseline().kdf.N, newBaseline().kdf.r, newBaseline().kdf.p], [16384, 8, 1]));
});

describe('matchBaseline', () => {
  const key = fakeKeyId();
  const original = findingsOf('app.env', `AWS_ACCESS_KEY_ID=${key}\n`);

  const cases: { name: string; later: Finding[]; pathIndependent: boolean; suppressed: number }[] = [
    { name: 'suppresses the same secret moved to another line', later: findingsOf('app.env', `X=1\n\nAWS_ACCESS_KEY_ID=${key}\n`), pathIndependent: false, suppressed: 1 },
    { name: 'suppresses the same secret with CRLF endings', later: findingsOf('app.env', `X=1\r\nAWS_ACCESS_KEY_ID=${key}\r\n`), pathIndependent: false, suppressed: 1 },
    { name: 'reports a different secret on the same line', later: findingsOf('app.env', `AWS_ACCESS_KEY_ID=${fakeKeyId()}\n`), pathIndependent: false, suppressed: 0 },
    { name: 'reports the secret in a renamed file by default', later: findingsOf('renamed.env', `AWS_ACCESS_KEY_ID=${key}\n`), pathIndependent: false, suppressed: 0 },
    { name: 'suppresses the secret in a renamed file when path-independent', later: findingsOf('renamed.env', `AWS_ACCESS_KEY_ID=${key}\n`), pathIndependent: true, suppressed: 1 },
    { name: 'still reports a different secret when path-independent', later: findingsOf('renamed.env', `AWS_ACCESS_KEY_ID=${fakeKeyId()}\n`), pathIndependent: true, suppressed: 0 },
  ];
  for (const { name, later, pathIndependent, suppressed } of cases) {
    it(name, async () => {
      const baseline = await baselineOf(original);
      const match = await matchBaseline(later, baseline, new SecretHasher(baseline.kdf), pathIndependent);
      assert.equal(match.suppressed.length, suppressed);
      assert.equal(match.kept.length, later.length - suppressed);
      assert.equal(staleEntries(baseline, match.matchedKeys, pathIndependent).length, 1 - suppressed);
    });
  }

  it('hashes only findings whose rule and path have an entry', async () => {
    const baseline = await baselineOf(original);
    let calls = 0;
    const hasher = new SecretHasher(baseline.kdf);
    const counting = Object.assign(Object.create(hasher) as SecretHasher, { hash: (s: string) => (calls++, hasher.hash(s)) });
    await matchBaseline(findingsOf('elsewhere.env', `AWS_ACCESS_KEY_ID=${fakeKeyId()}\n`), baseline, counting, false);
    assert.equal(calls, 0);
  });
});

describe('serializeBaseline', () => {
  it('writes sorted entries, one per line, each ending in a comma, before a fixed end line', async () => {
    const findings = [...findingsOf('z.env', `K=${fakeKeyId()}`), ...findingsOf('a.env', `K=${fakeKeyId()}`), ...findingsOf('m/b.env', `K=${fakeKeyId()}`)];
    const text = serializeBaseline(await baselineOf(findings));
    const lines = text.split('\n');
    const entryLines = lines.filter((l) => l.includes('"rule"'));
    assert.deepEqual(entryLines.map((l) => (JSON.parse(l.trim().replace(/,$/, '')) as { file: string }).file), ['a.env', 'm/b.env', 'z.env']);
    for (const line of entryLines) assert.match(line, /^ {4}\{"rule":"[^"]+","file":"[^"]+","hash":"[0-9a-f]{64}"\},$/);
    assert.equal(lines.at(-4), '    {"end": true}');
    assert.doesNotMatch(text, /line|date|time|generated/i);
  });

  it('round-trips through parseBaseline', async () => {
    const baseline = await baselineOf(findingsOf('a.env', `K=${fakeKeyId()}`));
    assert.deepEqual(parseBaseline(serializeBaseline(baseline), 'b.json'), { ...baseline, entries: sortEntries(baseline.entries) });
  });

  it('writes an empty baseline that parses', () => assert.deepEqual(parseBaseline(serializeBaseline(cheap()), 'b.json').entries, []));
});

describe('sortEntries and entryKey', () => {
  const e = (file: string, hash = 'a'.repeat(64)) => ({ rule: 'r', file, hash });
  it('drops duplicate entries (a union merge can add the same line twice)', () => assert.equal(sortEntries([e('a'), e('a'), e('b')]).length, 2));
  it('orders by code unit, not locale', () => assert.deepEqual(sortEntries([e('b'), e('B'), e('a')]).map((x) => x.file), ['B', 'a', 'b']));
  it('ignores the path only when path-independent', () => {
    assert.notEqual(entryKey(e('a'), false), entryKey(e('b'), false));
    assert.equal(entryKey(e('a'), true), entryKey(e('b'), true));
  });
});
