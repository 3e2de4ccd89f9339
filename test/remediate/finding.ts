// Test helper: a Finding for a secret on a line, as the engine would build it. No side effects at import.
import { RAW, type Finding } from '../../src/types.js';

export interface FindingSpec {
  file: string;
  lineText: string;
  secret: string;
  line?: number;
  ruleId?: string;
  commit?: string;
  paired?: { id: string; line: number; lineText?: string };
}

export function makeFinding(spec: FindingSpec): Finding {
  const column = spec.lineText.indexOf(spec.secret) + 1;
  if (column === 0) throw new Error(`secret not on the line: ${spec.lineText}`);
  const finding: Finding = {
    ruleId: spec.ruleId ?? 'aws-access-key-id',
    description: 'test',
    severity: 'high',
    file: spec.file,
    line: spec.line ?? 1,
    column,
    endColumn: column + spec.secret.length,
    secret: 'redacted',
    match: 'redacted',
    fingerprint: 'f',
    entropy: 4,
    [RAW]: { secret: spec.secret, lineText: spec.lineText },
  };
  if (spec.commit) finding.commit = spec.commit;
  if (spec.paired) {
    const pairedText = spec.paired.lineText ?? spec.lineText;
    Object.assign(finding[RAW], { pairedId: spec.paired.id, pairedLine: spec.paired.line, pairedColumn: pairedText.indexOf(spec.paired.id) + 1 });
  }
  return finding;
}
