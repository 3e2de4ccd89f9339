// --results / --only-verified: which findings are reported, by verdict, so CI can print only live and possibly-live
// secrets. The same selection decides the exit code: what is not shown cannot fail the run.
import type { Finding } from '../types.js';
import { UsageError } from '../errors.js';
import type { CommonOptions } from './options.js';

/** A finding's verdict for selection: `unchecked` when no live check gave it one. */
export const RESULT_KINDS = ['valid', 'unknown', 'invalid', 'skipped', 'unchecked'] as const;
export type ResultKind = (typeof RESULT_KINDS)[number];

export function resultKindOf(finding: Finding): ResultKind {
  return finding.validation?.status ?? 'unchecked';
}

/** The kinds asked for, or undefined when every finding is reported; a misspelt kind stops the run (exit 2). */
export function selectedResults(options: Pick<CommonOptions, 'results' | 'onlyVerified'>): Set<ResultKind> | undefined {
  const asked = [...(options.results ?? []), ...(options.onlyVerified ? ['valid'] : [])];
  if (asked.length === 0) return undefined;
  // Named by position, never echoed: a value pasted into the wrong flag may be a secret.
  const bad = asked.flatMap((kind, i) => ((RESULT_KINDS as readonly string[]).includes(kind) ? [] : [i + 1]));
  if (bad.length > 0) throw new UsageError(`--results: value ${bad.join(', ')} is not a verdict`, `use a comma-separated list of: ${RESULT_KINDS.join(', ')} (e.g. --results valid,unknown)`);
  return new Set(asked as ResultKind[]);
}

/** The findings to report, and a notice counting (by verdict) the ones left out. */
export function filterResults(findings: Finding[], selected: Set<ResultKind>, validated: boolean): { kept: Finding[]; notice?: string } {
  const kept: Finding[] = [];
  const left = new Map<ResultKind, number>();
  for (const f of findings) {
    const kind = resultKindOf(f);
    if (selected.has(kind)) kept.push(f);
    else left.set(kind, (left.get(kind) ?? 0) + 1);
  }
  if (left.size === 0) return { kept };
  const counts = RESULT_KINDS.filter((kind) => left.has(kind)).map((kind) => `${left.get(kind)} ${kind}`).join(', ');
  const hint = validated || !(selected.has('valid') || selected.has('unknown') || selected.has('invalid')) ? '' : '; without --validate no finding has a verdict';
  return { kept, notice: `--results ${[...selected].join(',')}: ${findings.length - kept.length} finding${findings.length - kept.length === 1 ? '' : 's'} not reported (${counts})${hint}` };
}
