// Imports other scanners' suppressions (gitleaks reports and .gitleaksignore, detect-secrets baselines) by matching them to current findings.
import { createHash } from 'node:crypto';
import { RAW, type Finding } from '../types.js';
import { InputError } from '../errors.js';
import { canonicalSecret, normalisePath } from './fingerprint.js';
import { describeParsePosition } from './json-locate.js';

export type ImportFormat = 'gitleaks' | 'detect-secrets';
export const IMPORT_FORMATS: ImportFormat[] = ['gitleaks', 'detect-secrets'];

/** One suppression from the other tool: where it was and, when the tool kept one, how to recognise the secret. */
interface Claim {
  file: string;
  line?: number;
  /** The secret in clear (gitleaks without --redact). */
  secret?: string;
  /** sha1 hex of the secret (detect-secrets' hashed_secret). */
  sha1?: string;
}

export interface ImportResult {
  total: number;
  matched: Finding[];
  /** Claims matched by file and line only (the other tool kept no secret): worth a review. */
  matchedByLine: number;
  unmatched: number;
}

function parseJson(text: string, label: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const where = describeParsePosition(text) ?? 'an unknown position';
    throw new InputError(`${label}: not valid JSON at ${where}`, 'pass the JSON report itself (gitleaks --report-format json, or .secrets.baseline)');
  }
}

/** gitleaks Fingerprint "commit:file:rule:line" (git scans) or "file:rule:line" (--no-git); the file may contain colons. */
export function parseGitleaksFingerprint(fingerprint: string): { file: string; line: number } | undefined {
  const match = /^(?:[0-9a-f]{40}:)?(.+):[^:]+:(\d+)$/i.exec(fingerprint.trim());
  return match ? { file: match[1] as string, line: Number(match[2]) } : undefined;
}

/** A JSON report (array of findings with RuleID/File/Secret/StartLine/Fingerprint) or a .gitleaksignore (one fingerprint per line). */
function gitleaksClaims(text: string, label: string): Claim[] {
  if (!/^\s*[[{]/.test(text)) {
    return text
      .split('\n')
      .map((line, i) => ({ line: line.replace(/#.*$/, '').trim(), number: i + 1 }))
      .filter(({ line }) => line !== '')
      .map(({ line, number }) => {
        const parsed = parseGitleaksFingerprint(line);
        if (!parsed) throw new InputError(`${label}:${number}: not a gitleaks fingerprint (commit:file:rule:line)`, 'pass a gitleaks JSON report or a .gitleaksignore file');
        return parsed;
      });
  }
  const raw = parseJson(text, label);
  if (!Array.isArray(raw)) throw new InputError(`${label}: expected a JSON array of gitleaks findings`, 'create it with `gitleaks detect --report-format json --report-path FILE`');
  return raw.map((item: unknown, i) => {
    const f = item as { File?: unknown; Secret?: unknown; StartLine?: unknown; Fingerprint?: unknown };
    const fromFingerprint = typeof f.Fingerprint === 'string' ? parseGitleaksFingerprint(f.Fingerprint) : undefined;
    const file = typeof f.File === 'string' ? f.File : fromFingerprint?.file;
    if (file === undefined) throw new InputError(`${label}: /${i}: a gitleaks finding needs "File" or "Fingerprint"`, 'pass an unmodified gitleaks JSON report');
    const claim: Claim = { file };
    const line = typeof f.StartLine === 'number' ? f.StartLine : fromFingerprint?.line;
    if (line !== undefined) claim.line = line;
    // gitleaks --redact writes "REDACTED" (or a masked value): only a whole secret identifies anything.
    if (typeof f.Secret === 'string' && f.Secret !== '' && !/REDACTED|\*{3,}|\.\.\./.test(f.Secret)) claim.secret = f.Secret;
    return claim;
  });
}

/** detect-secrets: { results: { "path": [{ hashed_secret, line_number, type }] } }. */
function detectSecretsClaims(text: string, label: string): Claim[] {
  const raw = parseJson(text, label) as { results?: unknown };
  if (raw === null || typeof raw !== 'object' || typeof raw.results !== 'object' || raw.results === null) {
    throw new InputError(`${label}: no "results" object: not a detect-secrets baseline`, 'pass the .secrets.baseline file that `detect-secrets scan` wrote');
  }
  const claims: Claim[] = [];
  for (const [file, items] of Object.entries(raw.results as Record<string, unknown>)) {
    if (!Array.isArray(items)) throw new InputError(`${label}: /results/${file}: must be an array`, 'pass an unmodified .secrets.baseline');
    items.forEach((item: { hashed_secret?: unknown; line_number?: unknown }, i) => {
      if (typeof item.hashed_secret !== 'string') throw new InputError(`${label}: /results/${file}/${i}: missing "hashed_secret"`, 'pass an unmodified .secrets.baseline');
      claims.push({ file, sha1: item.hashed_secret.toLowerCase(), ...(typeof item.line_number === 'number' ? { line: item.line_number } : {}) });
    });
  }
  return claims;
}

export function parseImport(format: ImportFormat, text: string, label: string): Claim[] {
  return format === 'gitleaks' ? gitleaksClaims(text, label) : detectSecretsClaims(text, label);
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/** The values a finding can be recognised by: its secret and, for a key pair, the key id. */
function valuesOf(finding: Finding): string[] {
  const raw = finding[RAW];
  return raw.pairedId !== undefined ? [canonicalSecret(raw.secret), raw.pairedId] : [canonicalSecret(raw.secret)];
}

/** Matches claims to current findings in the same file: by secret, by sha1 of the secret, or (no secret kept) by line. */
export function matchClaims(claims: Claim[], findings: Finding[]): ImportResult {
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    const file = normalisePath(f.file);
    byFile.set(file, [...(byFile.get(file) ?? []), f]);
  }
  const matched = new Set<Finding>();
  let matchedByLine = 0;
  let unmatched = 0;
  for (const claim of claims) {
    const candidates = byFile.get(normalisePath(claim.file)) ?? [];
    let hits: Finding[];
    if (claim.secret !== undefined) hits = candidates.filter((f) => valuesOf(f).includes(canonicalSecret(claim.secret as string)));
    else if (claim.sha1 !== undefined) hits = candidates.filter((f) => valuesOf(f).some((v) => sha1(v) === claim.sha1));
    else hits = candidates.filter((f) => f.line === claim.line);
    if (hits.length === 0) unmatched++;
    else if (claim.secret === undefined && claim.sha1 === undefined) matchedByLine++;
    for (const hit of hits) matched.add(hit);
  }
  return { total: claims.length, matched: [...matched], matchedByLine, unmatched };
}
