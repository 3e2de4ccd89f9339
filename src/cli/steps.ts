// Steps that run on the collected findings, in order, before reporting (baseline, validation, suggestions, fixes).
import type { Finding } from '../types.js';
import type { Engine } from '../scan.js';
import type { CommonOptions } from './options.js';
import type { Stats } from '../types.js';
import { baselineStep } from './baseline-step.js';
import { validateStep } from '../validate/index.js';
import { remediationStep } from '../fix/step.js';

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
}

export type FindingStep = (findings: Finding[], context: StepContext) => Promise<Finding[]>;

/** Each module that post-processes findings adds itself here; the order is the order of this array. */
export const FINDING_STEPS: FindingStep[] = [baselineStep, validateStep, remediationStep];
