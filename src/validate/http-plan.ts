// Pure: which findings an HttpCheck can check, once per credential, against which hosts; the rest get a skip reason.
import { createHash } from 'node:crypto';
import { RAW, type Finding, type HttpCheck, type Verdict } from '../types.js';

export interface CheckedRule {
  check: HttpCheck;
  provider: string;
}

/** One credential to check (maybe found in many places), and the hosts to ask in order. */
export interface HttpJob {
  key: string;
  ruleId: string;
  provider: string;
  check: HttpCheck;
  findings: Finding[];
  /** What fills {secret} (after `extract`) and {id}. */
  secret: string;
  id?: string;
  hosts: string[];
}

export interface HttpPlan {
  jobs: HttpJob[];
  skipped: { finding: Finding; verdict: Verdict }[];
}

export interface PlanOptions {
  /** validation.tenants: the user's own hosts, by tenant name (already checked against the suffixes). */
  tenants: Record<string, string[]>;
  /** validation.canaryPrefixes: secrets starting so are tripwires, never sent. */
  canaryPrefixes: string[];
}

const skip = (reason: string, provider: string): Verdict => ({ status: 'skipped', reason, provider });

/** `label.suffix` with one DNS label: the tenant is a subdomain of the provider's own domain, nothing else. */
export function isTenantHost(host: string, suffixes: string[]): boolean {
  return suffixes.some((suffix) => host.endsWith(suffix) && /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(host.slice(0, -suffix.length)));
}

function firstGroup(source: string, text: string): string | undefined {
  return new RegExp(source).exec(text)?.[1];
}

type Decision = { reason: string } | Omit<HttpJob, 'key' | 'findings' | 'ruleId' | 'provider' | 'check'>;

function decide(finding: Finding, check: HttpCheck, options: PlanOptions): Decision {
  const raw = finding[RAW];
  if (options.canaryPrefixes.some((prefix) => raw.secret.startsWith(prefix))) return { reason: 'canary' };
  const secret = check.extract === undefined ? raw.secret : firstGroup(check.extract, raw.secret);
  if (secret === undefined || secret === '') return { reason: 'unexpected-shape' };
  if (check.id && raw.partner === undefined) return { reason: 'no-id' };
  let hosts: string[];
  if (check.tenant) {
    hosts = (options.tenants[check.tenant.name] ?? []).filter((h) => isTenantHost(h, check.tenant?.suffixes ?? []));
    if (hosts.length === 0) return { reason: 'needs-tenant' };
  } else if (Array.isArray(check.sites)) hosts = check.sites;
  else if (check.sites) {
    const site = firstGroup(check.siteFrom as string, raw.secret);
    const host = site === undefined ? undefined : check.sites[site];
    if (host === undefined) return { reason: 'unknown-site' };
    hosts = [host];
  } else hosts = [/^https:\/\/([^/]+)/.exec(check.request.url)?.[1] as string];
  return { secret, ...(raw.partner !== undefined && check.id ? { id: raw.partner } : {}), hosts };
}

/** `checkFor(ruleId)`: the rule's HttpCheck, when it has one and may run (built-in, or from a config the user named). */
export function planHttpChecks(findings: Finding[], checkFor: (ruleId: string) => CheckedRule | undefined, options: PlanOptions): HttpPlan {
  const plan: HttpPlan = { jobs: [], skipped: [] };
  const byKey = new Map<string, HttpJob>();
  for (const finding of findings) {
    const rule = checkFor(finding.ruleId);
    if (!rule) continue;
    const decision = decide(finding, rule.check, options);
    if ('reason' in decision) {
      plan.skipped.push({ finding, verdict: skip(decision.reason, rule.provider) });
      continue;
    }
    // Once per credential per run: the same secret (and other half) in ten files or commits is one request.
    const key = createHash('sha256').update(`${JSON.stringify(rule.check)}\0${decision.secret}\0${decision.id ?? ''}\0${decision.hosts.join(',')}`).digest('hex');
    const job = byKey.get(key);
    if (job) job.findings.push(finding);
    else {
      const created: HttpJob = { key, ruleId: finding.ruleId, provider: rule.provider, check: rule.check, findings: [finding], ...decision };
      byKey.set(key, created);
      plan.jobs.push(created);
    }
  }
  return plan;
}
