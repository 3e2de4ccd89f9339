// Steps that run on the collected findings, in order, before reporting (baseline, validation, suggestions, fixes).
import type { Finding } from '../types.js';
import type { FindingStep, StepContext } from '../finding-step.js';

export type { FindingStep, StepContext } from '../finding-step.js';

/** A step whose module is imported only when `needed` says so: a clean pre-commit run loads none of them. */
function lazyStep(load: () => Promise<FindingStep>, needed: (findings: Finding[], context: StepContext) => boolean): FindingStep {
  return async (findings, context) => (needed(findings, context) ? (await load())(findings, context) : findings);
}

/** The hook commands: they scan one change, so a baseline's other entries are not stale for them. */
const HOOKS = new Set(['staged', 'commit-msg']);

const anyFindings = (findings: Finding[]): boolean => findings.length > 0;

/** Each module that post-processes findings adds itself here; the order is the order of this array. */
export const FINDING_STEPS: FindingStep[] = [
  // Scans other than the hooks' count stale baseline entries even when nothing was found.
  lazyStep(async () => (await import('./baseline-step.js')).baselineStep, (findings, context) => findings.length > 0 || !HOOKS.has(context.command)),
  // After the baseline and ignores: each file's fingerprint is matched on its own, then one secret is one finding.
  lazyStep(async () => (await import('./secret-groups.js')).secretGroupStep, (findings, context) => findings.length > 1 && context.command === 'history'),
  lazyStep(async () => (await import('../validate/index.js')).validateStep, anyFindings),
  lazyStep(async () => (await import('../fix/step.js')).remediationStep, anyFindings),
];
