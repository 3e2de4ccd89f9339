import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addEnvToGitignore, addToDotenv, addToExample, parseDotenv } from '../../src/fix/dotenv.js';

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
