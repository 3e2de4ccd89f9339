// The value classifier: each value class of the generic rules, as a table.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { classifyValue } from '../../src/detect/value-classifier.js';
import { alphabetFit, alphabetOf, expectedEntropy } from '../../src/detect/alphabet.js';
import { charsPerToken } from '../../src/detect/token-efficiency.js';
import { ALNUM, join, randomString, seededRandom } from '../helpers/tokens.js';

const random = seededRandom(7);

describe('value classifier', () => {
  const secrets = [
    { name: 'a mixed random password', value: join('Tq8#vL2', 'mZ9!kW4x'), head: 'password' },
    { name: 'a letters-only mixed-case password of 35 characters', value: randomString(random, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 35), head: 'password' },
    { name: 'a short random lower-case password', value: join('fyds', 'jway'), head: 'password' },
    { name: 'a password with a stopword inside a word (RedisPass1!)', value: join('Redis', 'Pass1!'), head: 'password' },
    { name: 'a password written to a complexity policy (a symbol for a letter among words)', value: join('super$u', 'nrise'), head: 'password' },
    { name: 'a password of words with a digit and a symbol', value: join('Dev!2024', 'rocks'), head: 'password' },
    { name: 'a long random value whose letters between two digits spell a short stopword', value: join('2rFA4kq7rA1My2iraZd6', 'SgXsXcAlwDyE5FY6bYdp0'), head: 'nonce' },
    { name: 'a token of two dotted parts that mix letters and digits', value: join('rh83qVzJzCOvCOhriyaTA2VP', '.LdWOFn1swiWcakqgLrUSDhRhZgL'), head: 'token' },
    { name: 'a random [a-z0-9]{48} key', value: randomString(random, 'abcdefghijklmnopqrstuvwxyz0123456789', 48), head: 'key' },
    { name: 'a UUID-shaped key', value: join('7c9e6679-7425-4', '0de-944b-e07fc1f90ae7'), head: 'key' },
    { name: 'a 40-character hex salt', value: randomString(random, '0123456789abcdef', 40), head: 'salt' },
    { name: 'a base64 secret', value: randomString(random, ALNUM + '+/', 40), head: 'secret' },
    { name: 'a session token whose base64 holds a run of 0xff bytes (//////////, as every AWS STS token does)', value: join(randomString(random, ALNUM + '+/', 40), '//////////', randomString(random, ALNUM + '+/', 120)), head: 'token' },
  ];
  for (const { name, value, head } of secrets) it(`keeps ${name}`, () => assert.equal(classifyValue(value, { head }).reject, null));

  const rejected = [
    { name: 'a ${VAR} template', value: '${DB_PASSWORD}', head: 'password', why: 'template' },
    { name: 'a {{ x }} template', value: '{{ .Values.token }}', head: 'token', why: 'prose' },
    { name: 'a {{x}} template without spaces', value: '{{vault_db_pw}}', head: 'password', why: 'template' },
    { name: "a Maven resource filter's @name@", value: '@db.password@', head: 'password', why: 'template' },
    { name: 'a <your-key> placeholder', value: '<your-api-key>', head: 'token', why: 'template' },
    { name: 'a mask of stars', value: '************', head: 'password', why: 'placeholder' },
    { name: 'a run of x', value: 'xxxxxxxxxxxxxxxx', head: 'token', why: 'placeholder' },
    { name: 'a character repeated five times in a short value', value: 'Tq8vL2mZ9AAAAAk', head: 'token', why: 'placeholder' },
    { name: 'a run filling a quarter of a long base64 value', value: join(randomString(random, ALNUM, 40), 'A'.repeat(24)), head: 'token', why: 'placeholder' },
    { name: 'an alphabet run', value: 'abcdef1234567890abcdef', head: 'key', why: 'placeholder' },
    { name: 'an A1B2C3 sequence', value: 'A1B2C3D4E5F6', head: 'token', why: 'placeholder' },
    { name: 'changeme', value: 'changeme', head: 'password', why: 'stopword' },
    { name: 'stopwords as whole words', value: 'my-secret-password', head: 'password', why: 'stopword' },
    { name: 'words run together', value: 'agithubtoken', head: 'token', why: 'words' },
    { name: 'a file path', value: '/run/secrets/db_password', head: 'password', why: 'not a secret shape' },
    { name: 'an i18n key', value: 'auth.errors.invalid', head: 'password', why: 'not a secret shape' },
    { name: 'a dotted settings name with a long part', value: 'settings.notifications.emailDigestFrequency', head: 'token', why: 'not a secret shape' },
    { name: 'roff markup around a word', value: '\\fIpassword\\fR', head: 'password', why: 'markup' },
    { name: 'a roff-escaped host', value: 'example\\&.org', head: 'password', why: 'markup' },
    { name: 'a directive name', value: '.xstabs', head: 'password', why: 'not a secret shape' },
    { name: 'a colon-separated record layout', value: 'uid:gid:gecos:dir:shell', head: 'password', why: 'not a secret shape' },
    { name: 'an IPv6 token', value: 'prefixstable:2002:da8:1::', head: 'token', why: 'not a secret shape' },
    { name: 'a low-entropy hex key', value: 'aaaabbbb11112222', head: 'key', why: 'entropy' },
    { name: 'a bcrypt hash', value: '$2y$10$' + 'abcdefghijABCDEFGHIJ.u', head: 'password', why: 'password hash' },
    { name: 'too short a token', value: 'a8Xk2', head: 'token', why: 'too short' },
    { name: 'a bare key shorter than 16 characters', value: 'Q8xL2mZ9vT4k', head: 'key', why: 'too short' },
    { name: 'leetspeak words', value: 's3cr3tvalue', head: 'password', why: 'words' },
    { name: 'a placeholder word behind substitutions and a symbol', value: 'P@ssw0rd!', head: 'password', why: 'stopword' },
    { name: 'a placeholder word with digits and a symbol', value: 'Secret123!', head: 'password', why: 'stopword' },
    { name: 'placeholder words with a symbol', value: 'my-secret-password!', head: 'password', why: 'stopword' },
    { name: 'a long value that short stopwords fill', value: 'foo1bar2baz3qux4Zk9Lm2Qw', head: 'token', why: 'stopword' },
    { name: 'code around a password variable', value: '".md5($password,true)."', head: 'password', why: 'stopword' },
    { name: 'a regular expression', value: '[0-9a-f]{64}', head: 'secret', why: 'not a secret shape' },
    { name: 'an enum value of camelCase words (allHosts)', value: 'allHosts', head: 'auth', why: 'words' },
    { name: "OpenSSL's pass-phrase source of an environment variable (env:NAME)", value: 'env:TLS_KEY_PHRASE', head: 'passphrase', why: 'not a secret shape' },
    { name: "OpenSSL's pass-phrase source of a file (file:path)", value: 'file:tls-key.phrase', head: 'secret', why: 'not a secret shape' },
    { name: "OpenSSL's pass-phrase source of standard input (stdin)", value: 'stdin', head: 'passphrase', why: 'not a secret shape' },
    { name: "an AWS documentation key (…EXAMPLEKEY)", value: join('wJalrXUtnFEMI/K7MDENG/', 'bPxRfiCYEXAMPLEKEY'), head: 'key', why: 'not a secret shape' },
  ];
  for (const { name, value, head, why } of rejected) it(`drops ${name} (${why})`, () => assert.equal(classifyValue(value, { head }).reject, why));

  const numericKeys = [
    { name: 'keeps 16 random digits under a qualified key name (an OVH application key)', value: randomString(random, '0123456789', 16), head: 'key', qualifier: 'application', want: null },
    { name: 'keeps 16 random digits under a qualified token name', value: randomString(random, '0123456789', 16), head: 'token', qualifier: 'access', want: null },
    { name: 'drops 16 random digits under a bare key', value: randomString(random, '0123456789', 16), head: 'key', qualifier: undefined, want: 'number' },
    { name: 'drops 13 digits (a timestamp in milliseconds) under a token name', value: '1733148211507', head: 'token', qualifier: 'access', want: 'number' },
    { name: 'drops a digit run under a qualified key name', value: '1234567890123456', head: 'key', qualifier: 'application', want: 'placeholder' },
  ];
  for (const { name, value, head, qualifier, want } of numericKeys) {
    it(name, () => assert.equal(classifyValue(value, qualifier === undefined ? { head } : { head, qualifier }).reject, want));
  }

  it('reports sandbox keys at lower severity, not drops them', () => {
    const verdict = classifyValue(join('sk_test_', randomString(random, ALNUM, 24)), { head: 'key' });
    assert.deepEqual(verdict, { reject: null, sandbox: true });
    assert.equal(classifyValue(join('FLWSECK_TEST-', randomString(random, 'abcdef0123456789', 32)), { head: 'key' }).sandbox, true);
  });

  it('never reports a key that is public by design (the Azure storage emulator key)', () => {
    const emulator = join('Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1', 'OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==');
    assert.equal(classifyValue(emulator, { head: 'key' }).reject, 'public by design');
  });

  it('judges entropy against the value own alphabet', () => {
    assert.equal(alphabetOf('3f9a1c7e').name, 'hex');
    assert.equal(alphabetOf('q7m2k9x4').name, 'lower-digits');
    assert.equal(alphabetOf('ABCDEFGH234567').name, 'base32');
    assert.ok(Math.abs(expectedEntropy(16, 1000) - 4) < 0.02);
    // 1000 random [a-z0-9]{48} keys: all pass the floor of 0.85 (the old alnum-based fit dropped 42 %).
    const fits = Array.from({ length: 1000 }, () => alphabetFit(randomString(random, 'abcdefghijklmnopqrstuvwxyz0123456789', 48)).fit);
    assert.equal(fits.filter((f) => f < 0.85).length, 0);
  });

  it('tells words from random letters by BPE token efficiency', () => {
    assert.ok(charsPerToken('changeme') >= 3);
    assert.ok(charsPerToken(join('szymbn', 'wsieor')) < 3);
  });
});
