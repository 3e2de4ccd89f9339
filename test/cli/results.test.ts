// --results / --only-verified: which verdicts are reported; a typo stops the run.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RAW, type Finding, type Verdict } from '../../src/types.js';
import { filterResults, selectedResults } from '../../src/cli/results.js';

function finding(validation?: Verdict): Finding {
  return { ruleId: 'r', description: 'd', severity: 'high', file: 'f', line: 1, column: 1, endColumn: 2, secret: 'x', match: 'x', fingerprint: '0'.repeat(64), entropy: 4, ...(validation ? { validation } : {}), [RAW]: { secret: 's', lineText: 's' } };
}
const findings = [finding({ status: 'valid' }), finding({ status: 'unknown' }), finding({ status: 'invalid' }), finding({ status: 'skipped', reason: 'canary' }), finding()];

describe('--results', () => {
  it('reports everything when not given', () => assert.equal(selectedResults({}), undefined));

  const table: { name: string; options: { results?: string[]; onlyVerified?: boolean }; kept: string[] }[] = [
    { name: 'valid,unknown keeps the live and the possibly live', options: { results: ['valid', 'unknown'] }, kept: ['valid', 'unknown'] },
    { name: '--only-verified keeps the confirmed ones only', options: { onlyVerified: true }, kept: ['valid'] },
    { name: 'unchecked keeps the findings no live check judged', options: { results: ['unchecked'] }, kept: ['unchecked'] },
  ];
  for (const c of table) {
    it(c.name, () => {
      const selected = selectedResults(c.options);
      assert.ok(selected);
      const { kept, notice } = filterResults(findings, selected, true);
      assert.deepEqual(kept.map((f) => f.validation?.status ?? 'unchecked'), c.kept);
      assert.match(notice ?? '', new RegExp(`${findings.length - c.kept.length} findings not reported`));
    });
  }

  it('says that without --validate nothing has a verdict', () => {
    const { notice } = filterResults([finding()], new Set(['valid']), false);
    assert.match(notice ?? '', /without --validate no finding has a verdict/);
  });

  it('stops on a verdict it does not know, naming the choices', () => {
    assert.throws(() => selectedResults({ results: ['valid', 'verified'] }), (e: Error & { hint?: string }) => e.message === '--results: value 2 is not a verdict' && /valid, unknown, invalid, skipped, unchecked/.test(e.hint ?? ''));
  });
});
