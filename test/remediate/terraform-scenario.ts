// Test helper (no side effects at import): the Terraform suggestion for one key line followed by many blank lines,
// as plain data, so that it can run on a worker thread (see test/helpers/deadline.ts).
import { suggestRemedy } from '../../src/remediate/env-var.js';
import type { Rule } from '../../src/types.js';
import { makeFinding } from './finding.js';

const rule: Rule = { id: 'aws-access-key-id', provider: 'aws', description: '', severity: 'high', regex: '', keywords: [], remediation: { envVar: 'AWS_ACCESS_KEY_ID' }, examples: { match: [], noMatch: [] } };

/** `declared`: the variable block sits after the blank lines (then no block is added). */
export function terraformAfterBlankLines(secret: string, blankLines: number, declared: boolean): { replacement: string; additional: string[] } {
  const line = `  password = "${secret}"`;
  const text = `resource "aws_db_instance" "db" {\n${line}\n}\n${'\n'.repeat(blankLines)}${declared ? '  variable   "aws_access_key_id" {\n}\n' : ''}`;
  const finding = makeFinding({ file: 'main.tf', lineText: line, secret, line: 2 });
  const remedy = suggestRemedy({ finding, rule, fileText: text, taken: new Map() });
  return { replacement: remedy.suggestion.replacement, additional: (remedy.suggestion.additionalEdits ?? []).map((e) => e.text) };
}
