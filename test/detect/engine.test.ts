// detectFragment with small hand-made rules: filters, pairing, generic vs specific, inline and config allowlists.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Rule } from '../../src/types.js';
import { RAW } from '../../src/types.js';
import { buildRuleSet, detectFragment, type DetectOptions } from '../../src/detect/engine.js';
import { compileRule } from '../../src/rules/compile.js';
import { maskFindings } from '../../src/report/redact.js';
import { makePathMatcher } from '../../src/allow/allowlist.js';
import { base62, crc32 } from '../../src/detect/checksum.js';
import { spawnSync } from 'node:child_process';
import { keyIdFor, seededRandom } from '../helpers/aws-keys.js';
import { ALNUM, randomString } from '../helpers/tokens.js';

function rule(partial: Partial<Rule> & Pick<Rule, 'id' | 'regex' | 'keywords'>): Rule {
  return { provider: 'test', description: partial.id, severity: 'high', examples: { match: [], noMatch: [] }, ...partial };
}

const rules = [
  // Before acme-token in rule order, so only its yieldsToProviders lets acme-token keep the span.
  rule({ id: 'shared-key', regex: 'shared_key\\s*=\\s*"([a-z0-9_]{17})"', keywords: ['shared_key'], yieldsToProviders: true }),
  rule({ id: 'acme-token', regex: '\\b(acme_[a-z0-9]{12})\\b', keywords: ['acme_'], entropy: 2.5, allow: { paths: ['docs/**'] } }),
  rule({ id: 'acme-id', regex: '\\b(ACID[A-Z]{8})\\b', keywords: ['acid'] }),
  rule({ id: 'acme-secret', regex: 'acme_secret\\s*=\\s*"([a-zA-Z0-9]{16})"', keywords: ['acme_secret'], entropy: 3, pairWith: 'acme-id', pairAs: 'acme-pair', pairWithin: 2 }),
  rule({ id: 'acme-pair', regex: '\\b([a-zA-Z0-9]{16})\\b', keywords: ['acid'], entropy: 3, pairOnly: true, pairWith: 'acme-id', pairWithin: 2 }),
  rule({ id: 'generic-token', regex: 'token\\s*=\\s*"([^"]{8,})"', keywords: ['token'], generic: true }),
  rule({ id: 'gh-token', regex: '\\b(ghp_[A-Za-z0-9]{36})\\b', keywords: ['ghp_'], checksum: 'github-crc32' }),
];
const ruleSet = buildRuleSet(rules.map((r) => compileRule(r, makePathMatcher)));

function ids(text: string, options: DetectOptions = {}, file = 'src/a.txt'): string[] {
  return detectFragment({ file, text }, ruleSet, options).map((f) => `${f.ruleId}@${f.line}:${f.column}`);
}

const goodGithub = (() => {
  const body = 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5';
  return `ghp_${body}${base62(crc32(body), 6)}`;
})();

describe('detect/engine', () => {
  const cases = [
    { name: 'reports a plain token with its line and column', text: 'x\n  t = acme_k3x9q2m7z1w8', want: ['acme-token@2:7'] },
    { name: 'drops a token below the entropy floor', text: 'acme_aaaaaaaaaaab', want: [] },
    { name: 'honours keyfence:allow on the same line', text: 'acme_k3x9q2m7z1w8 // keyfence:allow', want: [] },
    { name: 'honours gitleaks:allow and pragma: allowlist secret', text: 'acme_k3x9q2m7z1w8 # gitleaks:allow\nacme_p0o9i8u7y6t5 # pragma: allowlist secret', want: [] },
    { name: 'pairs an id with an in-context secret two lines away as one finding', text: 'ACIDQWERTYUI\n\nacme_secret = "Zx81Kq02Lm93Nb47"', want: ['acme-pair@3:16'] },
    { name: 'pairs an id with a bare secret on the same line', text: 'f("ACIDQWERTYUI", "Zx81Kq02Lm93Nb47")', want: ['acme-pair@1:20'] },
    { name: 'leaves an id alone when the secret is too far away', text: 'ACIDQWERTYUI\n\n\n\nacme_secret = "Zx81Kq02Lm93Nb47"', want: ['acme-id@1:1', 'acme-secret@5:16'] },
    { name: 'never reports a pair-only candidate on its own', text: 'value Zx81Kq02Lm93Nb47 acid', want: [] },
    { name: 'lets a specific rule win over a generic one on the same span', text: 'token = "acme_k3x9q2m7z1w8"', want: ['acme-token@1:10'] },
    { name: "lets a provider's rule win a span over an earlier rule whose shape providers share", text: 'shared_key = "acme_k3x9q2m7z1w8"', want: ['acme-token@1:15'] },
    { name: 'keeps a shared-shape finding where no provider rule matches', text: 'shared_key = "k3x9q2m7z1w8p0o9i"', want: ['shared-key@1:15'] },
    { name: 'keeps a generic finding where no specific rule matches', text: 'token = "Xk29!pQz_m4"', want: ['generic-token@1:10'] },
    { name: 'drops template values as placeholders', text: 'token = "${API_TOKEN}"', want: [] },
    { name: 'accepts a GitHub token whose CRC32 suffix checks out', text: `gh = ${goodGithub}`, want: ['gh-token@1:6'] },
    { name: 'drops a GitHub token whose CRC32 suffix is wrong', text: `gh = ${goodGithub.slice(0, -1)}${goodGithub.endsWith('A') ? 'B' : 'A'}`, want: [] },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(ids(c.text), c.want));

  it('skips a rule on its own allowlisted paths', () => assert.deepEqual(ids('acme_k3x9q2m7z1w8', {}, 'docs/readme.md'), []));
  it('applies config stopwords to the secret', () => assert.deepEqual(ids('acme_k3x9q2m7z1w8', { allowStopwords: ['q2m7'] }), []));
  it('applies config allow regexes to the secret', () => assert.deepEqual(ids('acme_k3x9q2m7z1w8', { allowRegexes: [/w8$/] }), []));
  it('applies config entropy overrides per rule', () => assert.deepEqual(ids('acme_k3x9q2m7z1w8', { entropy: { 'acme-token': 7 } }), []));

  it('traces why candidates were dropped', () => {
    const reasons: string[] = [];
    ids('acme_aaaaaaaaaaab', { trace: (id, reason) => reasons.push(`${id}: ${reason}`) });
    assert.deepEqual(reasons, ['acme-token: entropy (src/a.txt)']);
  });

  it('keeps the whole secret only under the RAW symbol, out of JSON', () => {
    const [finding] = detectFragment({ file: 'a', text: 'acme_k3x9q2m7z1w8' }, ruleSet);
    assert.ok(finding);
    assert.equal(finding[RAW].secret, 'acme_k3x9q2m7z1w8');
    assert.doesNotMatch(JSON.stringify(finding), /acme_k3x9q2m7z1w8/);
    // 17 characters: short enough to guess, so neither characters nor length are shown.
    assert.equal(finding.secret, '…(masked)');
  });

  it('gives the same fingerprint on another line and with CRLF, and a different one for another secret', () => {
    const a = detectFragment({ file: 'a', text: 'acme_k3x9q2m7z1w8' }, ruleSet)[0];
    const b = detectFragment({ file: 'a', text: '\r\n\r\nx acme_k3x9q2m7z1w8\r\n' }, ruleSet)[0];
    const c = detectFragment({ file: 'a', text: 'acme_k3x9q2m7z1w9' }, ruleSet)[0];
    assert.equal(a?.fingerprint, b?.fingerprint);
    assert.notEqual(a?.fingerprint, c?.fingerprint);
  });
});

describe('detect/engine pair location', () => {
  const cases = [
    { name: 'says where the id of a pair two lines up sits', text: 'ACIDQWERTYUI\n\nacme_secret = "Zx81Kq02Lm93Nb47"', want: { ruleId: 'acme-id', line: 1, column: 1 } },
    { name: 'says where the id of a pair on the same line sits', text: 'f("ACIDQWERTYUI", "Zx81Kq02Lm93Nb47")', want: { ruleId: 'acme-id', line: 1, column: 4 } },
    { name: 'gives no pair location to a finding that is no pair', text: 'x\n  t = acme_k3x9q2m7z1w8', want: undefined },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(detectFragment({ file: 'a', text: c.text }, ruleSet)[0]?.pairedWith, c.want));
});

describe('detect/engine masking', () => {
  it('masks the paired key id too when both parts share a line', () => {
    const [finding] = detectFragment({ file: 'a', text: 'f("ACIDQWERTYUI", "Zx81Kq02Lm93Nb47")' }, ruleSet);
    assert.equal(finding?.ruleId, 'acme-pair');
    assert.ok(!finding?.match.includes('ACIDQWERTYUI') && !finding?.match.includes('Zx81Kq02Lm93Nb47'), finding?.match);
  });
  it('masks a second secret on the same line in each finding’s match', () => {
    const findings = detectFragment({ file: 'a', text: 'a = acme_k3x9q2m7z1w8; b = acme_p0o9i8u7y6t5' }, ruleSet);
    assert.equal(findings.length, 2);
    for (const f of findings) assert.ok(!f.match.includes('acme_k3x9q2m7z1w8') && !f.match.includes('acme_p0o9i8u7y6t5'), f.match);
  });

  it('masks a second copy of a secret on the line that no rule matched (issue 13, item 1)', () => {
    const findings = detectFragment({ file: 'a', text: 'a = acme_k3x9q2m7z1w8; copy="xacme_k3x9q2m7z1w8"' }, ruleSet);
    assert.equal(findings.length, 1);
    assert.ok(!findings[0]?.match.includes('acme_k3x9q2m7z1w8'), findings[0]?.match);
  });

  it('masks and checks inline allows for thousands of findings on one minified line in linear time (it was cubic: minutes on a bundle)', { timeout: 60_000 }, () => {
    const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
    const token = (i: number): string => `acme_${[...Array(12).keys()].map((k) => alphabet[(i * 7 + k * 13 + Math.floor(i / (k + 1))) % 36]).join('')}`;
    const text = Array.from({ length: 20000 }, (_, i) => `v${i}="${token(i)}";`).join('');
    // Linear work ends in well under a second; the cubic masking took minutes, past the test's timeout.
    const findings = detectFragment({ file: 'bundle.min.js', text }, ruleSet);
    assert.ok(findings.length > 1000, `${findings.length} findings`);
    for (const f of findings.slice(0, 50)) assert.ok(!f.match.includes(f[RAW].secret), f.match);
  });
});

describe('detect/engine gates', () => {
  // A gate the regex itself does not need, so only the gate can explain a missing finding.
  const gated = buildRuleSet([compileRule(rule({ id: 'acme-assigned', regex: 'acme\\s*=\\s*"([a-z0-9]{12})"', keywords: ['acme'], requires: '# acme-config' }), makePathMatcher)]);
  it('runs a gated rule where its gate matches', () => assert.equal(detectFragment({ file: 'a', text: '# acme-config\nacme = "k3x9q2m7z1w8"' }, gated).length, 1));
  it('skips a gated rule where the text lacks what it requires', () => assert.equal(detectFragment({ file: 'a', text: 'acme = "k3x9q2m7z1w8"' }, gated).length, 0));
});

describe('detect/engine path rules', () => {
  // A rule that judges the file name (target "path"), beside a text rule whose keyword the name also holds.
  const byName = buildRuleSet([
    compileRule(rule({ id: 'acme-store', regex: '(?:^|/)([^/]+\\.acmestore)$', keywords: ['.acmestore'], target: 'path', allow: { regexes: ['^public\\.'], placeholders: false } }), makePathMatcher),
    compileRule(rule({ id: 'acme-text', regex: '\\b(acmestore_[a-z0-9]{12})\\b', keywords: ['acmestore'] }), makePathMatcher),
  ]);
  const cases = [
    { name: 'reports an unread binary file by its name once, at line 1', fragment: { file: 'keys/prod.acmestore', text: '', unread: true }, want: ['acme-store@1:1'] },
    { name: 'reports a text file by its name beside what its text holds', fragment: { file: 'prod.acmestore', text: 'x\nacmestore_k3x9q2m7z1w8' }, want: ['acme-store@1:1', 'acme-text@2:1'] },
    { name: 'reads no text of an unread file', fragment: { file: 'notes.txt', text: 'acmestore_k3x9q2m7z1w8', unread: true }, want: [] },
    { name: 'does not match a name that only holds the extension inside it', fragment: { file: 'prod.acmestore.enc', text: '', unread: true }, want: [] },
    { name: 'honours the rule\'s allow regexes on the name', fragment: { file: 'public.acmestore', text: '', unread: true }, want: [] },
    { name: 'does not read the path as text: a text rule never matches the file name', fragment: { file: 'acmestore_k3x9q2m7z1w8.txt', text: 'nothing' }, want: [] },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(detectFragment(c.fragment, byName).map((f) => `${f.ruleId}@${f.line}:${f.column}`), c.want));

  it('reports a key store in a test folder at medium severity at most', () => assert.equal(detectFragment({ file: 'test/fixtures/a.acmestore', text: '', unread: true }, byName)[0]?.severity, 'medium'));
  // The name says where the credential is (the content is unread), so masking it would leave reports pointing nowhere.
  it('shows the file name whole in the match and in the reported file once masked for output', () => {
    const [finding] = detectFragment({ file: 'keys/prod.acmestore', text: '', unread: true }, byName);
    assert.ok(finding?.match.includes('prod.acmestore'), finding?.match);
    assert.deepEqual(maskFindings(finding ? [finding] : []).map((f) => [f.file, f.match]), [['keys/prod.acmestore', 'keys/prod.acmestore']]);
  });
});

describe('detect/engine severity in test and example folders', () => {
  const severe = buildRuleSet([
    compileRule(rule({ id: 'acme-live', regex: '\\b(acmelive_[a-z0-9]{12})\\b', keywords: ['acmelive_'], severity: 'critical' }), makePathMatcher),
    compileRule(rule({ id: 'acme-format', provider: 'generic', regex: '\\b(acmefmt_[a-z0-9]{12})\\b', keywords: ['acmefmt_'], severity: 'high' }), makePathMatcher),
  ]);
  const cases = [
    { name: 'keeps a provider token\'s severity outside tests', file: 'src/a.txt', text: 'acmelive_k3x9q2m7z1w8', want: 'critical' },
    { name: 'caps a provider token in a test folder at medium', file: 'test/a.txt', text: 'acmelive_k3x9q2m7z1w8', want: 'medium' },
    { name: 'caps a provider token in an examples folder at medium', file: 'doc/examples/key.txt', text: 'acmelive_k3x9q2m7z1w8', want: 'medium' },
    { name: 'lowers a generic-provider format rule in a test folder to low', file: 'spec/a.txt', text: 'acmefmt_k3x9q2m7z1w8', want: 'low' },
    { name: 'keeps a format rule\'s severity outside tests', file: 'lib/a.txt', text: 'acmefmt_k3x9q2m7z1w8', want: 'high' },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(detectFragment({ file: c.file, text: c.text }, severe).map((f) => f.severity), [c.want]));
});

describe('detect/engine entropy of percent-encoded secrets', () => {
  const url = buildRuleSet([compileRule(rule({ id: 'acme-url', regex: 'acme://u:([^@\\s]{3,64})@', keywords: ['acme://'], entropy: 2.5 }), makePathMatcher)]);
  it('measures a percent-encoded secret as written before encoding', () => assert.equal(detectFragment({ file: 'a', text: 'acme://u:he%2F%2Fo@host' }, url).length, 0));
  it('still reports an encoded secret that is random before encoding', () => assert.equal(detectFragment({ file: 'a', text: 'acme://u:Kq8%2Fz3Lw%2Bm7@host' }, url).length, 1));
});

describe('detect/engine generic values on a span a provider rule holds', () => {
  const key = keyIdFor('AKIA', '123456789012', seededRandom(14));
  // Generated here, so no credential-looking literal sits in the repository.
  const password = randomString(seededRandom(15), ALNUM, 20);
  // A fresh process each: the BPE vocabulary, once loaded, stays loaded.
  const vocabularyLoadedBy = (text: string): { loaded: boolean; ruleIds: string[] } => {
    const src = new URL('../../src/', import.meta.url).href;
    const script = `
      const { createEngine, defaultConfig, scanFragment } = await import('${src}index.js');
      const { tokenizerLoaded } = await import('${src}detect/token-efficiency.js');
      const engine = createEngine(defaultConfig(process.cwd()));
      const ruleIds = scanFragment({ file: 'src/app.js', text: process.env.TEXT }, engine).map((f) => f.ruleId);
      process.stdout.write(JSON.stringify({ loaded: tokenizerLoaded(), ruleIds }));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, TEXT: text } });
    assert.equal(run.status, 0, run.stderr);
    return JSON.parse(run.stdout) as { loaded: boolean; ruleIds: string[] };
  };
  const cases = [
    { name: 'does not judge (nor load the vocabulary for) a value a provider rule found first', text: `const awsKey = "${key}";`, want: { loaded: false, ruleIds: ['aws-access-key-id'] } },
    { name: 'still judges a credential value no other rule found', text: 'const password = "correcthorsebatterystaple";', want: { loaded: true, ruleIds: [] } },
    { name: 'still reports a generic secret beside a provider key on the same line', text: `awsKey = "${key}"; password = "${password}"`, want: { loaded: true, ruleIds: ['aws-access-key-id', 'generic-password-assignment'] } },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(vocabularyLoadedBy(c.text), c.want));
});

describe('detect/engine keywordPaths', () => {
  const seedRules = buildRuleSet([compileRule(rule({ id: 'seed', regex: '(?<![A-Z0-9])(S[UO]A[A-Z2-7]{20})(?![A-Z0-9])', keywords: ['nkey'], keywordPaths: '\\.nk$' }), makePathMatcher)]);
  const seed = 'SUA' + 'K7Q2M5X3ZB4WP6RT2YHJ';
  const cases = [
    { name: 'runs the rule on a file its path names though no keyword occurs', file: 'keys/user.nk', text: `${seed}\n`, want: ['seed@1:1'] },
    { name: 'runs it on a keyword as before', file: 'conf/a.txt', text: `nkey ${seed}\n`, want: ['seed@1:6'] },
    { name: 'leaves other files without the keyword to the prefilter', file: 'keys/user.txt', text: `${seed}\n`, want: [] },
  ];
  for (const c of cases)
    it(c.name, () => assert.deepEqual(detectFragment({ file: c.file, text: c.text }, seedRules).map((f) => `${f.ruleId}@${f.line}:${f.column}`), c.want));
});

describe('detect/engine keywordPaths without keywords', () => {
  // A .pgpass-like store: its lines hold no word to key on, so the path alone runs the rule.
  const storeRules = buildRuleSet([compileRule(rule({ id: 'store', regex: '(?:^|\\n)[^:\\n]+:[^:\\n]+:([^\\n]+)', keywords: [], keywordPaths: '(?:^|/)\\.acmepass$' }), makePathMatcher)]);
  const password = 'Vq7' + 'mL2xR9tKp4Zs';
  const cases = [
    { name: 'runs the rule on a file its path names', file: 'home/.acmepass', text: `db01:5432:${password}\n`, want: ['store@1:11'] },
    { name: 'never runs it on another file, though a rule without keywords would run everywhere', file: 'notes.txt', text: `db01:5432:${password}\n`, want: [] },
  ];
  for (const c of cases)
    it(c.name, () => assert.deepEqual(detectFragment({ file: c.file, text: c.text }, storeRules).map((f) => `${f.ruleId}@${f.line}:${f.column}`), c.want));
});

describe('detect/engine judge password', () => {
  const judged = buildRuleSet([compileRule(rule({ id: 'acme-pass', regex: '\\bacmepass[ \\t]+(\\S+)', keywords: ['acmepass'], judge: 'password' }), makePathMatcher)]);
  const cases = [
    { name: 'keeps a weak password made of words', text: `acmepass ${'Sunshine' + '2024'}`, want: 1 },
    { name: 'keeps a random one', text: `acmepass ${'Vq7' + 'mL2xR9tKp4Zs'}`, want: 1 },
    { name: 'drops a placeholder', text: 'acmepass YOUR_PASSWORD', want: 0 },
    { name: 'drops a template', text: 'acmepass ${ACME_PASS}', want: 0 },
    { name: 'judges a value as typed, its file\'s escapes undone (a .pgpass `\\:` is no code)', text: `acmepass ${'Sun\\:shine'}2024`, want: 1 },
  ];
  for (const c of cases) it(c.name, () => assert.equal(detectFragment({ file: 'acme.conf', text: c.text }, judged).length, c.want));
});
