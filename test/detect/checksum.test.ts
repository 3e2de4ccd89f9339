// Offline token structure checks: generated valid tokens pass, corrupted ones fail.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CHECKSUMS, base62, crc32 } from '../../src/detect/checksum.js';
import { ALNUM, ageSecretKey, base62Token, corrupt, jwtToken, pypiToken, randomString, seededRandom, base64Url } from '../helpers/tokens.js';

const check = (name: string, value: string): boolean => (CHECKSUMS[name] as (s: string) => boolean)(value);
const random = seededRandom(20260101);

describe('checksum', () => {
  describe('crc32 and base62', () => {
    it('computes the standard CRC-32 of a known string', () => {
      assert.equal(crc32('The quick brown fox jumps over the lazy dog'), 0x414fa339);
      assert.equal(crc32(''), 0);
    });
    it('encodes base62 with digits, then upper, then lower case, padded with zeros', () => {
      assert.equal(base62(0, 6), '000000');
      assert.equal(base62(61, 2), '0z');
      assert.equal(base62(62, 1), '10');
    });
  });

  describe('github-crc32 and npm-crc32', () => {
    const prefixes = ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'];
    const cases: { name: string; checksum: string; token: string; want: boolean }[] = [];
    for (const prefix of prefixes) {
      const token = base62Token(prefix, random);
      cases.push({ name: `accepts a generated ${prefix} token`, checksum: 'github-crc32', token, want: true });
      cases.push({ name: `rejects a ${prefix} token with one random character changed`, checksum: 'github-crc32', token: corrupt(token, 10), want: false });
      cases.push({ name: `rejects a ${prefix} token with its checksum changed`, checksum: 'github-crc32', token: corrupt(token, -1), want: false });
    }
    const npm = base62Token('npm_', random);
    cases.push({ name: 'accepts a generated npm_ token', checksum: 'npm-crc32', token: npm, want: true });
    cases.push({ name: 'rejects an npm_ token with a swapped checksum character', checksum: 'npm-crc32', token: corrupt(npm, -3), want: false });
    cases.push({ name: 'rejects a token one character short', checksum: 'github-crc32', token: base62Token('ghp_', random).slice(0, -1), want: false });
    cases.push({ name: 'rejects a GitHub documentation look-alike', checksum: 'github-crc32', token: 'gho_' + '16C7e42F292c6912E7710c838347Ae178B4a', want: false });
    for (const { name, checksum, token, want } of cases) it(name, () => assert.equal(check(checksum, token), want));

    it('accepts checksums short enough to need leading zeros', () => {
      let body = randomString(random, ALNUM, 30);
      while (crc32(body) >= 62 ** 5) body = randomString(random, ALNUM, 30);
      const token = `ghp_${body}${base62(crc32(body), 6)}`;
      assert.equal(token[34], '0');
      assert.equal(check('github-crc32', token), true);
    });
  });

  describe('pypi-macaroon', () => {
    const token = pypiToken(random);
    const bytes = Buffer.from(token.slice(5).replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    const withBytes = (b: Buffer): string => `pypi-${base64Url(b)}`;
    const cases = [
      { name: 'accepts a generated pypi.org macaroon', token, want: true },
      { name: 'accepts a generated test.pypi.org macaroon', token: pypiToken(random, 'test.pypi.org'), want: true },
      { name: 'rejects a macaroon for another location', token: pypiToken(random, 'example.org'), want: false },
      { name: 'rejects a truncated signature', token: withBytes(bytes.subarray(0, bytes.length - 4)), want: false },
      { name: 'rejects trailing bytes after the signature', token: withBytes(Buffer.concat([bytes, Buffer.from([1, 2])])), want: false },
      { name: 'rejects a wrong version byte', token: withBytes(Buffer.concat([Buffer.from([1]), bytes.subarray(1)])), want: false },
      { name: 'rejects random base64 after the prefix', token: 'pypi-AgEIc' + 'HlwaS5vcmc' + randomString(random, ALNUM, 120), want: false },
    ];
    for (const { name, token: value, want } of cases) it(name, () => assert.equal(check('pypi-macaroon', value), want));
  });

  describe('jwt', () => {
    const good = jwtToken(random);
    const [header, payload, signature] = good.split('.') as [string, string, string];
    const cases = [
      { name: 'accepts a signed JWT', token: good, want: true },
      { name: 'accepts an RS256 JWT', token: jwtToken(random, 'RS256'), want: true },
      { name: 'rejects alg none', token: jwtToken(random, 'none'), want: false },
      { name: 'rejects a header that is not JSON', token: `${base64Url('{"alg":')}.${payload}.${signature}`, want: false },
      { name: 'rejects a payload that is not JSON', token: `${header}.${base64Url('not json')}.${signature}`, want: false },
      { name: 'rejects a header without alg', token: `${base64Url('{"typ":"JWT"}')}.${payload}.${signature}`, want: false },
      { name: 'rejects a missing signature', token: `${header}.${payload}.`, want: false },
    ];
    for (const { name, token, want } of cases) it(name, () => assert.equal(check('jwt', token), want));
  });

  describe('bech32', () => {
    // Valid and invalid strings from BIP 173's test vectors.
    const cases = [
      { name: 'accepts BIP 173 vector A12UEL5L', value: 'A12UEL5L', want: true },
      { name: 'accepts BIP 173 vector abcdef1qpzry…', value: 'abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw', want: true },
      { name: 'accepts BIP 173 vector split1checkupstage…', value: 'split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w', want: true },
      { name: 'rejects a changed checksum character', value: 'A12UEL5M', want: false },
      { name: 'rejects a string without separator data', value: 'pzry9x0s0muk', want: false },
      { name: 'accepts a generated age identity', value: ageSecretKey(random), want: true },
      { name: 'rejects an age identity with one data character changed', value: corrupt(ageSecretKey(random), 20, 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L'), want: false },
    ];
    for (const { name, value, want } of cases) it(name, () => assert.equal(check('bech32', value), want));
  });

  describe('basic-auth', () => {
    const b64 = (text: string): string => Buffer.from(text).toString('base64');
    const cases = [
      { name: 'accepts base64 of user:password', value: b64('deploy:Zq8Lm2Xw'), want: true },
      { name: 'rejects base64 without a colon', value: b64('no-separator-here'), want: false },
      { name: 'rejects an empty user name', value: b64(':password1'), want: false },
      { name: 'rejects an empty password', value: b64('user:'), want: false },
      { name: 'rejects binary content', value: Buffer.from([0, 159, 146, 150, 58, 1, 2]).toString('base64'), want: false },
    ];
    for (const { name, value, want } of cases) it(name, () => assert.equal(check('basic-auth', value), want));
  });
});
