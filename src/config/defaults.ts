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
  /** Live checks other than AWS (HttpChecks in the rules), and the verdict cache of every validator. */
  validation: {
    timeoutMs: number;
    concurrency: number;
    /** Pause between two requests to one host. */
    pacingMs: number;
    /** Keep valid/invalid verdicts this many hours across runs (0: no cache). */
    cacheHours: number;
    /** The user's own hosts for rules whose provider lives on a tenant (Shopify shop, Okta org…), by tenant name. */
    tenants: Record<string, string[]>;
    /** Secrets starting with one of these are canary tokens: never sent. */
    canaryPrefixes: string[];
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
    validation: { timeoutMs: 5000, concurrency: 4, pacingMs: 250, cacheHours: 0, tenants: {}, canaryPrefixes: [] },
    root,
  };
}
