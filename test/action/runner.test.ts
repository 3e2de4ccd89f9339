// The runner contract: inputs from INPUT_*, outputs as heredoc file commands, summary appends, escaped commands.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appendSummary, command, getInput, setOutput, summarySize, type Runner } from '../../src/action/runner.js';
import { makeTempDir } from '../helpers/temp-dir.js';

function runner(env: NodeJS.ProcessEnv = {}): Runner & { out: string[] } {
  const out: string[] = [];
  return { env, write: (text) => out.push(text), out };
}

describe('action/runner', () => {
  const inputCases = [
    { name: 'reads INPUT_ with the name upper-cased and hyphens kept', env: { 'INPUT_FAIL-ON': 'valid' }, input: 'fail-on', want: 'valid' },
    { name: 'turns spaces into underscores', env: { INPUT_MY_INPUT: 'x' }, input: 'my input', want: 'x' },
    { name: 'trims the value', env: { INPUT_MODE: '  pr \n' }, input: 'mode', want: 'pr' },
    { name: 'falls back when the input is empty', env: { INPUT_MODE: '' }, input: 'mode', want: 'auto' },
    { name: 'falls back when the input is absent', env: {}, input: 'mode', want: 'auto' },
  ];
  for (const c of inputCases) it(c.name, () => assert.equal(getInput(runner(c.env), c.input, 'auto'), c.want));

  it('writes outputs as name<<delimiter blocks, safe for multi-line values', () => {
    const dir = makeTempDir('keyfence-runner-');
    const file = join(dir, 'output');
    writeFileSync(file, '');
    const r = runner({ GITHUB_OUTPUT: file });
    setOutput(r, 'findings', '3');
    setOutput(r, 'note', 'a\nb');
    const m = /^findings<<(ghadelimiter_[0-9a-f-]+)\n3\n\1\nnote<<(ghadelimiter_[0-9a-f-]+)\na\nb\n\2\n$/.exec(readFileSync(file, 'utf8'));
    assert.ok(m, readFileSync(file, 'utf8'));
  });

  it('appends to the step summary and measures it', () => {
    const dir = makeTempDir('keyfence-runner-');
    const file = join(dir, 'summary');
    const r = runner({ GITHUB_STEP_SUMMARY: file });
    appendSummary(r, 'hello\n');
    appendSummary(r, 'world\n');
    assert.equal(readFileSync(file, 'utf8'), 'hello\nworld\n');
    assert.equal(summarySize(r), 12);
  });

  it('escapes workflow commands', () => {
    const r = runner();
    command(r, 'warning', 'line 1\nline 2 100%', 'a: b, c');
    assert.deepEqual(r.out, ['::warning title=a%3A b%2C c::line 1%0Aline 2 100%25\n']);
  });

  // A pull request's file names and config text reach these messages: their control bytes are shown, never sent raw.
  const hostile = [
    { name: 'shows a terminal escape in a message', message: 'a\u001b[2Jb', want: '::warning::a\\x1b[2Jb\n' },
    { name: 'shows a C1 control and DEL in a message', message: 'a\u009b\u007fb', want: '::warning::a\\x9b\\x7fb\n' },
    { name: 'keeps a legacy ##[command] in a message from reading as one', message: 'x ##[stop-commands]t', want: '::warning::x #\\x23[stop-commands]t\n' },
    { name: 'shows a terminal escape in the file property, escaping its line breaks', message: 'm', file: 'd/a\u001b\n::x,y', want: '::warning file=d/a\\x1b%0A%3A%3Ax%2Cy::m\n' },
  ];
  for (const c of hostile)
    it(c.name, () => {
      const r = runner();
      command(r, 'warning', c.message, undefined, c.file);
      assert.deepEqual(r.out, [c.want]);
    });
});
