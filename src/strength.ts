// Whether a secret could be guessed (a password, a short key) or is machine-made: decides how it is masked and
// fingerprinted. Part of the fingerprint's definition (docs/baseline.md): changing it changes fingerprints. Imports nothing.

/** Shannon entropy in bits per UTF-16 code unit. */
function bitsPerChar(text: string): number {
  const counts = new Map<number, number>();
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** At least 32 characters holding 160 bits by Shannon's estimate: random keys (AWS secret keys, GitHub tokens) pass;
 *  passwords, passphrases of a few words, PINs, key ids and 32-hex tokens do not. */
export const STRONG_MIN_LENGTH = 32;
export const STRONG_MIN_BITS = 160;

export function isGuessable(secret: string): boolean {
  return secret.length < STRONG_MIN_LENGTH || secret.length * bitsPerChar(secret) < STRONG_MIN_BITS;
}
