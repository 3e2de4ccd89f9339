// The validation step of FINDING_STEPS: only with --validate or `validate: true`; loads the STS code only then.
import type { FindingStep } from '../finding-step.js';
import { toolVersion } from '../cli/version.js';

export const validateStep: FindingStep = async (findings, context) => {
  const config = context.engine.config;
  if (!(context.options.validate ?? config.validate)) {
    const failOn = context.options.failOn ?? config.failOn;
    if (failOn !== 'any' && findings.length > 0) {
      context.notices.push(`fail-on ${failOn} without --validate: no finding is ever ${failOn}, so these findings do not fail the run; add --validate to check them`);
    }
    return findings;
  }
  // Dynamic import: scans that do not validate never load the signer or the STS code.
  const { validateAwsFindings } = await import('./aws.js');
  const byId = context.engine.ruleSet.byId;
  await validateAwsFindings(findings, {
    env: context.env,
    region: config.aws.region,
    timeoutMs: config.aws.timeoutMs,
    concurrency: config.aws.concurrency,
    userAgent: `keyfence/${toolVersion} (secret scanner; --validate)`,
    showSecrets: context.options.showSecrets === true,
    validating: (ruleId) => byId.get(ruleId)?.rule.validate === 'aws-sts',
    envVarFor: (ruleId) => byId.get(ruleId)?.rule.remediation?.envVar,
    notices: context.notices,
    ownAccounts: config.aws.ownAccounts,
  });
  return findings;
};
