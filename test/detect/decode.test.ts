// Encoded secrets: decoded spans are scanned with the same rules, reported at the encoded span, under a bounded budget.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { base64Runs, createDecodeBudget, findEncodedSpans } from '../../src/detect/decode.js';
import { detectFragment } from '../../src/detect/engine.js';
import { RAW } from '../../src/types.js';
import { builtinRuleSet } from '../helpers/rules.js';
import { base62Token, seededRandom } from '../helpers/tokens.js';

const { ruleSet } = builtinRuleSet();
const random = seededRandom(42);
const b64 = (text: string): string => Buffer.from(text).toString('base64');
const nest = (text: string, levels: number): string => (levels === 0 ? text : nest(b64(text), levels - 1));
const scan = (text: string, options = {}) => detectFragment({ file: 'k8s/secret.yaml', text }, ruleSet, options);

describe('decode', () => {
  describe('findEncodedSpans', () => {
    const cases = [
      { name: 'decodes a base64 run of text', text: `value: ${b64('hello, decoded world')}`, want: ['hello, decoded world'] },
      { name: 'decodes url-safe base64 without padding', text: `v=${Buffer.from('a?b>c~d?e>f~g?h>i').toString('base64url')}`, want: ['a?b>c~d?e>f~g?h>i'] },
      { name: 'decodes a percent-encoded run', text: 'u=https%3A%2F%2Fexample.com%2Fx', want: ['u=https://example.com/x'] },
      { name: 'decodes \\u escapes', text: 'k = "\\u0061\\u0062c-token"', want: ['abc-token'] },
      { name: 'ignores base64 of binary data', text: `blob: ${randomBytes(48).toString('base64')}`, want: [] },
      { name: 'ignores identifiers, paths and hashes', text: 'createDecodeBudgetForFragment src/detect/engine/prefilter.ts 2fd4e1c67a2d28fced849ee1bb76e7391b93eb12', want: [] },
      { name: 'ignores runs shorter than 16 characters', text: `x: ${b64('short1')}`, want: [] },
    ];
    for (const { name, text, want } of cases) {
      it(name, () => assert.deepEqual(findEncodedSpans(text, createDecodeBudget()).map((s) => s.decoded), want));
    }

    it('gives the offsets of the encoded text', () => {
      const encoded = b64('offsets are exact');
      const text = `line one\n  key: ${encoded}\n`;
      const [span] = findEncodedSpans(text, createDecodeBudget());
      assert.equal(text.slice(span?.start, span?.end), encoded);
    });
  });

  describe('base64Runs', () => {
    // The regex it replaced (a delimiter or the text start, then a bounded run): the loop must give the same runs.
    function* regexRuns(text: string, min: number, max: number): Generator<[number, number]> {
      const regex = new RegExp(`(?:^|[^A-Za-z0-9+/_-])([A-Za-z0-9+/_-]{${min},${max + 1}})`, 'g');
      for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
        const run = m[1] as string;
        const start = m.index + m[0].length - run.length;
        let end = start + run.length;
        if (run.length > max) {
          while (end < text.length && /[A-Za-z0-9+/_=-]/.test(text[end] as string)) end++;
          regex.lastIndex = end;
        } else if (text.charCodeAt(end) === 61) end += text.charCodeAt(end + 1) === 61 ? 2 : 1;
        yield [start, end];
      }
    }
    const runRandom = seededRandom(7);
    const pieces = ['A', 'z', '9', '+', '/', '_', '-', '=', '==', ' ', '"', '.', '\n', 'é', '😀', 'QUJD', 'aGVsbG8sIHdvcmxk'];
    const cases = [
      { name: 'matches the regex on runs at the start, the end and between delimiters', text: 'aGVsbG8sIHdvcmxkIQ== x aGVsbG8sIHdvcmxk', min: 16, max: 64 },
      { name: 'matches the regex on over-long runs joined by padding', text: `k ${'QUJD'.repeat(30)}=${'QUJD'.repeat(3)}==; next aGVsbG8sIHdvcmxk`, min: 16, max: 64 },
      ...Array.from({ length: 200 }, (_, i) => ({
        name: `matches the regex on random text ${i}`,
        text: Array.from({ length: 5 + Math.floor(runRandom() * 60) }, () => pieces[Math.floor(runRandom() * pieces.length)]).join(''),
        min: 4 + (i % 5),
        max: 8 + (i % 11),
      })),
    ];
    for (const { name, text, min, max } of cases) {
      it(name, () => assert.deepEqual([...base64Runs(text, min, max)], [...regexRuns(text, min, max)]));
    }
  });

  describe('detectFragment with decoding', () => {
    const token = base62Token('ghp_', random);

    it('finds a token in a Kubernetes Secret data value and reports the encoded line and column', () => {
      const encoded = b64(token);
      const text = `apiVersion: v1\nkind: Secret\ndata:\n  GITHUB_TOKEN: ${encoded}\n`;
      const findings = scan(text);
      assert.equal(findings.length, 1);
      const [f] = findings;
      assert.equal(f?.ruleId, 'github-personal-access-token');
      assert.equal(f?.line, 4);
      assert.equal(f?.column, 17);
      assert.equal(f?.endColumn, 17 + encoded.length);
      assert.equal(f?.[RAW].secret, token);
      assert.ok(!f?.match.includes(encoded), 'the encoded secret is redacted in match');
    });

    it('uses the data key as context, so context-only rules fire on decoded values', () => {
      const secret = ['mHMM1tLEZw', 'OzDrrIMbV0', 'tmmqdEodwD', 'V47L069Cfq'].join('');
      const findings = scan(`data:\n  AWS_SECRET_ACCESS_KEY: ${b64(secret)}\n`);
      assert.deepEqual(findings.map((f) => [f.ruleId, f.line, f[RAW].secret]), [['aws-secret-access-key', 2, secret]]);
    });

    it('finds registry credentials inside a base64 .dockerconfigjson', () => {
      const config = JSON.stringify({ auths: { 'ghcr.io': { auth: b64('bot:Zq8' + 'Lm2Xw9Rt') } } });
      const findings = scan(`data:\n  .dockerconfigjson: ${b64(config)}\n`);
      assert.deepEqual(findings.map((f) => [f.ruleId, f.line, f.column]), [['docker-config-auth', 2, 22]]);
    });

    it('finds a token under two levels of base64 (the default depth)', () => {
      const findings = scan(`payload: ${nest(token, 2)}\n`);
      assert.deepEqual(findings.map((f) => [f.ruleId, f.line, f.column]), [['github-personal-access-token', 1, 10]]);
    });

    it('stops at the depth limit and goes deeper only when asked', () => {
      const text = `payload: ${nest(token, 3)}\n`;
      assert.equal(scan(text).length, 0);
      assert.equal(scan(text, { decode: { maxDepth: 3 } }).length, 1);
    });

    it('finds a percent-encoded key id in a URL', () => {
      const findings = scan(`url: https://x.io/cb?id=%41%4B%49%41${'Y6S7CNZEEBUG7LIW'}&x=1\n`);
      assert.deepEqual(findings.map((f) => f.ruleId), ['aws-access-key-id']);
    });

    const keyId = ['AKIAQ', 'RQ6CPSYRG2SLHGB'].join('');
    const secret = ['58c5Wp+uxwxK', 'DQFjhLW/lROxoYUd', 'Ypo5tyQaMu0F'].join('');

    it('pairs a key id with its percent-encoded secret in a URL (s3://ID:SECRET@bucket) and masks the secret', () => {
      const findings = scan(`src: s3://${keyId}:${encodeURIComponent(secret)}@bucket/path\n`);
      assert.deepEqual(findings.map((f) => [f.ruleId, f[RAW].secret]), [['aws-access-key-pair', secret]]);
      for (const f of findings) assert.ok(!f.match.includes(encodeURIComponent(secret).slice(0, 16)), `masked: ${f.match}`);
    });

    it('pairs a key id with a secret whose slashes a JSON encoder escaped (PHP json_encode writes \\/) and masks it', () => {
      const escaped = secret.replace(/\//g, '\\/');
      const findings = scan(`{"aws_key":"${keyId}","aws_secret":"${escaped}"}\n`);
      assert.deepEqual(findings.map((f) => [f.ruleId, f[RAW].secret]), [['aws-access-key-pair', secret]]);
      for (const f of findings) assert.ok(!f.match.includes(escaped.slice(0, 16)), `masked: ${f.match}`);
    });

    it('finds a \\u-escaped token in JSON', () => {
      const escaped = [...token].map((c, i) => (i < 4 ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c)).join('');
      const findings = scan(`{"t": "${escaped}"}`);
      assert.deepEqual(findings.map((f) => [f.ruleId, f[RAW].secret]), [['github-personal-access-token', token]]);
    });

    it('does not report a secret twice when it is found both plain and decoded', () => {
      const findings = scan(`a: ${token}\nb: ${b64(token)}\n`);
      assert.equal(findings.filter((f) => f.ruleId === 'github-personal-access-token').length, 1);
    });

    it('decodes nothing when decoding is off', () => {
      assert.equal(scan(`GITHUB_TOKEN: ${b64(token)}\n`, { decode: false }).length, 0);
    });
  });

  // The budgets are what keeps hostile input cheap, so the tests assert them. Where only a clock can tell, the
  // bound is a hang guard (30-60 s for work that takes milliseconds to a second), never a speed test.
  const HANG_GUARD_MS = 30_000;
  describe('hostile input', () => {
    it('ends on 12 levels of nested base64', () => {
      const text = `x: ${nest(token60(), 12)}`;
      const started = performance.now();
      assert.equal(scan(text).length, 0);
      assert.ok(performance.now() - started < HANG_GUARD_MS, 'bounded by the depth limit');
    });

    it('skips 30 levels of nested base64 as one over-long run', () => {
      const text = `x: ${nest(token60(), 30)}`;
      const budget = createDecodeBudget();
      assert.deepEqual(findEncodedSpans(text, budget), []);
      assert.equal(budget.bytes, 0);
    });

    it('keeps decoded bytes and spans within the budget on megabytes of repeated base64', () => {
      const line = `k: ${b64('x'.repeat(600) + ' some decodable text')}\n`;
      const text = line.repeat(Math.ceil((4 * 1024 * 1024) / line.length));
      const budget = createDecodeBudget();
      const heapBefore = process.memoryUsage().heapUsed;
      findEncodedSpans(text, budget);
      assert.ok(budget.bytes <= budget.limits.maxBytes, `decoded ${budget.bytes} bytes`);
      assert.ok(budget.spans <= budget.limits.maxSpans);
      assert.ok(process.memoryUsage().heapUsed - heapBefore < 128 * 1024 * 1024, 'no memory blow-up');
    });

    it('skips a single huge base64 run instead of decoding it', () => {
      const text = `blob: ${b64('A'.repeat(6 * 1024 * 1024))}`;
      const budget = createDecodeBudget();
      assert.deepEqual(findEncodedSpans(text, budget), []);
      assert.equal(budget.bytes, 0, 'not decoded');
    });

    it('scans megabytes of lock-file, base64, JWT-like and PEM-like text with every rule in bounded time', () => {
      const lock = Array.from({ length: 20000 }, (_, i) => `    "node_modules/pkg-${i}": {\n      "version": "1.${i}.0",\n      "resolved": "https://registry.npmjs.org/pkg-${i}/-/pkg-${i}-1.0.0.tgz",\n      "integrity": "sha512-${randomBytes(48).toString('base64')}"\n    },`).join('\n');
      const inputs = [
        lock,
        `token = "${randomBytes(2_000_000).toString('base64')}"`,
        `${'eyJ' + 'a'.repeat(3000) + '.'}`.repeat(800),
        `-----BEGIN RSA PRIVATE KEY-----\n${`${'A'.repeat(64)}\n`.repeat(40000)}`,
        `${'https://u:' + 'p'.repeat(100) + ' '}`.repeat(20000),
      ];
      for (const text of inputs) {
        const started = performance.now();
        scan(text);
        assert.ok(performance.now() - started < 2 * HANG_GUARD_MS, `took ${Math.round(performance.now() - started)} ms on ${text.slice(0, 30)}…`);
      }
    });

    it('stops after the span limit on many small encoded values', () => {
      const text = Array.from({ length: 5000 }, (_, i) => `k${i}: ${b64(`value number ${i} here`)}`).join('\n');
      const budget = createDecodeBudget({ maxSpans: 100 });
      assert.equal(findEncodedSpans(text, budget).length, 100);
    });
  });
});

function token60(): string {
  return base62Token('ghp_', seededRandom(60));
}
