// GitLab's secret-detection report (artifacts:reports:secret_detection), fields per GitLab's security report
// documentation; schemas/gitlab-secret-detection.schema.json describes it. Secrets stay masked; GitLab's optional
// raw_source_code_extract (an unsanitized excerpt) is never written.
import type { Finding, Severity } from '../types.js';
import type { Reporter, ReportMeta } from './types.js';
import { escapeJsonControls } from './printable.js';

/** The security-report-schemas version declared; GitLab validates the report against it. */
export const GITLAB_REPORT_VERSION = '15.2.1';

/** GitLab's own analyzer writes this sha for findings outside any commit (a working-tree scan). */
export const NO_COMMIT_SHA = '0000000';

const SEVERITY: Record<Severity, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' };
const CWE_798 = { type: 'cwe', name: 'CWE-798', value: '798', url: 'https://cwe.mitre.org/data/definitions/798.html' };

/** UTC yyyy-mm-ddThh:mm:ss, the only form GitLab accepts for scan times. */
function gitlabTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

function cap(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function where(f: Finding): string {
  return `${f.file}:${f.line}${f.commit ? ` (commit ${f.commit.slice(0, 8)})` : ''}`;
}

function solution(f: Finding): string {
  const steps = ['Treat the credential as compromised: revoke or rotate it with its provider now; removing it from git history does not revoke it.'];
  if (f.suggestion) steps.push(`Read it from the environment instead: ${f.suggestion.replacement} (env var ${f.suggestion.envVar}${f.suggestion.edit ? '; `keyfence scan --fix` applies it' : ''}).`);
  else steps.push('Read it from the environment or a secrets manager instead of the repository.');
  steps.push(`A false positive? Add "${f.fingerprint} # reason" to .keyfence-ignore.`);
  return cap(steps.map((s, i) => `${i + 1}. ${s}`).join('\n'), 7000);
}

function details(f: Finding): Record<string, unknown> {
  const out: Record<string, unknown> = { fingerprint: { name: 'keyfence fingerprint', type: 'text', value: f.fingerprint } };
  if (f.aws?.accountId) out.aws_account = { name: 'AWS account (decoded from the key id)', type: 'text', value: f.aws.accountId };
  if (f.aws?.canary) out.canary = { name: 'Canary token', type: 'text', value: `${f.aws.canaryOwner ?? 'a canary service'}: using this key alerts its owner; do not use or validate it` };
  if (f.validation) out.validation = { name: 'Validation', type: 'text', value: f.validation.status };
  return out;
}

function vulnerability(f: Finding, id: string, references: string[]): Record<string, unknown> {
  const commit: Record<string, string> = { sha: f.commit ?? NO_COMMIT_SHA };
  if (f.author !== undefined) commit.author = f.email ? `${f.author} <${f.email}>` : f.author;
  if (f.date !== undefined) commit.date = f.date;
  if (f.message !== undefined) commit.message = f.message.split('\n')[0] ?? '';
  const links = references.filter((url) => /^https?:\/\/./.test(url)).map((url) => ({ url }));
  return {
    id,
    category: 'secret_detection',
    name: cap(f.description, 255),
    description: `${f.description} in ${where(f)}: ${f.secret}${f.occurrences && f.occurrences > 1 ? ` (${f.occurrences} occurrences)` : ''}.`,
    severity: SEVERITY[f.severity],
    solution: solution(f),
    scanner: { id: 'keyfence', name: 'keyfence' },
    identifiers: [{ type: 'keyfence_rule_id', name: `keyfence rule ${f.ruleId}`, value: f.ruleId }, CWE_798],
    ...(links.length > 0 ? { links } : {}),
    details: details(f),
    location: { file: f.file, start_line: f.line, end_line: f.line, commit },
  };
}

function skipMessages(meta: ReportMeta): { level: 'info'; value: string }[] {
  const skipped = Object.entries(meta.stats.skipped).filter(([, n]) => (n ?? 0) > 0);
  return skipped.length === 0 ? [] : [{ level: 'info', value: `skipped: ${skipped.map(([reason, n]) => `${n} ${reason}`).join(', ')}` }];
}

export const gitlabReporter: Reporter = (findings, meta) => {
  const tool = { id: 'keyfence', name: 'keyfence', version: meta.toolVersion, vendor: { name: 'keyfence' } };
  const references = new Map((meta.rules ?? []).map((r) => [r.id, r.references ?? []]));
  // Ids must be unique in a report: the same secret twice in one file shares a fingerprint.
  const seen = new Map<string, number>();
  const vulnerabilities = findings.map((f) => {
    const n = (seen.get(f.fingerprint) ?? 0) + 1;
    seen.set(f.fingerprint, n);
    return vulnerability(f, n === 1 ? f.fingerprint : `${f.fingerprint}-${n}`, references.get(f.ruleId) ?? []);
  });
  const started = meta.startedAt ?? Date.now() - meta.stats.durationMs;
  const messages = skipMessages(meta);
  const scan = {
    analyzer: tool,
    scanner: tool,
    type: 'secret_detection',
    status: 'success',
    start_time: gitlabTime(started),
    end_time: gitlabTime(started + meta.stats.durationMs),
    ...(messages.length > 0 ? { messages } : {}),
  };
  return `${escapeJsonControls(JSON.stringify({ version: GITLAB_REPORT_VERSION, vulnerabilities, scan }, null, 2))}\n`;
};
