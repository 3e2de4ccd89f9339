// The text reporter: grouped by file, masked, colours only when asked for.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { textReporter } from '../../src/report/text.js';
import { RAW, type Finding } from '../../src/types.js';

// Built from parts so the repository never holds the whole canary key.
const KEY = ['AKIAQYLPMN5H', 'HHFPZAM2'].join('');

const finding: Finding = {
  ruleId: 'aws-access-key-id',
  description: 'AWS access key ID',
  severity: 'high',
  file: 'src/a.js',
  line: 3,
  column: 7,
  endColumn: 27,
  secret: 'AKIA…(20)',
  match: 'id = AKIA…(20)',
  fingerprint: 'f'.repeat(64),
  entropy: 3.7,
  aws: { accountId: '052310077262', keyType: 'user', canary: true, canaryOwner: 'Thinkst canarytokens' },
  [RAW]: { secret: KEY, lineText: `id = ${KEY}` },
};
const stats = { bytes: 10, files: 1, commits: 0, findings: 1, skipped: { binary: 2 }, durationMs: 5, rulesLoaded: 6 };

describe('report/text', () => {
  const plain = textReporter([finding], { stats, color: false, toolVersion: '0' });

  it('groups by file and shows line:column, rule and the masked match', () => {
    assert.match(plain, /^src\/a\.js\n {2}3:7 {2}high {2}aws-access-key-id/);
    assert.match(plain, /id = AKIA…\(20\)/);
  });
  it('says where the other half of a pair on another line sits', () => {
    const pair = { ...finding, ruleId: 'aws-access-key-pair', pairedWith: { ruleId: 'aws-access-key-id', line: 2, column: 9 } };
    assert.match(textReporter([pair], { stats, color: false, toolVersion: '0' }), /\n {4}pair: its aws-access-key-id is at 2:9\n/);
  });
  it('says a canary token must not be used', () => assert.match(plain, /CANARY TOKEN \(Thinkst canarytokens\): using it alerts its owner/));
  it('shows the account id', () => assert.match(plain, /account 052310077262/));
  it('prints the ignore line with the fingerprint', () => assert.match(plain, new RegExp(`add "${'f'.repeat(64)} # reason" to \\.keyfence-ignore`)));
  it('summarises counts and skips', () => assert.match(plain, /1 finding in 1 file .*skipped: 2 binary/));
  it('never prints the whole secret', () => assert.ok(!plain.includes(KEY)));
  it('has no escape codes without colour', () => assert.ok(!plain.includes('\u001b[')));
  it('has escape codes with colour', () => assert.ok(textReporter([finding], { stats, color: true, toolVersion: '0' }).includes('\u001b[')));
  it('prints the findings but no summary with quiet (--quiet: "no summary")', () => {
    const quiet = textReporter([finding], { stats, color: false, toolVersion: '0', quiet: true });
    assert.match(quiet, /src\/a\.js/);
    assert.doesNotMatch(quiet, /1 finding in|A false alarm/);
  });
  it('says "1 commit", not "1 commits"', () => {
    const text = textReporter([finding], { stats: { ...stats, commits: 1 }, color: false, toolVersion: '0' });
    assert.match(text, /in 1 file, 1 commit \(/);
  });
  it('names --max-file-size when files were skipped as too large', () => {
    const text = textReporter([], { stats: { ...stats, skipped: { 'too-large': 2 } }, color: false, toolVersion: '0' });
    assert.match(text, /skipped: 2 too-large.*--max-file-size/);
  });
});

describe('report/text: terminal escapes in scanned text', () => {
  const hostile: { name: string; finding: Finding; never: string; shows: RegExp }[] = [
    { name: 'shows a screen-clearing escape on the matched line as \\x1b', finding: { ...finding, match: '\u001b[2J\u001b[1Aid = AKIA…(20)' }, never: '\u001b[2J', shows: /^ {4}\\x1b\[2J\\x1b\[1Aid = AKIA…\(20\)$/m },
    { name: 'shows a window-title escape and its bell visibly', finding: { ...finding, match: 'id = AKIA…(20) \u001b]0;owned\u0007' }, never: '\u0007', shows: /\\x1b\]0;owned\\x07$/m },
    { name: 'shows a carriage return that would overwrite the finding', finding: { ...finding, match: 'id = AKIA…(20)\r        ' }, never: '\r', shows: /AKIA…\(20\)\\x0d/ },
    { name: 'shows an escape in a commit author', finding: { ...finding, commit: 'c'.repeat(40), author: 'eve\u001b[8m', email: 'e@x', date: '2024-01-01', message: 'm' }, never: '\u001b[8m', shows: /commit: c{12} eve\\x1b\[8m <e@x>/ },
    { name: 'quotes a file name of another location that holds an escape', finding: { ...finding, locations: [{ file: 'b\u001b[2K.js', line: 2, commit: 'd'.repeat(40), fingerprint: 'e'.repeat(64), occurrences: 1 }] }, never: '\u001b[2K', shows: /also in: "b\\u001b\[2K\.js":2/ },
  ];
  for (const { name, finding: f, never, shows } of hostile) {
    it(name, () => {
      const text = textReporter([f], { stats, color: false, toolVersion: '0' });
      assert.equal(text.includes(never), false);
      assert.match(text, shows);
    });
  }

  it('keeps a tab on the matched line as it is', () => {
    assert.match(textReporter([{ ...finding, match: 'id =\tAKIA…(20)' }], { stats, color: false, toolVersion: '0' }), /^ {4}id =\tAKIA…\(20\)$/m);
  });
});
