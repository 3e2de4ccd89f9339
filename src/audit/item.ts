// Pure: what the audit shows of one finding, all of it masked: no field here ever holds a whole secret.
import type { Finding, Rule } from '../types.js';
import type { ContextLine } from './context.js';
import { rotationSteps } from './rotation.js';

export interface AuditItem {
  fingerprint: string;
  ruleId: string;
  description: string;
  severity: Finding['severity'];
  /** file:line:column */
  location: string;
  /** Short sha, author, date and subject of the commit that added it (history). */
  commit?: string;
  /** The secret, masked (AKIA…(20)). */
  secret: string;
  /** The AWS account and key type decoded from the key id, or the canary warning. */
  aws?: string;
  /** The lines around it, masked; a string says why they cannot be shown. */
  context: ContextLine[] | string;
  /** The suggested fix, one line each. */
  fix: string[];
  /** What to do when it is real. */
  rotation: string[];
}

function describeAws(aws: NonNullable<Finding['aws']>): string {
  if (aws.canary) return `CANARY TOKEN (${aws.canaryOwner ?? 'canary service'}): using it alerts its owner`;
  return [`account ${aws.accountId ?? 'not encoded (old-format key)'}`, `${aws.keyType} key`, aws.accessKeyId ? `key id ${aws.accessKeyId}` : undefined, aws.ownAccount ? 'one of your own accounts' : undefined].filter(Boolean).join(', ');
}

function describeCommit(f: Finding): string | undefined {
  if (!f.commit) return undefined;
  const subject = f.message?.split('\n')[0] ?? '';
  const more = f.occurrences && f.occurrences > 1 ? ` (${f.occurrences} occurrences)` : '';
  return `${f.commit.slice(0, 12)}  ${f.author ?? ''} <${f.email ?? ''}>  ${f.date ?? ''}  ${JSON.stringify(subject)}${more}`;
}

export function auditItem(finding: Finding, context: ContextLine[] | string, rule?: Rule): AuditItem {
  const s = finding.suggestion;
  const fix = s ? [`use ${s.replacement} (${s.language}; env var ${s.envVar})`, ...(s.note ?? '').split('\n').filter((l) => l.trim() !== '')] : [];
  const commit = describeCommit(finding);
  return {
    fingerprint: finding.fingerprint,
    ruleId: finding.ruleId,
    description: finding.description,
    severity: finding.severity,
    location: `${finding.file}:${finding.line}:${finding.column}`,
    ...(commit ? { commit } : {}),
    secret: finding.secret,
    ...(finding.aws ? { aws: describeAws(finding.aws) } : {}),
    context,
    fix,
    rotation: rotationSteps(finding, rule),
  };
}
