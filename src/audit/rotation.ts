// Pure: what to do about a finding the auditor marks real: IAM steps for AWS keys (src/validate/rotation.ts), the
// provider's for the rest. Shows only masked values.
import type { Finding, Rule } from '../types.js';
import { rotationNote, unverifiedRotationNote } from '../validate/rotation.js';

function awsSteps(finding: Finding): string[] {
  const aws = finding.aws;
  if (aws?.canary) {
    return [
      `A CANARY TOKEN (${aws.canaryOwner ?? 'a canary service'}): using it alerts whoever planted it. Do not use or validate it.`,
      'If you planted it, it did its job: someone read this file; find out who and how.',
      'If you did not, someone is watching for its use: remove it and tell your security team.',
    ];
  }
  const keyId = aws?.accessKeyId ?? (/^(AKIA|ASIA|ABIA|ACCA|A3T)/.test(finding.secret) ? finding.secret : undefined);
  const live = finding.validation?.status === 'valid' ? finding.validation.arn : undefined;
  if (live && keyId) return rotationNote({ arn: live, shownKeyId: keyId, keyIdRedacted: true }).split('\n');
  return unverifiedRotationNote({ ...(keyId ? { shownKeyId: keyId } : {}), keyType: aws?.keyType, accountId: aws?.accountId }).split('\n');
}

function providerSteps(finding: Finding, rule: Rule | undefined): string[] {
  const provider = rule?.provider ?? 'its provider';
  const reference = rule?.references?.find((r) => /^https?:\/\//.test(r));
  const envVar = finding.suggestion?.envVar ?? rule?.remediation?.envVar;
  return [
    `${finding.description}: treat it as compromised.`,
    `1. Revoke it, or rotate it, with ${provider} now${reference ? ` (see ${reference})` : ''}.`,
    `2. Give every consumer the new one from the environment${envVar ? ` (${envVar})` : ''} or a secrets manager, never from the repository.`,
    `3. Check ${provider}'s access logs for use you do not recognise, from the day it was committed.`,
    'Deleting it from git (even rewriting history) does not revoke it.',
  ];
}

/** The steps, one line each, plus where the secret still is. */
export function rotationSteps(finding: Finding, rule?: Rule): string[] {
  const steps = finding.aws || finding.ruleId.startsWith('aws-') ? awsSteps(finding) : providerSteps(finding, rule);
  const where = finding.commit
    ? `It is in commit ${finding.commit.slice(0, 12)}${finding.occurrences && finding.occurrences > 1 ? ` (and ${finding.occurrences - 1} more places)` : ''}: anyone with a clone has it.`
    : `It is in ${finding.file}: if that was ever committed and pushed, treat it as public.`;
  return [...steps, where];
}
