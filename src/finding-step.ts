// The contract of a step that post-processes the collected findings (baseline, validation, suggestions, fixes):
// below cli/, so validate/ and fix/ implement it without importing the CLI.
import type { Finding, Stats } from './types.js';
import type { Engine } from './scan.js';
import type { CommonOptions } from './run-options.js';

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
  /** The exit code instead of the findings' once the report is out (--fix --dry-run: 2, as --fix would refuse). */
  exitCode?: number;
}

export type FindingStep = (findings: Finding[], context: StepContext) => Promise<Finding[]>;
