// Fingerprints depend on rule, path and secret only: never on line, commit or line endings.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, scryptSync } from 'node:crypto';
import { canonicalSecret, FINGERPRINT_COST, fingerprintOf, legacyFingerprintOf, matchFingerprint, normalisePath, prepareFingerprints, secretIdentity } from '../../src/allow/fingerprint.js';
import { redact } from '../../src/report/redact.js';
import { detectFragment } from '../../src/detect/engine.js';
import { RAW, type Fragment } from '../../src/types.js';
import { builtinRuleSet } from '../helpers/rules.js';
import { fakeKeyId, fakeSecretKey } from '../helpers/baseline-repo.js';

const { ruleSet } = builtinRuleSet();
const key = fakeKeyId();
const other = fakeKeyId();

function fingerprints(fragment: Fragment): string[] {
  return detectFragment(fragment, ruleSet).map((f) => f.fingerprint);
}

const commit = { commit: 'a'.repeat(40), author: 'A', email: 'a@example.com', date: '2024-01-01', message: 'm' };
const base = fingerprints({ file: 'config/app.env', text: `AWS_ACCESS_KEY_ID=${key}\n` });

describe('fingerprintOf', () => {
  const same: { name: string; fragment: Fragment }[] = [
    { name: 'is the same when the secret moves to another line', fragment: { file: 'config/app.env', text: `A=1\nB=2\n\nAWS_ACCESS_KEY_ID=${key}\n` } },
    { name: 'is the same with CRLF line endings', fragment: { file: 'config/app.env', text: `A=1\r\nAWS_ACCESS_KEY_ID=${key}\r\n` } },
    { name: 'is the same in a history fragment with commit and line numbers', fragment: { file: 'config/app.env', text: `AWS_ACCESS_KEY_ID=${key}\n`, lineNumbers: [42], commit } },
    { name: 'is the same for a Windows-style or ./-prefixed path', fragment: { file: 'config\\app.env', text: `AWS_ACCESS_KEY_ID=${key}` } },
  ];
  for (const { name, fragment } of same) it(name, () => assert.deepEqual(fingerprints(fragment), base));

  const different: { name: string; fragment: Fragment }[] = [
    { name: 'differs for a different secret on the same line', fragment: { file: 'config/app.env', text: `AWS_ACCESS_KEY_ID=${other}\n` } },
    { name: 'differs for the same secret in another file', fragment: { file: 'config/other.env', text: `AWS_ACCESS_KEY_ID=${key}\n` } },
  ];
  for (const { name, fragment } of different) it(name, () => assert.notDeepEqual(fingerprints(fragment), base));

  it('never contains the secret', () => assert.ok(!base[0]?.includes(key)));

  it('never lets a CR into the secret of a CRLF file', () => {
    const [finding] = detectFragment({ file: 'a.env', text: `AWS_ACCESS_KEY_ID=${key}\r\nX=1\r\n` }, ruleSet);
    assert.equal(finding?.[RAW].secret, key);
  });

  it('gives a key pair the same fingerprint with LF and CRLF', () => {
    const text = `[default]\naws_access_key_id = ${key}\naws_secret_access_key = ${fakeSecretKey()}\n`;
    const lf = fingerprints({ file: 'credentials', text });
    assert.ok(lf.length > 0);
    assert.deepEqual(fingerprints({ file: 'credentials', text: text.replace(/\n/g, '\r\n') }), lf);
  });
});

describe('canonicalSecret and secretIdentity', () => {
  const cases: { name: string; input: string; want: string }[] = [
    { name: 'drops a trailing CR', input: 'abc\r', want: 'abc' },
    { name: 'turns CRLF inside a multi-line secret into LF', input: 'line1\r\nline2\r\n', want: 'line1\nline2\n' },
    { name: 'leaves other text alone', input: 'a b\tc', want: 'a b\tc' },
  ];
  for (const { name, input, want } of cases) it(name, () => assert.equal(canonicalSecret(input), want));

  it('hashes multi-line secrets the same with CRLF and LF', () => assert.equal(fingerprintOf('r', 'f', 'a\r\nb'), fingerprintOf('r', 'f', 'a\nb')));
  it('joins key id and secret of a pair as the engine does', () => assert.equal(secretIdentity({ secret: 's', pairedId: 'k', lineText: '' }), 'k:s'));
  it('normalises ./ and backslashes in paths', () => assert.equal(normalisePath('./a\\b.env'), 'a/b.env'));
});

// The documented construction (docs/baseline.md), computed here independently of the module.
const sha256 = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');
function documented(ruleId: string, path: string, secret: string, guessable: boolean): string {
  const inner = guessable ? scryptSync(secret, `keyfence fingerprint v2\0${ruleId}`, 32, { ...FINGERPRINT_COST, maxmem: 64 * 1024 * 1024 }).toString('hex') : sha256(secret);
  return sha256(`${ruleId}\0${path}\0${inner}`);
}

describe('fingerprints of guessable secrets (issue 13, item 4)', () => {
  const password = ['Kangaroo', '#Lamp', '42'].join('');
  const text = `DB_PASSWORD="${password}"\n`;
  const [finding] = detectFragment({ file: 'deploy/app.env', text }, ruleSet);

  it('finds the password', () => assert.equal(finding?.[RAW].secret, password));
  it('hashes a guessable secret with scrypt, as documented', () => assert.equal(finding?.fingerprint, documented(finding?.ruleId ?? '', 'deploy/app.env', password, true)));
  it('hashes a machine-made key with SHA-256, as before (its old ignore entries keep working)', () => {
    const pair = `${key}:${fakeSecretKey()}`;
    assert.equal(fingerprintOf('aws-access-key-pair', 'c', pair), documented('aws-access-key-pair', 'c', pair, false));
    assert.equal(fingerprintOf('aws-access-key-pair', 'c', pair), legacyFingerprintOf('aws-access-key-pair', 'c', pair));
  });

  it('defeats the offline guess that recovered a dictionary password from a report in milliseconds', () => {
    assert.ok(finding);
    // What a report prints: the rule, the path, the mask and the fingerprint. The mask gives no prefix and no length.
    assert.equal(redact(password), '…(masked)');
    const dictionary = ['password123', 'letmein2024!', password, 'Kangaroo#Lamp43', 'Tr0ub4dor&3'];
    // SHA-256 guesses (the old construction) no longer confirm any candidate.
    const confirmed = dictionary.filter((guess) => legacyFingerprintOf(finding.ruleId, finding.file, guess) === finding.fingerprint);
    assert.deepEqual(confirmed, []);
  });

  it('gives the same value whether hashed on the thread pool first or on first read', async () => {
    const [again] = detectFragment({ file: 'deploy/app.env', text: `\r\n${text.replace('\n', '\r\n')}` }, ruleSet);
    assert.ok(again);
    await prepareFingerprints([again]);
    assert.equal(again.fingerprint, finding?.fingerprint);
  });

  it('still matches an entry in the old format, and says it is old', () => {
    assert.ok(finding);
    const old = legacyFingerprintOf(finding.ruleId, finding.file, password);
    assert.notEqual(old, finding.fingerprint);
    assert.deepEqual(matchFingerprint(new Set([old]), finding), { entry: old, legacy: true });
    assert.deepEqual(matchFingerprint(new Set([finding.fingerprint]), finding), { entry: finding.fingerprint, legacy: false });
    assert.equal(matchFingerprint(new Set([legacyFingerprintOf(finding.ruleId, 'other.env', password)]), finding), undefined);
  });

  it('costs nothing until read: detection alone hashes no secret', () => {
    const [fresh] = detectFragment({ file: 'x.env', text: `DB_PASSWORD="${['Walrus', '2031', '#Pine'].join('')}"\n` }, ruleSet);
    assert.equal(typeof Object.getOwnPropertyDescriptor(fresh, 'fingerprint')?.get, 'function');
    assert.equal(JSON.parse(JSON.stringify(fresh)).fingerprint.length, 64);
  });
});
