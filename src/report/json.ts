// Stable JSON: { version: 1, findings, stats } with exactly the SPEC's finding fields, in the SPEC's order.
import type { Finding } from '../types.js';
import type { Reporter } from './types.js';
import { escapeJsonControls } from './printable.js';

const FIELDS = ['ruleId', 'description', 'severity', 'file', 'line', 'column', 'secret', 'match', 'fingerprint', 'entropy', 'commit', 'occurrences', 'locations', 'author', 'email', 'date', 'message', 'aws', 'pairedWith', 'validation', 'suggestion'] as const;

export function toJsonFinding(finding: Finding): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of FIELDS) if (finding[field] !== undefined) out[field] = finding[field];
  return out;
}

export const jsonReporter: Reporter = (findings, meta) =>
  `${escapeJsonControls(JSON.stringify({ version: 1, findings: findings.map(toJsonFinding), stats: meta.stats }, null, 2))}\n`;
