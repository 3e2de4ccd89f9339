// Offline structural checks for tokens that carry their own checksum; a failing match is not a real token.

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) crc = (CRC_TABLE[(crc ^ text.charCodeAt(i)) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function base62(value: number, width: number): string {
  let out = '';
  let rest = value;
  while (rest > 0) {
    out = BASE62[rest % 62] + out;
    rest = Math.floor(rest / 62);
  }
  return out.padStart(width, '0');
}

/** GitHub tokens (ghp_, gho_, ghu_, ghs_, ghr_): the last 6 chars are base62(crc32(the 30 random chars)). */
function githubCrc32(token: string): boolean {
  const body = token.slice(token.indexOf('_') + 1);
  if (body.length !== 36) return false;
  return base62(crc32(body.slice(0, 30)), 6) === body.slice(30);
}

/** npm granular/automation tokens (npm_): the last 6 chars are base62(crc32(the 30 random chars)). */
function npmCrc32(token: string): boolean {
  return githubCrc32(token);
}

export const CHECKSUMS: Readonly<Record<string, (secret: string) => boolean>> = {
  'github-crc32': githubCrc32,
  'npm-crc32': npmCrc32,
};
