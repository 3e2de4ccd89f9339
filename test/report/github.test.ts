// GitHub annotations: escaping per the workflow-command rules, the cap and its notice, redaction.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { escapeData, escapeProperty, formatAnnotation, formatAnnotations } from '../../src/report/github.js';
import { SAMPLE_SECRETS, sampleFindings } from './sample-findings.js';

describe('report/github', () => {
  const escapeCases = [
    { name: 'escapes percent, CR and LF in a message', fn: escapeData, input: 'a%b\r\nc:d,e', want: 'a%25b%0D%0Ac:d,e' },
    { name: 'also escapes colon and comma in a property', fn: escapeProperty, input: 'a%b\r\nc:d,e', want: 'a%25b%0D%0Ac%3Ad%2Ce' },
    { name: 'escapes the percent sign before anything else', fn: escapeProperty, input: '%0A', want: '%250A' },
  ];
  for (const c of escapeCases) it(c.name, () => assert.equal(c.fn(c.input), c.want));

  it('writes one ::error line with every location property', () => {
    const line = formatAnnotation(sampleFindings()[0]!);
    assert.match(line, /^::error file=src\/config\.ts,line=3,endLine=3,col=17,endColumn=37,title=keyfence%3A aws-access-key-id::/);
    assert.ok(!line.includes('\n'));
  });

  // The annotation's line is the finding's line, as staged, history and scan report it (test/sources/pair-context).
  it('annotates a pair at its secret, where the finding is', () => {
    const pair = { ...sampleFindings()[0]!, pairedWith: { ruleId: 'aws-access-key-id', line: 1, column: 5 } };
    assert.match(formatAnnotation(pair), /^::error file=src\/config\.ts,line=3,endLine=3,col=17,/);
  });

  it('escapes odd characters in the file property', () => {
    const line = formatAnnotation(sampleFindings()[1]!);
    assert.ok(line.includes('file=deploy/a dir%2Cwith%3Aodd%25chars/.env,'));
  });

  it('maps a low severity to a notice', () => {
    assert.match(formatAnnotation(sampleFindings()[2]!), /^::notice /);
  });

  it('caps annotations and counts the rest in a notice', () => {
    const out = formatAnnotations(sampleFindings(), 1).trimEnd().split('\n');
    assert.equal(out.length, 2);
    assert.match(out[1]!, /^::notice title=keyfence::2 more findings not annotated \(3 in all\)/);
  });

  const capCases = [
    { name: '15 errors: 10 annotations and a notice for the rest', severity: 'critical', spent: {}, errors: 10, rest: 5 },
    { name: '15 errors and a closing error of the step: 9 annotations, so the closing one is shown too', severity: 'critical', spent: { error: 1 }, errors: 9, rest: 6 },
    { name: '15 notices: 9 annotations, the tenth notice counts the rest', severity: 'low', spent: {}, errors: 0, rest: 6 },
  ] as const;
  for (const c of capCases) {
    it(`stays within GitHub's 10 per level and step: ${c.name}`, () => {
      const many = Array.from({ length: 15 }, (_, i) => ({ ...sampleFindings()[0]!, severity: c.severity, line: i + 1 }));
      const out = formatAnnotations(many, 100, c.spent).trimEnd().split('\n');
      assert.equal(out.filter((l) => l.startsWith('::error ')).length, c.errors);
      assert.ok(out.filter((l) => l.startsWith('::notice ')).length <= 10);
      assert.match(out.at(-1)!, new RegExp(`^::notice title=keyfence::${c.rest} more findings not annotated \\(15 in all\\)`));
    });
  }

  it('prints nothing for no findings', () => assert.equal(formatAnnotations([]), ''));

  it('never prints a secret', () => {
    const out = formatAnnotations(sampleFindings(), 100);
    for (const secret of SAMPLE_SECRETS) assert.ok(!out.includes(secret));
  });
});
