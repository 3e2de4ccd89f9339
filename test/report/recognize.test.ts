// isKeyfenceReport: each format's report is recognised (so --output may replace it); a user's file is not.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { REPORTERS } from '../../src/report/index.js';
import { isKeyfenceReport } from '../../src/report/recognize.js';
import { sampleFindings, sampleMeta } from './sample-findings.js';

describe('report/recognize', () => {
  for (const [format, report] of Object.entries(REPORTERS)) {
    it(`recognises its own ${format} report, with findings and without`, () => {
      assert.equal(isKeyfenceReport(report(sampleFindings(), sampleMeta())), true);
      assert.equal(isKeyfenceReport(report([], sampleMeta())), true);
    });
    it(`recognises a quiet ${format} report`, () => assert.equal(isKeyfenceReport(report(sampleFindings(), { ...sampleMeta(), quiet: true })), true));
  }

  const foreign: { name: string; text: string }[] = [
    { name: 'does not take a credentials file for a report', text: '[default]\naws_access_key_id = AKIA…\n' },
    { name: 'does not take notes for a report', text: '# notes\n\nkeep me\n' },
    { name: 'does not take another JSON file for a report', text: '{\n  "name": "app",\n  "version": "1.0.0"\n}\n' },
    { name: 'does not take a gitleaks report (a list) for one', text: '[\n  {"RuleID": "aws-access-token"}\n]\n' },
  ];
  for (const { name, text } of foreign) it(name, () => assert.equal(isKeyfenceReport(text), false));
});
