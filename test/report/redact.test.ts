// Masking: a short prefix and the length, never the whole secret.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { maskFindings, maskReportMeta, redact, redactAll, redactLine, SecretIndex } from '../../src/report/redact.js';
import { detectFragment } from '../../src/detect/engine.js';
import { builtinRuleSet } from '../helpers/rules.js';
import { RAW } from '../../src/types.js';

describe('report/redact', () => {
  const random40 = ['Vb3kQ9', 'zT4mW1', 'xR7pL2', 'nY8cF5', 'hJ6sD0', 'gK3aE9', 'uIoP'].join('');
  const cases = [
    { name: 'shows 4 characters and the length of a machine-made key', secret: random40, want: 'Vb3k…(40)' },
    { name: 'shows the public prefix of a provider token', secret: `ghp_${random40.slice(0, 36)}`, want: 'ghp_…(40)' },
    { name: 'shows a longer public prefix whole', secret: `sk_live_${random40}`, want: 'sk_live_…(48)' },
    { name: 'shows the type prefix and length of an AWS key id', secret: ['AKIA', 'Q3EGRIUBZFZ6PJ5G'].join(''), want: 'AKIA…(20)' },
    { name: 'shows neither characters nor length of a password', secret: 'hunter22', want: '…(masked)' },
    { name: 'shows neither of a long passphrase of a few words', secret: 'correct horse battery staple', want: '…(masked)' },
    { name: 'shows neither of a low-entropy long value', secret: 'a'.repeat(40), want: '…(masked)' },
    { name: 'shows no prefix of a short token with a prefix shape', secret: 'my_secret_pw', want: '…(masked)' },
  ];
  for (const c of cases) it(c.name, () => assert.equal(redact(c.secret), c.want));

  it('masks the secret inside its line', () => assert.equal(redactLine('key = "abcdefghijklmnopqrst";', 8, 'abcdefghijklmnopqrst'), 'key = "…(masked)";'));
  it('trims long lines around the secret', () => {
    const line = `${'x'.repeat(100)}abcdefghijklmnopqrst${'y'.repeat(100)}`;
    const shown = redactLine(line, 101, 'abcdefghijklmnopqrst');
    assert.ok(shown.startsWith('…') && shown.endsWith('…') && shown.length < 100);
  });
  it('masks every occurrence in free text', () => assert.equal(redactAll('a abcdefghijklmnopqrst b abcdefghijklmnopqrst', ['abcdefghijklmnopqrst']), 'a …(masked) b …(masked)'));
  it('masks every occurrence of many secrets in one pass, the longest first', () => {
    const secrets = Array.from({ length: 40 }, (_, i) => `tok${i}_${'x'.repeat(i % 5)}`);
    const text = secrets.map((s) => `${s} and ${s}`).join('; ');
    const index = new SecretIndex([...secrets, 'tok1']);
    const masked = index.mask(text);
    for (const s of secrets) assert.ok(!masked.includes(s), s);
    assert.equal(index.spansIn(text).length, 80 + 2 * 11);
  });
});

describe('report/redact maskFindings', () => {
  const { ruleSet } = builtinRuleSet();
  const password = ['Tr0ub4', 'dor-horse', '-battery9'].join('');
  it('masks a second copy of a secret on its line that no rule matched', () => {
    const findings = detectFragment({ file: 'deploy.sh', text: `DB_PASSWORD="${password}"; BACKUP="${password}"\n` }, ruleSet);
    assert.equal(findings.length, 1);
    const [shown] = maskFindings(findings);
    assert.ok(shown && !shown.match.includes(password), shown?.match);
    assert.equal(shown?.[RAW].secret, password);
  });
  it('masks a secret of one finding where another finding’s line or commit message shows it', () => {
    const a = detectFragment({ file: 'a.sh', text: `DB_PASSWORD="${password}"\n` }, ruleSet);
    const b = detectFragment({ file: 'b.js', text: `const token = "${password}", ghp = 1;\n`, commit: { commit: 'c'.repeat(40), author: 'A', email: 'a@example.com', date: '2024-01-01', message: `rotate ${password}` } }, ruleSet);
    const shown = maskFindings([...a, ...b]);
    assert.ok(shown.length >= 2);
    for (const f of shown) assert.ok(!JSON.stringify(f).includes(password), JSON.stringify(f));
  });
  it('masks secrets named as extra (found in a commit message only)', () => {
    const [finding] = detectFragment({ file: 'a.sh', text: `DB_PASSWORD="${password}"\n`, commit: { commit: 'c'.repeat(40), author: 'A', email: 'a@example.com', date: '2024-01-01', message: 'add the key ghp_1234 here' } }, ruleSet);
    assert.ok(finding);
    const [shown] = maskFindings([finding], ['ghp_1234']);
    assert.equal(shown?.message, 'add the key …(masked) here');
  });
  it('keeps our own note whole in a suggestion while masking the secret in the lines about the finding', () => {
    const [finding] = detectFragment({ file: 'a.sh', text: `DB_PASSWORD="${password}"\n` }, ruleSet);
    assert.ok(finding);
    const ours = `Never write ${password} in a file: read it from the environment.`;
    const withNote = { ...finding, suggestion: { envVar: 'DB_PASSWORD', replacement: '"$DB_PASSWORD"', language: 'shell', note: `manual: the line holds ${password}\n${ours}` } };
    const [shown] = maskFindings([withNote], [], [ours]);
    assert.equal(shown?.suggestion?.note, `manual: the line holds …(masked)\n${ours}`);
    const [unknown] = maskFindings([withNote]);
    assert.ok(!unknown?.suggestion?.note?.includes(password), 'without ours every copy is masked');
  });
});

describe('report/redact maskReportMeta', () => {
  const { ruleSet } = builtinRuleSet();
  const password = ['Tr0ub4', 'dor-horse', '-battery9'].join('');
  it('masks scanned text in the stats (a skip reason naming a file) and keeps the rule metadata, which is ours', () => {
    const findings = detectFragment({ file: 'a.sh', text: `DB_PASSWORD="${password}"\n` }, ruleSet);
    const rules = [{ id: 'x-y', description: `mentions ${password}`, severity: 'high' as const }];
    const meta = maskReportMeta({ stats: { files: 1, skipped: { [`unreadable: ${password}.txt`]: 1 } }, rules, root: `/work/${password}` }, findings);
    assert.deepEqual(meta.stats, { files: 1, skipped: { 'unreadable: …(masked).txt': 1 } });
    assert.equal(meta.root, '/work/…(masked)');
    assert.equal(meta.rules, rules);
  });
});
