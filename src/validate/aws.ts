// Validates AWS key findings with STS: plan (pure) → paced, cached calls → verdicts, rotation notes and notices.
import type { Finding, Verdict } from '../types.js';
import { redact, redactAll } from '../report/redact.js';
import { planValidation, type ValidationJob } from './plan.js';
import { callGetCallerIdentity, resolveStsEndpoint } from './aws-sts.js';
import { createStsChecker } from './schedule.js';
import type { Clock } from './pace.js';
import { rotationNote } from './rotation.js';
import type { EndpointOverride } from './override.js';
import type { VerdictCache } from './cache.js';

export interface AwsValidationOptions {
  env: NodeJS.ProcessEnv;
  region: string;
  timeoutMs: number;
  concurrency: number;
  /** Pause between two calls with one key id (default 5 s; tests shorten it). */
  pacingMs?: number;
  /** Tests pass a virtual clock (see pace.ts). */
  clock?: Clock;
  userAgent: string;
  showSecrets: boolean;
  /** Does this rule ask for STS validation (`validate: "aws-sts"`)? */
  validating: (ruleId: string) => boolean;
  /** The rule's remediation env var, for a suggestion this step has to create. */
  envVarFor: (ruleId: string) => string | undefined;
  /** Messages for stderr; never a secret. */
  notices: string[];
  /** aws.ownAccounts: old-format key ids do not encode their account, but STS names it. */
  ownAccounts?: readonly string[];
  /** KEYFENCE_VALIDATE_ENDPOINT_OVERRIDE (tests): STS too goes to the loopback double. */
  override?: EndpointOverride;
  /** --validate-cache: verdicts of earlier runs by fingerprint. */
  cache?: VerdictCache;
}

export interface AwsValidationSummary {
  /** Credentials checked (after de-duplication) and requests sent (retries included). */
  checked: number;
  requests: number;
  /** The host that saw the calls, and verdicts reused from the cache. */
  host?: string;
  cached?: number;
}

function secretsOf(job: ValidationJob): string[] {
  const { accessKeyId, secretAccessKey, sessionToken } = job.credentials;
  return [accessKeyId, secretAccessKey, ...(sessionToken ? [sessionToken] : [])];
}

// Reasons come from AWS or the socket layer; make sure none echoes a credential back.
function scrub(verdict: Verdict, secrets: string[]): Verdict {
  return verdict.reason === undefined ? verdict : { ...verdict, reason: redactAll(verdict.reason, secrets) };
}

function addRotationNote(finding: Finding, verdict: Verdict, job: ValidationJob, options: AwsValidationOptions): void {
  if (verdict.status !== 'valid' || verdict.arn === undefined) return;
  const keyId = job.credentials.accessKeyId;
  const note = rotationNote({ arn: verdict.arn, shownKeyId: options.showSecrets ? keyId : redact(keyId), keyIdRedacted: !options.showSecrets });
  const envVar = options.envVarFor(finding.ruleId) ?? 'AWS_SECRET_ACCESS_KEY';
  finding.suggestion ??= { envVar, replacement: `$${envVar}`, language: 'env' };
  finding.suggestion.note = finding.suggestion.note ? `${finding.suggestion.note}\n${note}` : note;
}

function isLoopback(url: URL): boolean {
  return url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
}

export async function validateAwsFindings(findings: Finding[], options: AwsValidationOptions): Promise<AwsValidationSummary> {
  const plan = planValidation(findings, options.validating);
  for (const { finding, verdict } of plan.skipped) finding.validation = verdict;
  if (plan.jobs.length === 0) return { checked: 0, requests: 0 };

  const endpoint = resolveStsEndpoint(options.env, options.region, options.override);
  if (endpoint.url.protocol === 'http:' && !isLoopback(endpoint.url)) {
    options.notices.push(`${endpoint.source} is plain http (${endpoint.url.host}): signed requests travel unencrypted`);
  }
  const callOptions = { endpoint, timeoutMs: options.timeoutMs, userAgent: options.userAgent };
  const checker = createStsChecker({
    call: (credentials) => callGetCallerIdentity(credentials, callOptions),
    concurrency: options.concurrency,
    ...(options.pacingMs !== undefined ? { pacingMs: options.pacingMs } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const unique = new Set(plan.jobs.map((job) => secretsOf(job).join('\0')));
  let cached = 0;

  await Promise.all(
    plan.jobs.map(async (job) => {
      let verdict: Verdict | undefined = options.cache?.get(job.finding.fingerprint);
      if (verdict) cached++;
      else {
        try {
          verdict = { ...(await checker.check(job.credentials)), provider: 'aws', host: endpoint.host };
        } catch (error) {
          const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
          verdict = { status: 'unknown', reason: `error: ${message}`, provider: 'aws', host: endpoint.host };
        }
        verdict = scrub(verdict, secretsOf(job));
        options.cache?.set(job.finding.fingerprint, verdict);
      }
      for (const f of [job.finding, ...job.helpers]) f.validation = { ...verdict };
      if (verdict.accountId && options.ownAccounts?.includes(verdict.accountId) && job.finding.aws) job.finding.aws.ownAccount = true;
      addRotationNote(job.finding, verdict, job, options);
    }),
  );
  const fromCache = cached > 0 ? `, ${cached} verdict${cached === 1 ? '' : 's'} from the cache` : '';
  options.notices.push(
    `--validate: checked ${unique.size} AWS credential${unique.size === 1 ? '' : 's'} with STS GetCallerIdentity at ${endpoint.url.host} (${checker.calls} request${checker.calls === 1 ? '' : 's'}${fromCache}); each call is logged in the key owner's CloudTrail`,
  );
  return { checked: unique.size, requests: checker.calls, host: endpoint.host, cached };
}

