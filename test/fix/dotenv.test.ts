import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addEnvToGitignore, addToDotenv, addToExample, isDotenvFile, maskDotenvLine, parseDotenv } from '../../src/fix/dotenv.js';

describe('fix/dotenv', () => {
  it('parses KEY=value lines, quotes and export included', () => {
    assert.deepEqual([...parseDotenv('# c\nA=1\nexport B="two"\nC=\'3\' \nD=4 # note\n')], [['A', '1'], ['B', 'two'], ['C', '3'], ['D', '4']]);
  });
  const dotenvCases = [
    { name: 'creates .env from nothing', text: undefined, entries: [{ name: 'A', line: 'A=1' }], want: 'A=1\n', conflicts: [] },
    { name: 'appends after a file without a final newline', text: 'X=0', entries: [{ name: 'A', line: 'A=1' }], want: 'X=0\nA=1\n', conflicts: [] },
    { name: 'keeps CRLF', text: 'X=0\r\n', entries: [{ name: 'A', line: 'A=1' }], want: 'X=0\r\nA=1\r\n', conflicts: [] },
    { name: 'skips a name that already holds the same value', text: 'A=1\n', entries: [{ name: 'A', line: 'A=1' }], want: 'A=1\n', conflicts: [] },
    { name: 'reports a name that holds another value', text: 'A=2\n', entries: [{ name: 'A', line: 'A=1' }], want: 'A=2\n', conflicts: ['A'] },
  ];
  for (const c of dotenvCases) {
    it(c.name, () => {
      const update = addToDotenv(c.text, c.entries);
      assert.equal(update.text, c.want);
      assert.deepEqual(update.conflicts, c.conflicts);
    });
  }
  it('adds only missing names to .env.example', () => assert.equal(addToExample('A=\n', ['A', 'B', 'B']), 'A=\nB=\n'));
  it('adds .env to .gitignore once', () => {
    assert.equal(addEnvToGitignore(undefined), '.env\n');
    assert.equal(addEnvToGitignore('node_modules/\n'), 'node_modules/\n.env\n');
    assert.equal(addEnvToGitignore('/.env\n'), '/.env\n');
  });
});

describe('fix/dotenv masking for the dry-run diff (issue 13, item 2)', () => {
  const value = ['sk_live_', 'Zx81Kq02Lm93Nb47', 'Pq56Rs78Tu90Vw12Xy34'].join('');
  const cases = [
    { name: 'keeps the name and masks the value', line: `STRIPE_KEY=${value}`, want: 'STRIPE_KEY=sk_live_…(44)' },
    { name: 'masks a quoted value with export', line: 'export DB_PASSWORD="hunter22"', want: 'export DB_PASSWORD=…(masked)' },
    { name: 'leaves an empty value as it is', line: 'EMPTY=', want: 'EMPTY=' },
    { name: 'masks a comment (an old key commented out)', line: `# OLD=${value}`, want: '# …' },
    { name: 'masks any other text', line: value, want: '…' },
    { name: 'leaves a blank line', line: '  ', want: '  ' },
  ];
  for (const c of cases) it(c.name, () => assert.equal(maskDotenvLine(c.line), c.want));
  const files = [
    { path: '.env', want: true },
    { path: 'config/.env.local', want: true },
    { path: 'deploy/prod.env', want: true },
    { path: '.env.example', want: true },
    { path: 'src/env.ts', want: false },
    { path: '.gitignore', want: false },
  ];
  for (const c of files) it(`${c.want ? 'treats' : 'does not treat'} ${c.path} as a .env file`, () => assert.equal(isDotenvFile(c.path), c.want));
});
