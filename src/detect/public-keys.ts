// Keys that are public by design (public-keys.json, stored as sha256): a match is never a leak.
import type * as Crypto from 'node:crypto';
import data from './public-keys.json' with { type: 'json' };
import { lazyRequire } from '../lazy-require.js';

// node:crypto loads on the first value of a listed length: the pre-commit hook mostly never needs it (~12 ms).
let crypto: typeof Crypto | undefined;

const lengths = new Set(data.keys.map((k) => k.length));
const hashes = new Map(data.keys.map((k) => [k.sha256, k.description]));

/** The description of a published key equal to `value`, or undefined (hashes only values of a listed length). */
export function publicKeyDescription(value: string): string | undefined {
  if (!lengths.has(value.length)) return undefined;
  crypto ??= lazyRequire('node:crypto') as typeof Crypto;
  return hashes.get(crypto.createHash('sha256').update(value).digest('hex'));
}
