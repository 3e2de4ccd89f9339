// Shannon entropy (bits per character) and charset classes of candidate secrets.

export function shannonEntropy(text: string): number {
  if (text.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  const length = [...text].length;
  for (const count of counts.values()) {
    const p = count / length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

export type Charset = 'hex' | 'base32' | 'base64' | 'alnum' | 'any';

/** The narrowest common alphabet the text fits: entropy floors depend on it. */
export function charsetOf(text: string): Charset {
  if (/^[0-9a-f]+$/i.test(text)) return 'hex';
  if (/^[A-Z2-7]+=*$/.test(text)) return 'base32';
  if (/^[A-Za-z0-9]+$/.test(text)) return 'alnum';
  if (/^[A-Za-z0-9+/_-]+=*$/.test(text)) return 'base64';
  return 'any';
}

/** The highest entropy a string of this length and charset can reach; floors scale with it for short secrets. */
export function maxEntropy(charset: Charset, length: number): number {
  const alphabet = { hex: 16, base32: 32, alnum: 62, base64: 64, any: 94 }[charset];
  return Math.log2(Math.min(alphabet, Math.max(length, 1)));
}
