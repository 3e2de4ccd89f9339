// Importing gitleaks reports, .gitleaksignore files and detect-secrets baselines by matching them to findings.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { matchClaims, parseGitleaksFingerprint, parseImport } from '../../src/allow/migrate.js';
import { detectFragment } from '../../src/detect/engine.js';
import { InputError } from '../../src/errors.js';
import { builtinRuleSet } from '../helpers/rules.js';
import { fakeKeyId, fakeSecretKey } from '../helpers/baseline-repo.js';

const { ruleSet } = builtinRuleSet();
const key = fakeKeyId();
const pairId = fakeKeyId();
const pairSecret = fakeSecretKey();
const findings = [
  ...detectFragment({ file: 'config/app.env', text: `A=1\nAWS_ACCESS_KEY_ID=${key}\n` }, ruleSet),
  ...detectFragment({ file: 'creds', text: `[default]\naws_access_key_id = ${pairId}\naws_secret_access_key = ${pairSecret}\n` }, ruleSet),
];
const sha1 = (s: string): string => createHash('sha1').update(s).digest('hex');

function gitleaks(items: Record<string, unknown>[]): string {
  return JSON.stringify(items.map((i) => ({ Description: 'AWS', StartLine: 1, EndLine: 1, StartColumn: 1, EndColumn: 2, Match: 'x', Secret: '', File: '', Commit: '', Entropy: 3, Author: '', Email: '', Date: '', Message: '', Tags: [], RuleID: 'aws-access-token', Fingerprint: '', ...i })));
}

describe('parseGitleaksFingerprint', () => {
  const cases: { name: string; input: string; want: { file: string; line: number } | undefined }[] = [
    { name: 'reads commit:file:rule:line', input: `${'a'.repeat(40)}:config/app.env:aws-access-token:2`, want: { file: 'config/app.env', line: 2 } },
    { name: 'reads file:rule:line from --no-git scans', input: 'config/app.env:aws-access-token:2', want: { file: 'config/app.env', line: 2 } },
    { name: 'keeps colons inside the file name', input: 'c:/odd:name.env:generic-api-key:7', want: { file: 'c:/odd:name.env', line: 7 } },
    { name: 'rejects text without a line number', input: 'nonsense', want: undefined },
  ];
  for (const { name, input, want } of cases) it(name, () => assert.deepEqual(parseGitleaksFingerprint(input), want));
});

describe('matchClaims', () => {
  const cases: { name: string; format: 'gitleaks' | 'detect-secrets'; text: string; want: { matched: number; byLine: number; unmatched: number } }[] = [
    { name: 'matches a gitleaks finding by file and secret', format: 'gitleaks', text: gitleaks([{ File: 'config/app.env', Secret: key, StartLine: 9 }]), want: { matched: 1, byLine: 0, unmatched: 0 } },
    { name: 'matches the key id of a pair finding', format: 'gitleaks', text: gitleaks([{ File: 'creds', Secret: pairId }]), want: { matched: 1, byLine: 0, unmatched: 0 } },
    { name: 'does not match the secret in another file', format: 'gitleaks', text: gitleaks([{ File: 'other.env', Secret: key }]), want: { matched: 0, byLine: 0, unmatched: 1 } },
    { name: 'falls back to the fingerprint line when the report is redacted', format: 'gitleaks', text: gitleaks([{ File: 'config/app.env', Secret: 'REDACTED', StartLine: 2, Fingerprint: `${'b'.repeat(40)}:config/app.env:aws-access-token:2` }]), want: { matched: 1, byLine: 1, unmatched: 0 } },
    { name: 'reads a .gitleaksignore file', format: 'gitleaks', text: `# old ignores\n${'c'.repeat(40)}:config/app.env:aws-access-token:2\nconfig/app.env:aws-access-token:40\n`, want: { matched: 1, byLine: 1, unmatched: 1 } },
    { name: 'matches detect-secrets hashed_secret (sha1) per file', format: 'detect-secrets', text: JSON.stringify({ version: '1.4.0', results: { 'config/app.env': [{ type: 'AWS Access Key', filename: 'config/app.env', hashed_secret: sha1(key), is_verified: false, line_number: 2 }] } }), want: { matched: 1, byLine: 0, unmatched: 0 } },
    { name: 'matches detect-secrets entries for the secret half of a pair', format: 'detect-secrets', text: JSON.stringify({ results: { creds: [{ type: 'Secret Keyword', hashed_secret: sha1(pairSecret), line_number: 3 }] } }), want: { matched: 1, byLine: 0, unmatched: 0 } },
    { name: 'never falls back to the line for detect-secrets (that would hide a new secret there)', format: 'detect-secrets', text: JSON.stringify({ results: { 'config/app.env': [{ type: 'AWS Access Key', hashed_secret: sha1('old'), line_number: 2 }] } }), want: { matched: 0, byLine: 0, unmatched: 1 } },
  ];
  for (const { name, format, text, want } of cases) {
    it(name, () => {
      const result = matchClaims(parseImport(format, text, 'in.json'), findings);
      assert.deepEqual({ matched: result.matched.length, byLine: result.matchedByLine, unmatched: result.unmatched }, want);
    });
  }

  const bad: { name: string; format: 'gitleaks' | 'detect-secrets'; text: string; want: RegExp }[] = [
    { name: 'rejects a gitleaks report that is not an array', format: 'gitleaks', text: '{"Leaks": []}', want: /expected a JSON array of gitleaks findings/ },
    { name: 'rejects broken JSON with its position', format: 'gitleaks', text: '[{"File": }]', want: /in\.json: not valid JSON at line 1, column 11/ },
    { name: 'rejects a bad .gitleaksignore line', format: 'gitleaks', text: 'hello\n', want: /in\.json:1: not a gitleaks fingerprint/ },
    { name: 'rejects a detect-secrets file without results', format: 'detect-secrets', text: '{"version": "1.4.0"}', want: /no "results" object/ },
    { name: 'rejects a detect-secrets entry without hashed_secret', format: 'detect-secrets', text: '{"results": {"a": [{"line_number": 1}]}}', want: /\/results\/a\/0: missing "hashed_secret"/ },
  ];
  for (const { name, format, text, want } of bad) {
    it(name, () => assert.throws(() => parseImport(format, text, 'in.json'), (e: unknown) => e instanceof InputError && want.test(e.message)));
  }
});
