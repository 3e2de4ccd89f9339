// Runs every validator on the findings behind one interface: AWS STS (code: SigV4) and the rules' HttpChecks (data).
// Both share the tests' endpoint override and the verdict cache; each says on stderr what it sent and where.
import type { Finding, HttpCheck } from '../types.js';
import type { StepContext } from '../finding-step.js';
import type { Config } from '../config/defaults.js';
import { UsageError } from '../errors.js';
import { endpointOverride, OVERRIDE_VAR, type EndpointOverride } from './override.js';
import { openVerdictCache, type VerdictCache } from './cache.js';
import { isTenantHost, planHttpChecks, type CheckedRule } from './http-plan.js';
import { runHttpChecks } from './http-checks.js';

export interface ValidatorContext {
  step: StepContext;
  userAgent: string;
  override?: EndpointOverride;
  cache?: VerdictCache;
}

/** A validator checks the findings of the rules that name it and sets their `validation`. */
export type Validator = (findings: Finding[], context: ValidatorContext) => Promise<void>;

const awsValidator: Validator = async (findings, { step, userAgent, override, cache }) => {
  const config = step.engine.config;
  const byId = step.engine.ruleSet.byId;
  if (!findings.some((f) => byId.get(f.ruleId)?.rule.validate === 'aws-sts')) return;
  // The signer and the STS code load only when an AWS rule found something.
  const { validateAwsFindings } = await import('./aws.js');
  await validateAwsFindings(findings, {
    env: step.env,
    region: config.aws.region,
    timeoutMs: config.aws.timeoutMs,
    concurrency: config.aws.concurrency,
    userAgent,
    showSecrets: step.options.showSecrets === true,
    validating: (ruleId) => byId.get(ruleId)?.rule.validate === 'aws-sts',
    envVarFor: (ruleId) => byId.get(ruleId)?.rule.remediation?.envVar,
    notices: step.notices,
    ownAccounts: config.aws.ownAccounts,
    ...(override ? { override } : {}),
    ...(cache ? { cache } : {}),
  });
};

/** Tenants the config lists, keeping only hosts some rule's suffixes allow (the rest said once, and dropped). */
function usableTenants(config: Config, checks: HttpCheck[], notices: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, hosts] of Object.entries(config.validation.tenants)) {
    const suffixes = checks.filter((c) => c.tenant?.name === name).flatMap((c) => c.tenant?.suffixes ?? []);
    out[name] = hosts.filter((host) => {
      if (isTenantHost(host, suffixes)) return true;
      notices.push(`validation.tenants.${name}: ignored ${host}: ${suffixes.length > 0 ? `not a host under ${[...new Set(suffixes)].join(' or ')}` : 'no rule checks this tenant'}`);
      return false;
    });
  }
  return out;
}

const httpValidator: Validator = async (findings, { step, userAgent, override, cache }) => {
  const config = step.engine.config;
  const byId = step.engine.ruleSet.byId;
  // A discovered config's own rules are someone else's word: they may find secrets, not send them anywhere.
  const customIds = new Set((config.rules as { id?: unknown }[]).map((r) => r.id));
  const trustsCustom = step.options.config !== undefined;
  let refused = 0;
  const checkFor = (ruleId: string): CheckedRule | undefined => {
    const rule = byId.get(ruleId)?.rule;
    if (!rule || typeof rule.validate !== 'object') return undefined;
    if (customIds.has(ruleId) && !trustsCustom) {
      refused++;
      return undefined;
    }
    return { check: rule.validate, provider: rule.provider };
  };
  const checks = [...byId.values()].map((c) => c.rule.validate).filter((v): v is HttpCheck => typeof v === 'object');
  const plan = planHttpChecks(findings, checkFor, { tenants: usableTenants(config, checks, step.notices), canaryPrefixes: config.validation.canaryPrefixes });
  if (refused > 0) step.notices.push(`validate: the live checks of ${config.source ?? '.keyfence.json'}'s own rules did not run (${refused} finding${refused === 1 ? '' : 's'}): a config found in the repository may not send secrets anywhere; name it with --config to trust it`);
  if (plan.jobs.length === 0 && plan.skipped.length === 0) return;
  const summary = await runHttpChecks(plan, {
    userAgent,
    timeoutMs: config.validation.timeoutMs,
    concurrency: config.validation.concurrency,
    pacingMs: config.validation.pacingMs,
    ...(override ? { override } : {}),
    ...(cache ? { cache } : {}),
  });
  const sent = [...summary.requests].sort(([a], [b]) => (a < b ? -1 : 1)).map(([host, n]) => `${host} ${n}`);
  const total = [...summary.requests.values()].reduce((a, b) => a + b, 0);
  if (summary.checked + summary.cached === 0) return;
  const fromCache = summary.cached > 0 ? `, ${summary.cached} from the cache` : '';
  step.notices.push(
    `--validate: checked ${summary.checked} other credential${summary.checked === 1 ? '' : 's'} with their providers (${total} request${total === 1 ? '' : 's'}${sent.length > 0 ? `: ${sent.join(', ')}` : ''}${fromCache}); each check is a use of the key that its owner may see (docs/validation.md)`,
  );
};

/** Every validator, in order; a rule's `validate` says which one checks its findings. */
export const VALIDATORS: { name: string; run: Validator }[] = [
  { name: 'aws-sts', run: awsValidator },
  { name: 'http', run: httpValidator },
];

export async function runValidators(findings: Finding[], step: StepContext, userAgent: string): Promise<void> {
  const override = endpointOverride(step.env);
  if (override) step.notices.push(`${OVERRIDE_VAR}: every live check goes to ${override.base} (a switch for tests)`);
  const hours = step.options.validateCache ?? step.engine.config.validation.cacheHours;
  if (!Number.isFinite(hours) || hours < 0) throw new UsageError('--validate-cache: must be a number of hours (0 turns the cache off)', 'e.g. --validate-cache 24');
  const cache = hours > 0 ? openVerdictCache({ env: step.env, hours, repoRoot: step.engine.config.root, notices: step.notices }) : undefined;
  const context: ValidatorContext = { step, userAgent, ...(override ? { override } : {}), ...(cache ? { cache } : {}) };
  for (const validator of VALIDATORS) await validator.run(findings, context);
  cache?.save();
}
