// printError: a file-system error no command named still comes out as one line naming the path, never "internal error".
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { printError } from '../../src/cli/terminal.js';
import { UsageError } from '../../src/errors.js';
import type { RunIO } from '../../src/cli/run.js';

function failureOf(action: () => void): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to fail');
}

function printed(error: unknown, env: NodeJS.ProcessEnv = {}): { code: number; text: string } {
  let text = '';
  const io = { env, stderr: (t: string) => void (text += t) } as unknown as RunIO;
  return { code: printError(error, io), text };
}

describe('cli/terminal printError', () => {
  const cases: { name: string; error: () => unknown; says: RegExp }[] = [
    { name: 'a folder that cannot be made under /proc names it and says why', error: () => failureOf(() => mkdirSync('/proc/nonexist/x')), says: /^keyfence: \/proc\/nonexist\/x: cannot mkdir: a folder on its path does not exist and cannot be made \(ENOENT\); check that the path exists/ },
    { name: 'a file the system refuses names it and says permission denied', error: () => failureOf(() => writeFileSync('/sys/kernel/keyfence-test', 'x')), says: /^keyfence: \/sys\/kernel\/keyfence-test: cannot open: permission denied \(EACCES\); / },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { code, text } = printed(c.error());
      assert.equal(code, 2);
      assert.match(text, c.says);
      assert.doesNotMatch(text, /internal error/);
      assert.equal(text.split('\n').length, 2, text);
    });
  }

  it('still calls a programming error an internal error', () => {
    const { code, text } = printed(new TypeError('x is not a function'));
    assert.equal(code, 2);
    assert.match(text, /^keyfence: internal error: x is not a function; please report it/);
  });
});

describe('cli/terminal printError: paths with terminal escapes', () => {
  const cases: { name: string; message: string; says: string }[] = [
    { name: 'shows a screen-clearing escape in a named path as \\x1b', message: 'x\u001b[2Jy: no such file or directory', says: 'keyfence: x\\x1b[2Jy: no such file or directory; check it\n' },
    { name: 'keeps every line of a many-line message, each made printable', message: 'a.json: bad\nb\u0007.json: bad', says: 'keyfence: a.json: bad\nkeyfence: b\\x07.json: bad; check it\n' },
  ];
  for (const { name, message, says } of cases) it(name, () => assert.equal(printed(new UsageError(message, 'check it')).text, says));
});
