// message.ts: the commit-msg hook's file as git will keep the message (comments and the scissors section left out).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { commentPrefix, hookMessageFragment, messageFragment } from '../../src/sources/message.js';
import { MESSAGE_FILE } from '../../src/types.js';

const SCISSORS = '------------------------ >8 ------------------------';

describe('sources/message', () => {
  const cases = [
    {
      name: 'leaves out comment lines and keeps the numbers of the lines kept',
      text: 'subject\n\n# Please enter the commit message\nbody\n#\tmodified: a.txt\n',
      git: {},
      want: { text: 'subject\n\nbody', lineNumbers: [1, 2, 4] },
    },
    {
      name: 'leaves out everything from the scissors line of git commit -v on',
      text: `subject\nbody\n# ${SCISSORS}\n# Do not modify or remove the line above.\ndiff --git a/x b/x\n+key = secret\n`,
      git: {},
      want: { text: 'subject\nbody', lineNumbers: [1, 2] },
    },
    {
      name: 'reads core.commentChar: lines starting with # are the message then',
      text: '# heading in markdown\n; a comment\nbody\n',
      git: { commentChar: ';' },
      want: { text: '# heading in markdown\nbody', lineNumbers: [1, 3] },
    },
    {
      name: 'takes the comment prefix of auto from the scissors line',
      text: `#1 subject\n; note\n; ${SCISSORS}\n+diff\n`,
      git: { commentChar: 'auto' },
      want: { text: '#1 subject', lineNumbers: [1] },
    },
    {
      name: 'keeps comment lines when commit.cleanup is verbatim',
      text: 'subject\n# kept\n',
      git: { cleanup: 'verbatim' },
      want: { text: 'subject\n# kept', lineNumbers: [1, 2] },
    },
    {
      name: 'keeps comment lines but cuts at the scissors when commit.cleanup is scissors',
      text: `subject\n# kept\n# ${SCISSORS}\n+diff\n`,
      git: { cleanup: 'scissors' },
      want: { text: 'subject\n# kept', lineNumbers: [1, 2] },
    },
    {
      name: 'reads a CRLF message file line by line',
      text: 'subject\r\n# comment\r\nbody\r\n',
      git: {},
      want: { text: 'subject\nbody', lineNumbers: [1, 3] },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const fragment = hookMessageFragment(c.text, c.git);
      assert.deepEqual({ file: fragment?.file, text: fragment?.text, lineNumbers: fragment?.lineNumbers }, { file: MESSAGE_FILE, ...c.want });
    });
  }

  it('gives no fragment for a message of comments and blank lines only', () => {
    assert.equal(hookMessageFragment('\n# Please enter the commit message\n\n', {}), undefined);
  });

  it('drops the blank lines that end a message from history', () => {
    assert.equal(messageFragment(['subject', '', 'body', '', ''])?.text, 'subject\n\nbody');
  });

  const prefixes = [
    { name: 'is # by default', configured: undefined, lines: [], want: '#' },
    { name: 'is the configured string', configured: '//', lines: [], want: '//' },
    { name: "is auto's pick, read from git's note", configured: 'auto', lines: ['x', '; Please enter the commit message for your changes.'], want: ';' },
    { name: 'is # for auto when git wrote no note', configured: 'auto', lines: ['x'], want: '#' },
  ];
  for (const c of prefixes) it(`commentPrefix ${c.name}`, () => assert.equal(commentPrefix(c.configured, c.lines), c.want));
});
