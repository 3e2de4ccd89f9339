// `keyfence --help` and each command's help: readable in a 100-column terminal, lines broken between words.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { runCli } from '../helpers/cli.js';

const CASES: { name: string; args: string[]; phrases: string[] }[] = [
  { name: 'keeps the commands list within 100 columns, words whole', args: ['--help'], phrases: ['(husky when set up, else', '.git/hooks)', 'so scans', 'report only new ones'] },
  { name: 'keeps the history options within 100 columns, words whole', args: ['history', '--help'], phrases: ['threads for trees of 2000+ files', '--range', 'origin/main..HEAD'] },
  { name: 'keeps each pre-receive install command on one line, ready to copy', args: ['pre-receive', '--help'], phrases: ["printf '#!/bin/sh\\nexec keyfence pre-receive\\n' > hooks/pre-receive", 'chmod +x hooks/pre-receive'] },
];

const COMMANDS = [[], ['scan'], ['staged'], ['commit-msg'], ['history'], ['baseline'], ['init'], ['rules'], ['rules', 'test'], ['audit'], ['pre-receive']];

/** The flags of one option line of yargs' help (`  -c, --config  …` gives -c and --config). */
function flagsOf(line: string): string[] {
  return /^\s+(-[\w-]+(?:, -[\w-]+)*)\s/.exec(line)?.[1]?.split(', ') ?? [];
}

describe('keyfence --help', () => {
  for (const { name, args, phrases } of CASES) {
    it(name, () => {
      const result = runCli(args, { cwd: tmpdir() });
      assert.equal(result.status, 0, result.stderr);
      for (const line of result.stdout.split('\n')) assert.ok(line.length <= 100, `too long: ${line}`);
      for (const phrase of phrases) assert.ok(result.stdout.includes(phrase), `"${phrase}" is cut in:\n${result.stdout}`);
    });
  }
  for (const command of COMMANDS) {
    it(`names each flag once in \`keyfence ${[...command, '--help'].join(' ')}\``, () => {
      const result = runCli([...command, '--help'], { cwd: tmpdir() });
      assert.equal(result.status, 0, result.stderr);
      for (const line of result.stdout.split('\n')) assert.equal(new Set(flagsOf(line)).size, flagsOf(line).length, `a flag repeated: ${line}`);
    });
  }
});
