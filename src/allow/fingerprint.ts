// Stable finding id: rule id + normalised path + hash of the secret; never the line, commit or line endings.
import { createHash } from 'node:crypto';

export function normalisePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.\//, '');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret.replace(/\r$/, '')).digest('hex');
}

export function fingerprintOf(ruleId: string, file: string, secret: string): string {
  return createHash('sha256').update(`${ruleId}\0${normalisePath(file)}\0${hashSecret(secret)}`).digest('hex');
}
