// Pure: reading JSON paths of a provider's answer, and making identity fields safe to print (no secret in them).
import { shannonEntropy } from '../detect/entropy.js';
import { redact, redactAll } from '../report/redact.js';

/** Longest identity value kept: scope lists can run to hundreds of entries. */
const MAX_VALUE = 200;

/** Every value at `path` (`a.b`, `items[].name`): arrays marked `[]` are walked, each element in turn. */
export function valuesAt(data: unknown, path: string): unknown[] {
  let current: unknown[] = [data];
  for (const part of path.split('.')) {
    const spread = part.endsWith('[]');
    const key = spread ? part.slice(0, -2) : part;
    const next: unknown[] = [];
    for (const value of current) {
      // `[]` alone walks an array answer itself (`[].slug`).
      if (key === '' && spread) {
        if (Array.isArray(value)) next.push(...value);
        continue;
      }
      if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
      if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
      const found = (value as Record<string, unknown>)[key];
      if (spread) {
        if (Array.isArray(found)) next.push(...found);
      } else next.push(found);
    }
    current = next;
  }
  return current;
}

/** Scalars as text; a list of scalars joined; objects are not identity. */
export function asIdentityText(values: unknown[]): string | undefined {
  const flat = values.flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean');
  const texts = flat.map(String).filter((t) => t !== '');
  return texts.length > 0 ? texts.join(', ') : undefined;
}

/** A run of token characters that is long, mixed and random enough to be a credential of its own. */
export function looksSecret(token: string): boolean {
  return token.length >= 24 && /[0-9]/.test(token) && /[A-Za-z]/.test(token) && shannonEntropy(token) >= 3.5;
}

/** The credential itself, and anything else shaped like one that a provider echoes, is masked; long values cut. */
export function safeIdentityValue(value: string, secrets: string[]): string {
  // eslint-disable-next-line no-control-regex
  const oneLine = redactAll(value, secrets).replace(/[\u0000-\u001f\u007f]+/g, ' ');
  const masked = oneLine.replace(/[A-Za-z0-9_\-+/=]{24,}/g, (token) => (looksSecret(token) ? redact(token) : token));
  return masked.length > MAX_VALUE ? `${masked.slice(0, MAX_VALUE - 1)}…` : masked;
}
