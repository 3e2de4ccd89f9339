// Default configuration values, as data.

export interface Config {
  extends: 'recommended' | 'none';
  rules: unknown[];
  disable: string[];
  allow: {
    paths: string[];
    regexes: string[];
    stopwords: string[];
    commits: string[];
    fingerprints: string[];
  };
  maxFileSize: number;
  /** Archives (zip, jar, tar, gzip) are opened within these bounds; `enabled: false` (--no-archives) counts them as skipped. */
  archives: ArchiveLimits & { enabled: boolean };
  entropy: Record<string, number>;
  validate: boolean;
  failOn: 'any' | 'valid' | 'unknown';
  baseline?: string;
  pathIndependentBaseline: boolean;
  aws: {
    canaryAccounts: string[];
    ownAccounts: string[];
    region: string;
    timeoutMs: number;
    concurrency: number;
  };
  /** Where the config came from (absent when defaults only). */
  source?: string;
  /** Directory relative paths in the config are resolved against. */
  root: string;
}

export const MAX_FILE_SIZE = 1024 * 1024;

/** Bounds of one archive, nested ones included: how deep, how many bytes expanded, how many entries. */
export interface ArchiveLimits {
  maxDepth: number;
  maxTotalBytes: number;
  maxEntries: number;
}

export const ARCHIVE_LIMITS: Readonly<ArchiveLimits> = { maxDepth: 4, maxTotalBytes: 64 * 1024 * 1024, maxEntries: 10_000 };

export function defaultConfig(root: string): Config {
  return {
    extends: 'recommended',
    rules: [],
    disable: [],
    allow: { paths: [], regexes: [], stopwords: [], commits: [], fingerprints: [] },
    maxFileSize: MAX_FILE_SIZE,
    archives: { enabled: true, ...ARCHIVE_LIMITS },
    entropy: {},
    validate: false,
    failOn: 'any',
    pathIndependentBaseline: false,
    aws: { canaryAccounts: [], ownAccounts: [], region: 'us-east-1', timeoutMs: 5000, concurrency: 4 },
    root,
  };
}
