// Generates realistic AWS key material at test time (deterministic), so no whole key sits in the repository.
import { randomString, seededRandom } from './tokens.js';

export { seededRandom };

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function pick(alphabet: string, length: number, random: () => number): string {
  return randomString(random, alphabet, length);
}

/** A key id whose decoded account is `account` (inverse of src/detect/aws.ts decodeAccountId). */
export function keyIdFor(prefix: string, account: string, random: () => number): string {
  // 50 bits = top bit 1 (never I/J as 5th char) | 40 account bits << 9 | 9 random bits.
  let bits = (1n << 49n) | (BigInt(account) << 9n) | BigInt(Math.floor(random() * 512));
  let head = '';
  for (let i = 0; i < 10; i++) {
    head = BASE32[Number(bits & 31n)] + head;
    bits >>= 5n;
  }
  return `${prefix}${head}${pick(BASE32, 6, random)}`;
}

/** An old-format key id (5th char I or J): the account is not encoded. */
export function oldKeyId(random: () => number): string {
  return `AKIAJ${pick(BASE32, 15, random)}`;
}

/** A 40-char secret access key with both '+' and '/' in it (so URL encoding changes it). */
export function secretKey(random: () => number): string {
  const body = pick(BASE64, 38, random);
  return `${body.slice(0, 10)}+${body.slice(10, 30)}/${body.slice(30)}`;
}

/** A session token in the current format (starts with the base64 of "origin_ec"-like marker). */
export function sessionToken(random: () => number): string {
  return `IQoJb3JpZ2luX2Vj${pick(BASE64, 300, random)}`;
}

export function uuid(random: () => number): string {
  const hex = pick('0123456789abcdef', 32, random);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function base64Blob(random: () => number, length = 40): string {
  return pick(BASE64, length, random);
}

export const CANARY_ACCOUNT = '052310077262';

/** The account encoded into placeholder n's key id. */
export function accountFor(n: number): string {
  return String(210987654300 + n).padStart(12, '0');
}

/** Replaces {{KIND:n}} placeholders; the same placeholder always yields the same value within one call. */
export function fillPlaceholders(text: string, values: Map<string, string>, random: () => number): string {
  return text.replace(/\{\{([A-Z0-9_]+)(?::(\d+))?\}\}/g, (_, kind: string, num: string | undefined) => {
    const key = `${kind}:${num ?? ''}`;
    const existing = values.get(key);
    if (existing !== undefined) return existing;
    const n = Number(num ?? 0);
    let value: string;
    switch (kind) {
      case 'ID':
        value = keyIdFor('AKIA', accountFor(n), random);
        break;
      case 'TEMP_ID':
        value = keyIdFor('ASIA', accountFor(n), random);
        break;
      case 'CANARY_ID':
        value = keyIdFor('AKIA', CANARY_ACCOUNT, random);
        break;
      case 'OLD_ID':
        value = oldKeyId(random);
        break;
      case 'SECRET':
        value = values.get(`SECRET_RAW:${n}`) ?? secretKey(random);
        values.set(`SECRET_RAW:${n}`, value);
        break;
      case 'SECRET_URL': {
        const raw = values.get(`SECRET_RAW:${n}`) ?? secretKey(random);
        values.set(`SECRET_RAW:${n}`, raw);
        value = encodeURIComponent(raw);
        break;
      }
      case 'TOKEN':
        value = sessionToken(random);
        break;
      case 'UUID':
        value = uuid(random);
        break;
      case 'BLOB40':
        value = base64Blob(random);
        break;
      case 'NOT_BASE32':
        value = `${pick(BASE32, 14, random)}08`;
        break;
      default:
        throw new Error(`unknown placeholder ${kind}`);
    }
    values.set(key, value);
    return value;
  });
}
