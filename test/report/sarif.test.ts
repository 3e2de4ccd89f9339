// SARIF reporter: valid against the official schema, GitHub's subset, fixes from edits, no secrets.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sarifReporter, toSarif, toUriReference } from '../../src/report/sarif.js';
import { assertGithubSubset, sarifSchemaErrors } from './sarif-check.js';
import { SAMPLE_SECRETS, sampleFindings, sampleMeta } from './sample-findings.js';

type Run = { tool: { driver: { rules: { id: string; properties: Record<string, unknown>; defaultConfiguration: { level: string } }[] } }; results: Record<string, unknown>[] };

function firstRun(doc: Record<string, unknown>): Run {
  return (doc.runs as Run[])[0] as Run;
}

describe('report/sarif', () => {
  const validityCases = [
    { name: 'validates with findings of every shape', findings: sampleFindings() },
    { name: 'validates with no findings', findings: [] },
  ];
  for (const c of validityCases) {
    it(c.name, () => {
      const doc = JSON.parse(sarifReporter(c.findings, sampleMeta())) as unknown;
      assert.deepEqual(sarifSchemaErrors(doc), []);
      assertGithubSubset(doc, SAMPLE_SECRETS);
    });
  }

  it("lists a pair's other half as a related location", () => {
    const pair = { ...sampleFindings()[0]!, pairedWith: { ruleId: 'aws-access-key-id', line: 1, column: 5 } };
    const doc = toSarif([pair], sampleMeta());
    assert.deepEqual(sarifSchemaErrors(doc), []);
    const related = firstRun(doc).results[0]?.relatedLocations as { physicalLocation: { region: unknown } }[];
    assert.deepEqual(related.map((r) => r.physicalLocation.region), [{ startLine: 1, startColumn: 5 }]);
  });

  const categoryCases = [
    { name: 'sets no automationDetails unless a category is asked for, so upload-sarif\'s category input applies', category: undefined, want: undefined },
    { name: 'sets automationDetails.id to category/ when one is given', category: 'keyfence-sweep', want: { id: 'keyfence-sweep/' } },
    { name: 'keeps a category that already ends in a slash', category: 'sweep/nightly/', want: { id: 'sweep/nightly/' } },
  ];
  for (const c of categoryCases) {
    it(c.name, () => {
      const doc = toSarif(sampleFindings(), { ...sampleMeta(), ...(c.category ? { sarifCategory: c.category } : {}) });
      assert.deepEqual((firstRun(doc) as Run & { automationDetails?: unknown }).automationDetails, c.want);
      assert.deepEqual(sarifSchemaErrors(doc), []);
    });
  }

  it('maps severities to levels and security-severity scores', () => {
    const rules = firstRun(toSarif(sampleFindings(), sampleMeta())).tool.driver.rules;
    const byId = new Map(rules.map((r) => [r.id, r]));
    assert.equal(byId.get('aws-secret-access-key')?.properties['security-severity'], '9.5');
    assert.equal(byId.get('aws-access-key-id')?.properties['security-severity'], '8.0');
    assert.equal(byId.get('custom-internal-token')?.defaultConfiguration.level, 'note');
    assert.ok((byId.get('aws-access-key-id')?.properties.tags as string[]).includes('aws'));
  });

  it('declares rules a finding uses even when the metadata lacks them', () => {
    const doc = toSarif(sampleFindings(), sampleMeta());
    const run = firstRun(doc);
    const ids = run.tool.driver.rules.map((r) => r.id);
    assert.ok(ids.includes('custom-internal-token'));
    for (const result of run.results) assert.equal(ids[result.ruleIndex as number], result.ruleId);
  });

  it('turns a suggestion edit into a SARIF fix', () => {
    const result = firstRun(toSarif(sampleFindings(), sampleMeta())).results[0] as { fixes: { artifactChanges: { replacements: { deletedRegion: unknown; insertedContent: { text: string } }[] }[] }[] };
    const replacement = result.fixes[0]?.artifactChanges[0]?.replacements[0];
    assert.deepEqual(replacement?.deletedRegion, { startLine: 3, startColumn: 15, endLine: 3, endColumn: 38 });
    assert.equal(replacement?.insertedContent.text, 'process.env.AWS_ACCESS_KEY_ID');
  });

  it('adds the further edits a fix needs, in file order', () => {
    const findings = sampleFindings();
    const suggestion = findings[0]?.suggestion;
    if (suggestion) suggestion.additionalEdits = [{ line: 1, column: 1, endLine: 1, endColumn: 1, text: "import process from 'node:process';\n" }];
    const result = firstRun(toSarif(findings, sampleMeta())).results[0] as { fixes: { artifactChanges: { replacements: { deletedRegion: { startLine: number } }[] }[] }[] };
    assert.deepEqual(result.fixes[0]?.artifactChanges[0]?.replacements.map((r) => r.deletedRegion.startLine), [1, 3]);
    assert.deepEqual(sarifSchemaErrors(toSarif(findings, sampleMeta())), []);
  });

  it('leaves out fixes when the suggestion has no edit', () => {
    const findings = sampleFindings();
    delete findings[0]?.suggestion?.edit;
    const result = firstRun(toSarif(findings, sampleMeta())).results[0] as Record<string, unknown>;
    assert.equal(result.fixes, undefined);
  });

  it('keeps the fingerprint stable when only the line moves', () => {
    const a = sampleFindings();
    const b = sampleFindings();
    (b[0] as { line: number }).line = 99;
    const fa = firstRun(toSarif(a, sampleMeta())).results[0]?.partialFingerprints;
    const fb = firstRun(toSarif(b, sampleMeta())).results[0]?.partialFingerprints;
    assert.deepEqual(fa, fb);
  });

  it('numbers repeats of one secret in one file so GitHub keeps them apart', () => {
    const one = sampleFindings()[0]!;
    const results = firstRun(toSarif([one, { ...one, line: 9 }], sampleMeta())).results as { partialFingerprints: Record<string, string> }[];
    assert.deepEqual(results.map((r) => r.partialFingerprints.primaryLocationLineHash), [`${'a'.repeat(16)}:1`, `${'a'.repeat(16)}:2`]);
    assert.equal(results[0]?.partialFingerprints['keyfence/v1'], results[1]?.partialFingerprints['keyfence/v1']);
  });

  const uriCases = [
    { name: 'keeps a plain path', file: 'src/a.ts', want: 'src/a.ts' },
    { name: 'percent-encodes spaces, commas, colons and percent signs', file: 'a dir/b,c:d%.txt', want: 'a%20dir/b%2Cc%3Ad%25.txt' },
    { name: 'drops a leading ./ and turns backslashes into slashes', file: './x\\y.env', want: 'x/y.env' },
    { name: 'encodes # and ? so they are not read as fragment or query', file: 'a#b?c', want: 'a%23b%3Fc' },
  ];
  for (const c of uriCases) {
    it(`uri: ${c.name}`, () => assert.equal(toUriReference(c.file), c.want));
  }
});
