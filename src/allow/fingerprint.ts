// Stable finding id: sha256 over rule id + normalised path + a hash of the secret (sha256 for a machine-made key,
// scrypt for a guessable one); never the line, commit or line endings. Computed on first read, cached per secret.
import type * as Crypto from 'node:crypto';
import { RAW, type Finding, type RawSecret } from '../types.js';
import { lazyRequire } from '../lazy-require.js';
import { isGuessable } from '../strength.js';

// node:crypto loads on the first finding: a clean pre-commit run never needs it.
let crypto: typeof Crypto | undefined;
const lib = (): typeof Crypto => (crypto ??= lazyRequire('node:crypto') as typeof Crypto);
const sha256 = (text: string): string => lib().createHash('sha256').update(text).digest('hex');

/** scrypt cost of a guessable secret's hash: about 3 ms of CPU and 2 MiB per guess (a SHA-256 costs a microsecond). */
export const FINGERPRINT_COST = { N: 2048, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const scryptOptions = { ...FINGERPRINT_COST, maxmem: 256 * FINGERPRINT_COST.N * FINGERPRINT_COST.r };
/** Fixed and public, so every machine computes the same fingerprint; the rule id keeps one table from serving all rules. */
const saltFor = (ruleId: string): string => `keyfence fingerprint v2\0${ruleId}`;

// Per (rule, secret): the same secret in many commits or files is hashed once. Bounded, so memory stays flat.
const CACHE_LIMIT = 50_000;
const slow = new Map<string, string>();
const pending = new Map<string, Promise<void>>();

function remember(key: string, hex: string): void {
  if (slow.size >= CACHE_LIMIT) slow.clear();
  slow.set(key, hex);
}

export function normalisePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.\//, '');
}

/** The secret as hashed: CRLF inside multi-line secrets (key blocks) and a trailing CR never change its identity. */
export function canonicalSecret(secret: string): string {
  return secret.replace(/\r\n/g, '\n').replace(/\r$/, '');
}

/** sha256 of the secret: what fingerprints held before guessable secrets were hashed with scrypt (and baselines' imports). */
export function hashSecret(secret: string): string {
  return sha256(canonicalSecret(secret));
}

/** The secret's part of the fingerprint: sha256 of a machine-made key, scrypt of a guessable one. */
function secretHash(ruleId: string, identity: string): string {
  if (!isGuessable(identity)) return sha256(identity);
  const key = `${ruleId}\0${identity}`;
  let hex = slow.get(key);
  if (hex === undefined) remember(key, (hex = lib().scryptSync(identity, saltFor(ruleId), KEY_LENGTH, scryptOptions).toString('hex')));
  return hex;
}

export function fingerprintOf(ruleId: string, file: string, secret: string): string {
  return sha256(`${ruleId}\0${normalisePath(file)}\0${secretHash(ruleId, canonicalSecret(secret))}`);
}

/** The fingerprint of keyfence before 0.2 (plain sha256 of the secret): equal to fingerprintOf for machine-made keys. */
export function legacyFingerprintOf(ruleId: string, file: string, secret: string): string {
  return sha256(`${ruleId}\0${normalisePath(file)}\0${hashSecret(secret)}`);
}

/** What a finding's fingerprint hashes: the secret, or "keyId:secret" for a key pair (as the engine builds it). */
export function secretIdentity(raw: RawSecret): string {
  return canonicalSecret(raw.pairedId !== undefined ? `${raw.pairedId}:${raw.secret}` : raw.secret);
}

/** What the fingerprint identifies (rule, path, secret), as an in-memory key that costs no hashing (de-duplication). */
export function identityKey(finding: Finding): string {
  return `${finding.ruleId}\0${normalisePath(finding.file)}\0${secretIdentity(finding[RAW])}`;
}

/** Gives `finding` a `fingerprint` computed on first read: detection that never prints (eval, a clean hook) pays nothing. */
export function defineFingerprint(finding: Finding, ruleId: string, file: string, identity: string): void {
  Object.defineProperty(finding, 'fingerprint', {
    enumerable: true,
    configurable: true,
    get(this: Finding): string {
      const value = fingerprintOf(ruleId, file, identity);
      Object.defineProperty(this, 'fingerprint', { value, enumerable: true, writable: true, configurable: true });
      return value;
    },
    set(this: Finding, value: string) {
      Object.defineProperty(this, 'fingerprint', { value, enumerable: true, writable: true, configurable: true });
    },
  });
}

/** Starts hashing a finding's guessable secret on the thread pool, so reading its fingerprint later costs no scrypt. */
export function warmFingerprint(finding: Finding): Promise<void> {
  const identity = secretIdentity(finding[RAW]);
  if (!isGuessable(identity)) return Promise.resolve();
  const key = `${finding.ruleId}\0${identity}`;
  if (slow.has(key)) return Promise.resolve();
  let running = pending.get(key);
  if (!running) {
    running = new Promise<void>((resolve, reject) =>
      lib().scrypt(identity, saltFor(finding.ruleId), KEY_LENGTH, scryptOptions, (error, hash) => {
        pending.delete(key);
        if (error) reject(error);
        else {
          remember(key, hash.toString('hex'));
          resolve();
        }
      }),
    );
    pending.set(key, running);
  }
  return running;
}

/** Hashes every guessable secret of `findings` in parallel (libuv's thread pool), before their fingerprints are read. */
export async function prepareFingerprints(findings: Iterable<Finding>): Promise<void> {
  const work: Promise<void>[] = [];
  for (const finding of findings) work.push(warmFingerprint(finding));
  await Promise.all(work);
}

/** The entry of `entries` that names a finding: its fingerprint, or its pre-0.2 one (`legacy`: to migrate). */
export function matchFingerprint(entries: ReadonlySet<string>, finding: Finding): { entry: string; legacy: boolean } | undefined {
  if (entries.size === 0) return undefined;
  if (entries.has(finding.fingerprint)) return { entry: finding.fingerprint, legacy: false };
  const identity = secretIdentity(finding[RAW]);
  if (!isGuessable(identity)) return undefined;
  const old = legacyFingerprintOf(finding.ruleId, finding.file, identity);
  return entries.has(old) ? { entry: old, legacy: true } : undefined;
}
