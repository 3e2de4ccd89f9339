// The alphabet a value is written in, and how close its entropy comes to a random string of that alphabet and length.
import { shannonEntropy } from './entropy.js';

export interface Alphabet {
  name: string;
  size: number;
  test: RegExp;
}

/** Narrowest first: a value's own alphabet is the first that holds all its characters. */
export const ALPHABETS: readonly Alphabet[] = [
  { name: 'digits', size: 10, test: /^[0-9]+$/ },
  { name: 'hex', size: 16, test: /^(?:[0-9a-f]+|[0-9A-F]+)$/ },
  { name: 'lower', size: 26, test: /^[a-z]+$/ },
  { name: 'upper', size: 26, test: /^[A-Z]+$/ },
  { name: 'base32', size: 32, test: /^[A-Z2-7]+=*$/ },
  { name: 'lower-digits', size: 36, test: /^[a-z0-9]+$/ },
  { name: 'upper-digits', size: 36, test: /^[A-Z0-9]+$/ },
  { name: 'letters', size: 52, test: /^[A-Za-z]+$/ },
  { name: 'alnum', size: 62, test: /^[A-Za-z0-9]+$/ },
  { name: 'base64url', size: 64, test: /^[A-Za-z0-9_-]+=*$/ },
  { name: 'base64', size: 64, test: /^[A-Za-z0-9+/]+=*$/ },
  { name: 'printable', size: 94, test: /^[\x21-\x7e]+$/ },
];
const ANY: Alphabet = { name: 'any', size: 128, test: /^/ };

export function alphabetOf(value: string): Alphabet {
  return ALPHABETS.find((a) => a.test.test(value)) ?? ANY;
}

const expected = new Map<number, number>();

/**
 * The expected Shannon entropy of `length` characters drawn uniformly from `size` symbols: by linearity of
 * expectation, size × E[-(c/n)·log2(c/n)] with each symbol's count c ~ Binomial(n, 1/size). Exact, and cached.
 */
export function expectedEntropy(size: number, length: number): number {
  const key = size * 100000 + length;
  const cached = expected.get(key);
  if (cached !== undefined) return cached;
  const p = 1 / size;
  let sum = 0;
  // log of the binomial term, built up term by term to stay finite for long values.
  let logTerm = length * Math.log1p(-p);
  for (let c = 1; c <= length; c++) {
    logTerm += Math.log((length - c + 1) / c) + Math.log(p) - Math.log1p(-p);
    const share = c / length;
    sum += Math.exp(logTerm) * -share * Math.log2(share);
  }
  const value = size * sum;
  expected.set(key, value);
  return value;
}

/** Entropy as a share of what a random value of its own alphabet and length reaches on average (≈1 for random). */
export function alphabetFit(value: string): { alphabet: Alphabet; entropy: number; fit: number } {
  const alphabet = alphabetOf(value);
  const entropy = shannonEntropy(value);
  const length = value.length > 400 ? 400 : value.length;
  return { alphabet, entropy, fit: entropy / expectedEntropy(alphabet.size, length) };
}
