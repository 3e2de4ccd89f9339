// Rule families: the first tag of a rule that names one (what `keyfence rules` counts and `npm run eval` scores by).
import type { Rule } from '../types.js';

export const FAMILIES = ['cloud', 'source-control', 'ci', 'registry', 'payments', 'messaging', 'ai', 'observability', 'identity', 'saas', 'database', 'keys', 'generic'] as const;

export type Family = (typeof FAMILIES)[number];

const KNOWN = new Set<string>(FAMILIES);

/** A rule's family; untagged AWS rules predate the tags and are cloud, anything else untagged is generic. */
export function familyOf(rule: Pick<Rule, 'tags' | 'provider'>): Family {
  const tag = rule.tags?.find((t) => KNOWN.has(t));
  if (tag !== undefined) return tag as Family;
  return rule.provider === 'aws' ? 'cloud' : 'generic';
}

/** Rules per family, in FAMILIES order, families without rules left out. */
export function familyCounts(rules: Pick<Rule, 'tags' | 'provider'>[]): [Family, number][] {
  const counts = new Map<Family, number>();
  for (const rule of rules) counts.set(familyOf(rule), (counts.get(familyOf(rule)) ?? 0) + 1);
  return FAMILIES.filter((f) => counts.has(f)).map((f) => [f, counts.get(f) ?? 0]);
}
