// Baselines: known findings stored as (rule, path, scrypt hash of the secret); matching, merging and a merge-friendly layout.
import { randomBytes, scrypt } from 'node:crypto';
import { RAW, type Finding } from '../types.js';
import { normalisePath, secretIdentity } from './fingerprint.js';

export const BASELINE_VERSION = 1;
export const BASELINE_FILE = '.keyfence-baseline.json';

/** scrypt cost: about 25 ms and 16 MiB per guess, so a short secret cannot be brute-forced cheaply from the file. */
export const DEFAULT_COST = { N: 16384, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

export interface HashParams {
  algorithm: 'scrypt';
  N: number;
  r: number;
  p: number;
  /** base64, random per baseline: the same secret hashes differently in every repository. */
  salt: string;
}

export interface BaselineEntry {
  rule: string;
  /** Repo-relative, forward slashes. */
  file: string;
  /** hex scrypt(secret identity, salt). Named `hash`, not `secret`, so generic `secret = …` rules never flag the file. */
  hash: string;
}

export interface Baseline {
  version: typeof BASELINE_VERSION;
  kdf: HashParams;
  entries: BaselineEntry[];
}

export function newBaseline(): Baseline {
  return { version: BASELINE_VERSION, kdf: { algorithm: 'scrypt', ...DEFAULT_COST, salt: randomBytes(16).toString('base64') }, entries: [] };
}

/** Hashes secret identities with the baseline's parameters; each distinct secret is hashed once per run. */
export class SecretHasher {
  private readonly cache = new Map<string, Promise<string>>();
  private readonly salt: Buffer;
  constructor(private readonly params: HashParams) {
    this.salt = Buffer.from(params.salt, 'base64');
  }

  hash(identity: string): Promise<string> {
    let pending = this.cache.get(identity);
    if (!pending) {
      const { N, r, p } = this.params;
      pending = new Promise((resolve, reject) =>
        scrypt(identity, this.salt, KEY_LENGTH, { N, r, p, maxmem: 256 * N * r }, (error, key) => (error ? reject(error) : resolve(key.toString('hex')))),
      );
      this.cache.set(identity, pending);
    }
    return pending;
  }

  async entryFor(finding: Finding): Promise<BaselineEntry> {
    return { rule: finding.ruleId, file: normalisePath(finding.file), hash: await this.hash(secretIdentity(finding[RAW])) };
  }
}

/** The identity an entry is matched on; the path drops out only when the user opted into path-independent matching. */
export function entryKey(entry: BaselineEntry, pathIndependent: boolean): string {
  return pathIndependent ? `${entry.rule}\0${entry.hash}` : `${entry.rule}\0${normalisePath(entry.file)}\0${entry.hash}`;
}

function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  const x = `${a.file}\0${a.rule}\0${a.hash}`;
  const y = `${b.file}\0${b.rule}\0${b.hash}`;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Sorted by file, rule, hash (code-unit order, locale-free) without duplicates. */
export function sortEntries(entries: BaselineEntry[]): BaselineEntry[] {
  const seen = new Set<string>();
  const out: BaselineEntry[] = [];
  for (const e of [...entries].sort(compareEntries)) {
    const key = entryKey(e, false);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ rule: e.rule, file: normalisePath(e.file), hash: e.hash });
  }
  return out;
}

/**
 * One entry per line, each ending in a comma, closed by a fixed `{"end": true}` line: adding an entry
 * never edits an existing line, so git merges additions on different lines, and `merge=union` merges any.
 */
export function serializeBaseline(baseline: Baseline): string {
  const { algorithm, N, r, p, salt } = baseline.kdf;
  const lines = [
    '{',
    `  "version": ${BASELINE_VERSION},`,
    `  "kdf": ${JSON.stringify({ algorithm, N, r, p, salt })},`,
    '  "entries": [',
    ...sortEntries(baseline.entries).map((e) => `    ${JSON.stringify({ rule: e.rule, file: e.file, hash: e.hash })},`),
    '    {"end": true}',
    '  ]',
    '}',
  ];
  return `${lines.join('\n')}\n`;
}

export interface BaselineMatch {
  kept: Finding[];
  suppressed: Finding[];
  /** Keys (entryKey) of the entries that matched some finding. */
  matchedKeys: Set<string>;
}

/** Splits findings into those the baseline knows and the rest; only findings whose rule (and path) has an entry are hashed. */
export async function matchBaseline(findings: Finding[], baseline: Baseline, hasher: SecretHasher, pathIndependent: boolean): Promise<BaselineMatch> {
  const keys = new Set(baseline.entries.map((e) => entryKey(e, pathIndependent)));
  const scopes = new Set(baseline.entries.map((e) => (pathIndependent ? e.rule : `${e.rule}\0${normalisePath(e.file)}`)));
  const result: BaselineMatch = { kept: [], suppressed: [], matchedKeys: new Set() };
  const verdicts = await Promise.all(
    findings.map(async (finding) => {
      const scope = pathIndependent ? finding.ruleId : `${finding.ruleId}\0${normalisePath(finding.file)}`;
      if (!scopes.has(scope)) return undefined;
      const key = entryKey(await hasher.entryFor(finding), pathIndependent);
      return keys.has(key) ? key : undefined;
    }),
  );
  findings.forEach((finding, i) => {
    const key = verdicts[i];
    if (key === undefined) result.kept.push(finding);
    else {
      result.suppressed.push(finding);
      result.matchedKeys.add(key);
    }
  });
  return result;
}

/** Entries no finding matched (in a full scan: secrets that are gone). */
export function staleEntries(baseline: Baseline, matchedKeys: Set<string>, pathIndependent: boolean): BaselineEntry[] {
  return baseline.entries.filter((e) => !matchedKeys.has(entryKey(e, pathIndependent)));
}
