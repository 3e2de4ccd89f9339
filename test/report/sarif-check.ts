// SARIF checks shared by reporter and action tests: the official 2.1.0 schema plus GitHub code scanning's subset.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import ajvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { packageRoot } from '../../src/paths.js';

type Validate = ((data: unknown) => boolean) & { errors?: unknown };
let validate: Validate | undefined;

/** Schema errors as text (empty when valid), against the vendored official schema. */
export function sarifSchemaErrors(doc: unknown): string[] {
  if (!validate) {
    const schema = JSON.parse(readFileSync(join(packageRoot, 'fixtures', 'schemas', 'sarif-schema-2.1.0.json'), 'utf8')) as object;
    const Ajv04 = (ajvDraft04 as unknown as { default: typeof ajvDraft04.default }).default;
    const ajv = new Ajv04({ allErrors: true, strict: false });
    (addFormats as unknown as (a: unknown) => void)(ajv);
    validate = ajv.compile(schema) as Validate;
  }
  if (validate(doc)) return [];
  return ((validate.errors ?? []) as { instancePath: string; message?: string }[]).map((e) => `${e.instancePath}: ${e.message ?? ''}`);
}

interface SarifRule {
  id: string;
  shortDescription?: { text?: string };
  fullDescription?: { text?: string };
  help?: { text?: string };
  defaultConfiguration?: { level?: string };
  properties?: { tags?: string[]; precision?: string; 'security-severity'?: string };
}

interface SarifResult {
  ruleId: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn?: number; endColumn?: number } } }[];
  partialFingerprints?: Record<string, string>;
}

/** Asserts what GitHub code scanning requires beyond the schema (docs: "SARIF support for code scanning"). */
export function assertGithubSubset(doc: unknown, secrets: string[] = []): void {
  const sarif = doc as { $schema?: string; version: string; runs: { tool: { driver: { name: string; rules: SarifRule[] } }; automationDetails?: { id?: string }; results: SarifResult[] }[] };
  assert.equal(sarif.version, '2.1.0');
  assert.ok(sarif.$schema, 'root $schema');
  assert.ok(sarif.runs.length >= 1 && sarif.runs.length <= 20);
  for (const run of sarif.runs) {
    assert.ok(run.tool.driver.name);
    // upload-sarif keeps an id already in the file and ignores its `category:` input: none unless asked for.
    if (run.automationDetails !== undefined) assert.match(run.automationDetails.id ?? '', /^[^/]+(\/[^/]+)*\/$/, 'automationDetails.id is category/');
    const ids = new Set<string>();
    for (const rule of run.tool.driver.rules) {
      assert.ok(!ids.has(rule.id), `duplicate rule ${rule.id}`);
      ids.add(rule.id);
      for (const key of ['shortDescription', 'fullDescription', 'help'] as const) {
        const text = rule[key]?.text;
        assert.ok(text, `${rule.id}: ${key}.text`);
        if (key !== 'help') assert.ok(text.length <= 1024, `${rule.id}: ${key} ≤ 1024 chars`);
      }
      assert.ok(['note', 'warning', 'error'].includes(rule.defaultConfiguration?.level ?? ''), `${rule.id}: level`);
      const tags = rule.properties?.tags ?? [];
      assert.ok(tags.includes('security') && tags.includes('external/cwe/cwe-798') && tags.length <= 10, `${rule.id}: tags`);
      assert.ok(['very-high', 'high', 'medium', 'low'].includes(rule.properties?.precision ?? ''), `${rule.id}: precision`);
      const severity = Number(rule.properties?.['security-severity']);
      assert.ok(severity >= 0.1 && severity <= 10, `${rule.id}: security-severity`);
    }
    for (const result of run.results) {
      assert.ok(ids.has(result.ruleId), `result rule ${result.ruleId} is declared`);
      assert.ok(result.message.text);
      const location = result.locations[0]?.physicalLocation;
      assert.ok(location, 'a physical location');
      assert.ok(!/^[a-z]+:/i.test(location.artifactLocation.uri) && !location.artifactLocation.uri.startsWith('/'), 'repo-relative uri');
      assert.ok(location.region.startLine >= 1);
      assert.ok(result.partialFingerprints?.primaryLocationLineHash, 'primaryLocationLineHash');
      assert.ok(result.partialFingerprints?.['keyfence/v1'], 'keyfence fingerprint');
    }
  }
  const text = JSON.stringify(doc);
  for (const secret of secrets) assert.ok(!text.includes(secret), 'no secret in the SARIF');
}
