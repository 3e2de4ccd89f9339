// The validation step of FINDING_STEPS: only with --validate or `validate: true`; loads the validators only then.
import type { FindingStep } from '../finding-step.js';
import { toolVersion } from '../version.js';

/**
 * Validation sends keys to their providers (AWS, GitHub, Slack…), where their owner may see the caller: only whoever
 * runs keyfence may ask for it (--validate, KEYFENCE_VALIDATE, the Action input, or `validate: true` in a config they
 * name with --config). A `.keyfence.json` found in the repository being swept is someone else's word, so it alone
 * does not.
 */
function validationAsked(context: Parameters<FindingStep>[1]): boolean {
  const { options } = context;
  if (options.validate !== undefined) return options.validate;
  if (!context.engine.config.validate) return false;
  if (options.config !== undefined) return true;
  context.notices.push(`validate: ignored "validate": true in ${context.engine.config.source ?? '.keyfence.json'}: a config found in the repository cannot turn on validation (it sends keys to their providers); pass --validate, set KEYFENCE_VALIDATE=1, or name the config with --config`);
  return false;
}

export const validateStep: FindingStep = async (findings, context) => {
  const config = context.engine.config;
  if (!validationAsked(context)) {
    const failOn = context.options.failOn ?? config.failOn;
    if (failOn !== 'any' && findings.length > 0) {
      context.notices.push(`fail-on ${failOn} without --validate: no finding is ever ${failOn}, so these findings do not fail the run; add --validate to check them`);
    }
    return findings;
  }
  // Dynamic import: scans that do not validate never load the signer, the STS code or the checks.
  const { runValidators } = await import('./run.js');
  await runValidators(findings, context, `keyfence/${toolVersion} (secret scanner; --validate)`);
  return findings;
};
