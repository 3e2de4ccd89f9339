// What every reporter receives besides the findings.
import type { Finding, Stats } from '../types.js';

export interface ReportMeta {
  stats: Stats;
  /** Colours on (the CLI decides: a TTY and no NO_COLOR / --no-color). */
  color: boolean;
  toolVersion: string;
  /** Rule metadata for formats that describe rules (SARIF). */
  rules?: { id: string; description: string; severity: Finding['severity']; tags?: string[]; references?: string[] }[];
  /** --quiet: the findings only, no summary lines. */
  quiet?: boolean;
  /** SARIF: runAutomationDetails.id is `<category>/` only when one is given (upload-sarif's `category:` fills it otherwise). */
  sarifCategory?: string;
  /** Repository root as a file URL, for formats that want it. */
  root?: string;
  /** When the run started (ms since the epoch), for formats that record scan times (gitlab). */
  startedAt?: number;
}

export type Reporter = (findings: Finding[], meta: ReportMeta) => string;
