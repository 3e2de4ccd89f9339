// Stable finding id: rule id + normalised path + hash of the secret; never the line, commit or line endings.
import { createHash } from 'node:crypto';
import type { RawSecret } from '../types.js';

export function normalisePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.\//, '');
}

/** The secret as hashed: CRLF inside multi-line secrets (key blocks) and a trailing CR never change its identity. */
export function canonicalSecret(secret: string): string {
  return secret.replace(/\r\n/g, '\n').replace(/\r$/, '');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(canonicalSecret(secret)).digest('hex');
}

export function fingerprintOf(ruleId: string, file: string, secret: string): string {
  return createHash('sha256').update(`${ruleId}\0${normalisePath(file)}\0${hashSecret(secret)}`).digest('hex');
}

/** What a finding's fingerprint hashes: the secret, or "keyId:secret" for a key pair (as the engine builds it). */
export function secretIdentity(raw: RawSecret): string {
  return canonicalSecret(raw.pairedId !== undefined ? `${raw.pairedId}:${raw.secret}` : raw.secret);
}
