// The options of a scanning run, from flags, the environment or a library caller: below cli/, so the finding steps
// (validate/, fix/) read them without importing the CLI.
export interface CommonOptions {
  format?: string;
  output?: string;
  config?: string;
  baseline?: string;
  validate?: boolean;
  failOn?: 'any' | 'valid' | 'unknown';
  /** --results: only findings with these verdicts are reported (and can fail the run). */
  results?: string[];
  onlyVerified?: boolean;
  /** --validate-cache HOURS: reuse valid/invalid verdicts of earlier runs this recent. */
  validateCache?: number;
  fix?: boolean;
  dryRun?: boolean;
  showSecrets?: boolean;
  quiet?: boolean;
  color?: boolean;
  maxFileSize?: number;
  threads?: number;
  archives?: boolean;
  sarifCategory?: string;
}
