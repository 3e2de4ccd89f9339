// Whether a secret could be guessed (a password, a short key) or is machine-made: decides how it is masked and
// fingerprinted. Part of the fingerprint's definition (docs/baseline.md): changing it changes fingerprints. Imports nothing.

const counts = new Uint32Array(256);

/** Shannon entropy in bits per UTF-16 code unit (a table for Latin-1, a map beyond: this runs for every mask). */
function bitsPerChar(text: string): number {
  let wide: Map<number, number> | undefined;
  const seen: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 256) {
      if ((counts[c] as number) === 0) seen.push(c);
      counts[c] = (counts[c] as number) + 1;
    } else {
      wide ??= new Map();
      wide.set(c, (wide.get(c) ?? 0) + 1);
    }
  }
  let bits = 0;
  const add = (n: number): void => {
    const p = n / text.length;
    bits -= p * Math.log2(p);
  };
  for (const c of seen) {
    add(counts[c] as number);
    counts[c] = 0;
  }
  for (const n of wide?.values() ?? []) add(n);
  return bits;
}

/** At least 32 characters holding 160 bits by Shannon's estimate: random keys (AWS secret keys, GitHub tokens) pass;
 *  passwords, passphrases of a few words, PINs, key ids and 32-hex tokens do not. */
export const STRONG_MIN_LENGTH = 32;
export const STRONG_MIN_BITS = 160;

export function isGuessable(secret: string): boolean {
  return secret.length < STRONG_MIN_LENGTH || secret.length * bitsPerChar(secret) < STRONG_MIN_BITS;
}
