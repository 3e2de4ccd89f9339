// Steps that run on the collected findings, in order, before reporting (baseline, validation, suggestions, fixes).
import type { Finding } from '../types.js';
import type { Engine } from '../scan.js';
import type { CommonOptions } from './options.js';
import type { Stats } from '../types.js';

export interface StepContext {
  engine: Engine;
  options: CommonOptions;
  stats: Stats;
  cwd: string;
  /** The environment the run sees (AWS_ENDPOINT_URL_STS…); injectable by library callers and tests. */
  env: NodeJS.ProcessEnv;
  /** Which command runs: scan, staged, history. */
  command: string;
  /** Messages for stderr (never a secret). */
  notices: string[];
  /** Text for stdout ahead of the report (the --fix --dry-run diff). */
  output?: string[];
  /** The .keyfence-ignore to read instead of the repository's (RunIO.ignoreFile). */
  ignoreFile?: string;
}

export type FindingStep = (findings: Finding[], context: StepContext) => Promise<Finding[]>;

/** A step whose module is imported only when `needed` says so: a clean pre-commit run loads none of them. */
function lazyStep(load: () => Promise<FindingStep>, needed: (findings: Finding[], context: StepContext) => boolean): FindingStep {
  return async (findings, context) => (needed(findings, context) ? (await load())(findings, context) : findings);
}

const anyFindings = (findings: Finding[]): boolean => findings.length > 0;

/** Each module that post-processes findings adds itself here; the order is the order of this array. */
export const FINDING_STEPS: FindingStep[] = [
  // Scans other than `staged` count stale baseline entries even when nothing was found.
  lazyStep(async () => (await import('./baseline-step.js')).baselineStep, (findings, context) => findings.length > 0 || context.command !== 'staged'),
  lazyStep(async () => (await import('../validate/index.js')).validateStep, anyFindings),
  lazyStep(async () => (await import('../fix/step.js')).remediationStep, anyFindings),
];
