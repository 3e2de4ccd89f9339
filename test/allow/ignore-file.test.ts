// .keyfence-ignore parsing: fingerprints with reasons, comments, and every bad line reported with its number.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cleanReason, ignoreLine, parseIgnoreFile, withIgnoreLine, withoutIgnoreEntry } from '../../src/allow/ignore-file.js';

const fp = 'ab'.repeat(32);

describe('parseIgnoreFile', () => {
  const good: { name: string; text: string; want: { fingerprint: string; reason?: string; line: number }[] }[] = [
    { name: 'reads a bare fingerprint', text: `${fp}\n`, want: [{ fingerprint: fp, line: 1 }] },
    { name: 'reads a fingerprint with a reason', text: `${fp} # test fixture\n`, want: [{ fingerprint: fp, reason: 'test fixture', line: 1 }] },
    { name: 'skips blank lines and comments and keeps line numbers', text: `# header\n\n   \n${fp}   #  why \n`, want: [{ fingerprint: fp, reason: 'why', line: 4 }] },
    { name: 'accepts CRLF files', text: `# x\r\n${fp} # y\r\n`, want: [{ fingerprint: fp, reason: 'y', line: 2 }] },
    { name: 'reads the line the text reporter prints', text: `${ignoreLine(fp)}\n`, want: [{ fingerprint: fp, reason: 'reason', line: 1 }] },
    { name: 'reads an empty file as no entries', text: '', want: [] },
  ];
  for (const { name, text, want } of good) {
    it(name, () => assert.deepEqual(parseIgnoreFile(text, '.keyfence-ignore'), { entries: want, problems: [] }));
  }

  const bad: { name: string; text: string; want: RegExp[] }[] = [
    { name: 'rejects a short hex string', text: 'abc123\n', want: [/^\.keyfence-ignore:1: expected a 64-hex-digit fingerprint/] },
    { name: 'rejects upper-case hex with a specific hint', text: `${fp.toUpperCase()}\n`, want: [/^\.keyfence-ignore:1: a fingerprint must be lower-case hex$/] },
    { name: 'points gitleaks fingerprints to --from gitleaks', text: `# c\n${'a'.repeat(40)}:src/app.env:aws-access-token:12\n`, want: [/^\.keyfence-ignore:2: .*gitleaks fingerprint.*--from gitleaks/] },
    { name: 'reports every bad line at once', text: `x\n${fp}\ny\n`, want: [/:1:/, /:3:/] },
  ];
  for (const { name, text, want } of bad) {
    it(name, () => {
      const { problems } = parseIgnoreFile(text, '.keyfence-ignore');
      assert.equal(problems.length, want.length, problems.join('\n'));
      want.forEach((re, i) => assert.match(problems[i] as string, re));
    });
  }

  it('never echoes a whole pasted secret back in an error', () => {
    const pasted = ['AK', 'IA', 'Q3EGRIUBZFZ6PJ5G'].join('');
    const { problems } = parseIgnoreFile(`${pasted}\n`, '.keyfence-ignore');
    assert.ok(!problems.join('\n').includes(pasted));
  });
});

describe('withIgnoreLine and withoutIgnoreEntry', () => {
  const other = 'cd'.repeat(32);
  const cases: { name: string; before: string; after: string }[] = [
    { name: 'appends to an LF file', before: `# mine\n${other}\n`, after: `# mine\n${other}\n${fp} # why\n` },
    { name: 'appends with CRLF to a CRLF file', before: `# mine\r\n${other}\r\n`, after: `# mine\r\n${other}\r\n${fp} # why\r\n` },
    { name: 'ends an unterminated last line first', before: `${other} # old`, after: `${other} # old\n${fp} # why\n` },
    { name: 'creates the first line of an empty file', before: '', after: `${fp} # why\n` },
  ];
  for (const c of cases) {
    it(c.name, () => assert.equal(withIgnoreLine(Buffer.from(c.before), ignoreLine(fp, 'why')).toString(), c.after));
    it(`${c.name}, and removing the line gives the bytes back`, () => {
      const removed = withoutIgnoreEntry(withIgnoreLine(Buffer.from(c.before), ignoreLine(fp, 'why')), fp).toString();
      assert.equal(removed, c.before === `${other} # old` ? `${other} # old\n` : c.before);
    });
  }

  it('keeps bytes that are not UTF-8 as they are', () => {
    const before = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\n')]);
    const after = withIgnoreLine(before, fp);
    assert.ok(after.subarray(0, before.length).equals(before));
    assert.ok(withoutIgnoreEntry(after, fp).equals(before));
  });

  it('removes every line of the fingerprint and no other', () => {
    assert.equal(withoutIgnoreEntry(Buffer.from(`${fp}\n# ${fp}\n${other}\n${fp} # again\n`), fp).toString(), `# ${fp}\n${other}\n`);
  });
});

describe('cleanReason', () => {
  const cases: { name: string; reason: string; want: string }[] = [
    { name: 'keeps a plain reason', reason: 'test fixture', want: 'test fixture' },
    { name: 'turns line breaks into spaces, so one entry stays one line', reason: 'a\nb\r\nc', want: 'a b c' },
    { name: 'drops terminal escapes', reason: 'x\u001b[31my', want: 'x [31my' },
    { name: 'caps the length', reason: 'x'.repeat(500), want: 'x'.repeat(200) },
  ];
  for (const c of cases) it(c.name, () => assert.equal(cleanReason(c.reason), c.want));
});
