// Offline structural checks for tokens that carry their own checksum or structure; a failing match is not a real token.

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

function fromBase62(text: string): number {
  let value = 0;
  for (const ch of text) {
    const digit = BASE62.indexOf(ch);
    if (digit === -1) return -1;
    value = value * 62 + digit;
  }
  return value;
}

/**
 * GitHub (ghp_ gho_ ghu_ ghs_ ghr_) and npm (npm_) tokens: 30 random base62 chars, then base62(crc32(those 30)) in 6
 * chars. Compared as numbers, so the check does not depend on how the issuer pads short checksums.
 * https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/
 */
function base62Crc32(token: string): boolean {
  const body = token.slice(token.indexOf('_') + 1);
  if (body.length !== 36) return false;
  return fromBase62(body.slice(30)) === crc32(body.slice(0, 30));
}

/** Returns null when the text is not valid base64/base64url (padding optional). */
export function decodeBase64(text: string): Buffer | null {
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(text) || text.replace(/=+$/, '').length % 4 === 1) return null;
  return Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

function readVarint(bytes: Buffer, at: { pos: number }): number {
  let value = 0;
  for (let shift = 0; shift < 28; shift += 7) {
    const byte = bytes[at.pos++];
    if (byte === undefined) return -1;
    value |= (byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return value;
  }
  return -1;
}

/** One macaroon v2 field: type 0 ends a section; -1 means malformed. */
function readField(bytes: Buffer, at: { pos: number }): { type: number; data: Buffer } | null {
  const type = bytes[at.pos++];
  if (type === undefined) return null;
  if (type === 0) return { type: 0, data: Buffer.alloc(0) };
  const length = readVarint(bytes, at);
  if (length < 0 || at.pos + length > bytes.length) return null;
  const data = bytes.subarray(at.pos, at.pos + length);
  at.pos += length;
  return { type, data };
}

/** Reads fields up to the end-of-section marker; null when malformed. */
function readSection(bytes: Buffer, at: { pos: number }): Map<number, Buffer> | null {
  const fields = new Map<number, Buffer>();
  for (let guard = 0; guard < 8; guard++) {
    const field = readField(bytes, at);
    if (field === null) return null;
    if (field.type === 0) return fields;
    fields.set(field.type, field.data);
  }
  return null;
}

/**
 * PyPI API tokens are `pypi-` + base64url(macaroon v2): version byte 2, a header section whose location is pypi.org
 * (or test.pypi.org) with an identifier, caveat sections, an empty section, and a 32-byte signature field (type 6).
 * https://warehouse.pypa.io/development/token-scanning.html, libmacaroons' v2 binary format.
 */
function pypiMacaroon(token: string): boolean {
  const bytes = decodeBase64(token.replace(/^pypi-/, ''));
  if (bytes === null || bytes[0] !== 2) return false;
  const at = { pos: 1 };
  const header = readSection(bytes, at);
  const location = header?.get(1)?.toString('latin1');
  if (!header?.has(2) || (location !== 'pypi.org' && location !== 'test.pypi.org')) return false;
  for (let caveats = 0; caveats < 64; caveats++) {
    if (bytes[at.pos] === 0) {
      at.pos++;
      const signature = readField(bytes, at);
      return signature !== null && signature.type === 6 && signature.data.length === 32 && at.pos === bytes.length;
    }
    const caveat = readSection(bytes, at);
    if (caveat === null || !caveat.has(2)) return false;
  }
  return false;
}

function parseJsonObject(bytes: Buffer | null): Record<string, unknown> | null {
  if (bytes === null) return null;
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** A signed JWT: the header decodes to JSON naming a real algorithm, the payload to a JSON object. RFC 7519. */
function jwtStructure(token: string): boolean {
  const [header, payload, signature] = token.split('.');
  if (header === undefined || payload === undefined || !signature) return false;
  const alg = parseJsonObject(decodeBase64(header))?.alg;
  if (typeof alg !== 'string' || alg.toLowerCase() === 'none') return false;
  return parseJsonObject(decodeBase64(payload)) !== null;
}

const BECH32_CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const BECH32_GENERATOR = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

export function bech32Polymod(values: number[]): number {
  let checksum = 1;
  for (const value of values) {
    const top = checksum >>> 25;
    checksum = ((checksum & 0x1ffffff) << 5) ^ value;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) checksum ^= BECH32_GENERATOR[i] as number;
  }
  return checksum;
}

export function bech32HrpExpand(hrp: string): number[] {
  const codes = [...hrp].map((c) => c.charCodeAt(0));
  return [...codes.map((c) => c >>> 5), 0, ...codes.map((c) => c & 31)];
}

/** age identities (AGE-SECRET-KEY-1…) are Bech32 (BIP 173) with the HRP age-secret-key-. */
function bech32(text: string): boolean {
  const lower = text.toLowerCase();
  const split = lower.lastIndexOf('1');
  if (split < 1 || lower.length - split < 7) return false;
  const data: number[] = [];
  for (const ch of lower.slice(split + 1)) {
    const value = BECH32_CHARSET.indexOf(ch);
    if (value === -1) return false;
    data.push(value);
  }
  return bech32Polymod([...bech32HrpExpand(lower.slice(0, split)), ...data]) === 1;
}

/** HTTP Basic credentials and docker `auth` values: base64 of printable `user:password` with a password. */
function basicAuth(value: string): boolean {
  const bytes = decodeBase64(value);
  if (bytes === null) return false;
  const text = bytes.toString('utf8');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\ufffd]/.test(text)) return false;
  const colon = text.indexOf(':');
  return colon > 0 && colon < text.length - 1;
}

export const CHECKSUMS: Readonly<Record<string, (secret: string) => boolean>> = {
  'github-crc32': base62Crc32,
  'npm-crc32': base62Crc32,
  'pypi-macaroon': pypiMacaroon,
  jwt: jwtStructure,
  bech32,
  'basic-auth': basicAuth,
};
