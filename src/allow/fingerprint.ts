// Stable finding id: rule id + normalised path + hash of the secret; never the line, commit or line endings.
import type { createHash as CreateHash } from 'node:crypto';
import type { RawSecret } from '../types.js';
import { lazyRequire } from '../lazy-require.js';

// node:crypto loads on the first finding: a clean pre-commit run never needs it.
let hashing: { createHash: typeof CreateHash } | undefined;
const sha256 = (text: string): string => (hashing ??= lazyRequire('node:crypto') as { createHash: typeof CreateHash }).createHash('sha256').update(text).digest('hex');

export function normalisePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.\//, '');
}

/** The secret as hashed: CRLF inside multi-line secrets (key blocks) and a trailing CR never change its identity. */
export function canonicalSecret(secret: string): string {
  return secret.replace(/\r\n/g, '\n').replace(/\r$/, '');
}

export function hashSecret(secret: string): string {
  return sha256(canonicalSecret(secret));
}

export function fingerprintOf(ruleId: string, file: string, secret: string): string {
  return sha256(`${ruleId}\0${normalisePath(file)}\0${hashSecret(secret)}`);
}

/** What a finding's fingerprint hashes: the secret, or "keyId:secret" for a key pair (as the engine builds it). */
export function secretIdentity(raw: RawSecret): string {
  return canonicalSecret(raw.pairedId !== undefined ? `${raw.pairedId}:${raw.secret}` : raw.secret);
}
