// Test helpers: generate structurally valid tokens (GitHub/npm CRC32, PyPI macaroons, JWTs, age Bech32) from a seed.
import { base62, bech32HrpExpand, bech32Polymod, crc32 } from '../../src/detect/checksum.js';

export type Random = () => number;

/** Deterministic PRNG (mulberry32), so generated tokens are stable across runs. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A value written in parts and joined at test time, so no whole example token or password sits in the source. */
export function join(...parts: string[]): string {
  return parts.join('');
}

export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomString(random: Random, alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length)];
  return out;
}

/** ghp_/gho_/ghu_/ghs_/ghr_/npm_ + 30 random base62 + base62(crc32) in 6 chars. */
export function base62Token(prefix: string, random: Random): string {
  const body = randomString(random, ALNUM, 30);
  return prefix + body + base62(crc32(body), 6);
}

export function base64Url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A PyPI-style macaroon v2 token: header (location, identifier), one caveat, signature. */
export function pypiToken(random: Random, location = 'pypi.org'): string {
  const field = (type: number, data: Buffer): Buffer => Buffer.concat([Buffer.from([type, data.length]), data]);
  const identifier = Buffer.from(JSON.stringify({ version: 1, nonce: randomString(random, '0123456789abcdef', 32) }));
  const caveat = Buffer.from(JSON.stringify({ permissions: 'user', version: 1 }));
  const signature = Buffer.from(randomString(random, '0123456789abcdef', 64), 'hex');
  return `pypi-${base64Url(Buffer.concat([Buffer.from([2]), field(1, Buffer.from(location)), field(2, identifier), Buffer.from([0]), field(2, caveat), Buffer.from([0]), Buffer.from([0]), field(6, signature)]))}`;
}

export function jwtToken(random: Random, alg = 'HS256', payload: object = { sub: 'svc', iat: 1700000000 }): string {
  return `${base64Url(JSON.stringify({ alg, typ: 'JWT' }))}.${base64Url(JSON.stringify(payload))}.${randomString(random, `${ALNUM}_-`, 43)}`;
}

const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';

export function bech32Encode(hrp: string, data: number[]): string {
  const mod = bech32Polymod([...bech32HrpExpand(hrp), ...data, 0, 0, 0, 0, 0, 0]) ^ 1;
  const checksum = [0, 1, 2, 3, 4, 5].map((i) => (mod >>> (5 * (5 - i))) & 31);
  return `${hrp}1${[...data, ...checksum].map((v) => BECH32[v]).join('')}`;
}

/** An age identity: AGE-SECRET-KEY-1 + 52 data chars + 6 checksum chars, upper case. */
export function ageSecretKey(random: Random): string {
  const data = Array.from({ length: 52 }, () => Math.floor(random() * 32));
  return bech32Encode('age-secret-key-', data).toUpperCase();
}

/** Replaces the character at `index` with a different one of the same alphabet. */
export function corrupt(token: string, index: number, alphabet = ALNUM): string {
  const at = index < 0 ? token.length + index : index;
  const current = token[at] as string;
  const next = alphabet[(alphabet.indexOf(current) + 1) % alphabet.length] as string;
  return token.slice(0, at) + next + token.slice(at + 1);
}
