// Pure: a live check's verdict as one line for every report: status, the host that saw it, and what it said.
import type { Verdict } from '../types.js';

/** What a skip reason means for the reader; JSON keeps the bare reason. */
export const SKIP_REASONS: Record<string, string> = {
  canary: 'canary: not sent, because using a canary token alerts its owner',
  'example-key': 'example-key: an AWS documentation example, not sent to AWS',
  'no-secret': 'no-secret: no secret access key found near this key id',
  'no-session-token': 'no-session-token: a temporary key cannot be checked without its session token',
  'no-key-id': 'no-key-id: no access key id found near this secret',
  'no-id': 'no-id: the other half of this credential (an account id, an email…) was not found near it',
  'needs-tenant': 'needs-tenant: this provider lives on your own host; list it in validation.tenants to check it',
  'unknown-site': 'unknown-site: the key names a data centre keyfence does not know, so it was not sent',
  'unexpected-shape': 'unexpected-shape: the secret does not have the shape the check needs',
  'not-sendable': 'not-sendable: the secret cannot travel in the request without changing it',
};

/** `valid at api.github.com (login octocat, scopes repo)`; a skip explained; nothing secret (identity is masked). */
export function describeVerdict(verdict: Verdict): string {
  const reason = verdict.status === 'skipped' && verdict.reason ? (SKIP_REASONS[verdict.reason] ?? verdict.reason) : verdict.reason;
  const identity = verdict.identity ? Object.entries(verdict.identity).map(([label, value]) => `${label} ${value}`) : [];
  const details = [reason, verdict.arn, ...identity, verdict.cachedAt ? `cached, checked ${verdict.cachedAt}` : undefined].filter(Boolean);
  const where = verdict.host ? ` at ${verdict.hosts && verdict.hosts.length > 1 ? verdict.hosts.join(', ') : verdict.host}` : '';
  return `${verdict.status}${where}${details.length > 0 ? ` (${details.join(', ')})` : ''}`;
}
