// Runs the HttpChecks of a plan: each credential once, at most N requests at once, requests to one host a pause apart,
// every exchange through boundedFetch (deadline, capped body, no redirect), no retries; verdicts cached when asked.
import { RAW, type Verdict } from '../types.js';
import { redactAll } from '../report/redact.js';
import { boundedFetch, DEFAULT_MAX_BODY } from './http.js';
import { buildRequest } from './request.js';
import { readAnswer } from './answer.js';
import { looksSecret } from './identity.js';
import { createLimiter, createPacer, type Clock } from './pace.js';
import type { HttpJob, HttpPlan } from './http-plan.js';
import type { EndpointOverride } from './override.js';
import type { VerdictCache } from './cache.js';

export interface HttpCheckOptions {
  userAgent: string;
  timeoutMs: number;
  concurrency: number;
  /** Default pause between two requests to one host (a rule's pacingMs wins). */
  pacingMs: number;
  override?: EndpointOverride;
  cache?: VerdictCache;
  /** Tests pass a virtual clock (see pace.ts). */
  clock?: Clock;
}

export interface HttpCheckSummary {
  checked: number;
  cached: number;
  /** Requests sent, by host. */
  requests: Map<string, number>;
}

/** A verdict that names who saw the check: every host asked, the deciding one first. */
function withHosts(verdict: Verdict, provider: string, decided: string, asked: string[]): Verdict {
  return { ...verdict, provider, host: decided, ...(asked.length > 1 ? { hosts: asked } : {}) };
}

/** Sites are asked in turn until one says valid: invalid at all of them is invalid, any unknown left is unknown. */
function combine(results: { host: string; verdict: Verdict }[], provider: string): Verdict {
  const asked = results.map((r) => r.host);
  const valid = results.find((r) => r.verdict.status === 'valid');
  if (valid) return withHosts(valid.verdict, provider, valid.host, asked);
  const unknown = results.find((r) => r.verdict.status !== 'invalid');
  if (unknown) return withHosts(unknown.verdict, provider, unknown.host, asked);
  const last = results[results.length - 1] as { host: string; verdict: Verdict };
  const reason = results.length > 1 ? `${last.verdict.reason ?? 'refused'} (refused at every site: ${asked.join(', ')})` : last.verdict.reason;
  return withHosts({ ...last.verdict, ...(reason ? { reason } : {}) }, provider, last.host, asked);
}

export async function runHttpChecks(plan: HttpPlan, options: HttpCheckOptions): Promise<HttpCheckSummary> {
  const limit = createLimiter(options.concurrency);
  const turn = createPacer(options.clock);
  const summary: HttpCheckSummary = { checked: 0, cached: 0, requests: new Map() };

  async function ask(job: HttpJob, host: string): Promise<Verdict> {
    // The other half is masked too when it looks like a credential (a client id), not when it is an email or account id.
    const secrets = [job.secret, ...job.findings.map((f) => f[RAW].secret), ...(job.id !== undefined && looksSecret(job.id) ? [job.id] : [])];
    const built = buildRequest(job.check, host, { secret: job.secret, ...(job.id !== undefined ? { id: job.id } : {}) }, { userAgent: options.userAgent, ...(options.override ? { override: options.override } : {}) });
    if ('problem' in built) return { status: 'skipped', reason: 'not-sendable' };
    await turn(host, job.check.pacingMs ?? options.pacingMs);
    const outcome = await limit(() => {
      summary.requests.set(host, (summary.requests.get(host) ?? 0) + 1);
      return boundedFetch(built.request, { timeoutMs: options.timeoutMs, maxBodyBytes: DEFAULT_MAX_BODY });
    });
    const verdict = readAnswer(outcome, job.check, secrets);
    // Reasons are keyfence's own words, but make sure none repeats what was sent.
    return verdict.reason === undefined ? verdict : { ...verdict, reason: redactAll(verdict.reason, secrets) };
  }

  async function run(job: HttpJob): Promise<Verdict> {
    const cached = options.cache && job.findings.map((f) => options.cache?.get(f.fingerprint)).find((v) => v !== undefined);
    if (cached) {
      summary.cached++;
      return cached;
    }
    summary.checked++;
    const results: { host: string; verdict: Verdict }[] = [];
    for (const host of job.hosts) {
      const verdict = await ask(job, host);
      if (verdict.status === 'skipped') return { ...verdict, provider: job.provider };
      results.push({ host, verdict });
      if (verdict.status === 'valid') break;
    }
    const verdict = combine(results, job.provider);
    for (const f of job.findings) options.cache?.set(f.fingerprint, verdict);
    return verdict;
  }

  await Promise.all(
    plan.jobs.map(async (job) => {
      let verdict: Verdict;
      try {
        verdict = await run(job);
      } catch (error) {
        const message = error instanceof Error ? (error.message.split('\n')[0] as string) : String(error);
        verdict = { status: 'unknown', reason: `error: ${redactAll(message, [job.secret, ...(job.id ? [job.id] : [])])}`, provider: job.provider };
      }
      for (const f of job.findings) f.validation = { ...verdict };
    }),
  );
  for (const { finding, verdict } of plan.skipped) finding.validation = verdict;
  return summary;
}
