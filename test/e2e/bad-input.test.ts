// Bad input gets one clear line and exit 2 (usage/config/input), never a stack trace; scan writes nothing.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';

interface Case {
  name: string;
  files?: Record<string, string>;
  args: string[];
  env?: NodeJS.ProcessEnv;
  status: number;
  stderr: RegExp;
  /** A value the user wrote that must not come back in the message (issue 13, item 3). */
  hides?: string;
}

// Looks like a password typed where a name, a pattern or a number belongs.
const PASTED = ['Hunter2', 'Tr0ub4dor', 'battery'].join('-');

const cases: Case[] = [
  { name: 'a missing path names the path', args: ['scan', 'nope'], status: 2, stderr: /^keyfence: nope: no such file or directory; check the path/ },
  { name: 'a symlink loop names the link', args: ['scan', 'loop'], status: 2, stderr: /^keyfence: loop: symbolic link loop/ },
  { name: 'a config that is not JSON names the file', files: { '.keyfence.json': '{ "allow": ' }, args: ['scan', 'a.txt'], status: 2, stderr: /^keyfence: \.keyfence\.json: not valid JSON/ },
  { name: 'an unknown config property names its JSON path', files: { '.keyfence.json': '{ "allwo": {} }' }, args: ['scan', 'a.txt'], status: 2, stderr: /^keyfence: \.keyfence\.json: \(root\): has an unknown property \(line 1\); / },
  { name: 'a config value of the wrong type names its JSON path', files: { '.keyfence.json': '{ "disable": "aws-access-key-id" }' }, args: ['scan', 'a.txt'], status: 2, stderr: /^keyfence: \.keyfence\.json: \/disable: must be array/ },
  { name: 'disabling an unknown rule names it', files: { '.keyfence.json': '{ "disable": ["aws-nope"] }' }, args: ['scan', 'a.txt'], status: 2, stderr: /\/disable\/0: names no rule \(`keyfence rules` lists their ids\)/ },
  { name: 'an explicit config that does not exist names the flag value', args: ['scan', 'a.txt', '--config', 'missing.json'], status: 2, stderr: /^keyfence: missing\.json: config file not found; check the --config path/ },
  { name: 'a custom rule whose regex does not compile names the rule and path', files: { '.keyfence.json': JSON.stringify({ rules: [rule('acme-token', '(unclosed')] }) }, args: ['scan', 'a.txt'], status: 2, stderr: /^keyfence: \.keyfence\.json: rule "acme-token": \/regex: invalid regular expression \(Unterminated group\)/ },
  { name: 'a custom rule with catastrophic backtracking is refused', files: { '.keyfence.json': JSON.stringify({ rules: [rule('acme-slow', '(a+)+$')] }) }, args: ['scan', 'a.txt'], status: 2, stderr: /rule "acme-slow": \/regex: may backtrack catastrophically/ },
  { name: 'a repeated group of identical alternatives is refused, naming file, rule and field', files: { '.keyfence.json': JSON.stringify({ rules: [rule('acme-alt', 'acme((a|a)+)$')] }) }, args: ['scan', 'a.txt'], status: 2, stderr: /^keyfence: \.keyfence\.json: rule "acme-alt": \/regex: may backtrack catastrophically: alternatives 1 and 2/ },
  { name: 'a polynomial secretRegex is refused, naming its field', files: { '.keyfence.json': JSON.stringify({ rules: [{ ...rule('acme-shape', 'acme_([a-z]{8})'), secretRegex: '\\s*\\s*x' }] }) }, args: ['scan', 'a.txt'], status: 2, stderr: /^keyfence: \.keyfence\.json: rule "acme-shape": \/secretRegex: may backtrack catastrophically \(polynomial time\)/ },
  { name: 'a catastrophic requires gate is refused, naming its field', files: { '.keyfence.json': JSON.stringify({ rules: [{ ...rule('acme-gate', 'acme_([a-z]{8})'), requires: '(.*a){20}' }] }) }, args: ['scan', 'a.txt'], status: 2, stderr: /^keyfence: \.keyfence\.json: rule "acme-gate": \/requires: may backtrack catastrophically/ },
  { name: 'a rule allow regex with a backreference to an unbounded group is refused', files: { '.keyfence.json': JSON.stringify({ rules: [{ ...rule('acme-allow', 'acme_([a-z]{8})'), allow: { regexes: ['^(a+)\\1$'] } }] }) }, args: ['scan', 'a.txt'], status: 2, stderr: /^keyfence: \.keyfence\.json: rule "acme-allow": \/allow\/regexes\/0: backreference at character 6 repeats a group of unbounded length/ },
  { name: 'a config allow regex with polynomial backtracking is refused, naming its path', files: { '.keyfence.json': JSON.stringify({ allow: { regexes: ['a*a*a*a*b'] } }) }, args: ['scan', 'a.txt'], status: 2, stderr: /^keyfence: \.keyfence\.json: \/allow\/regexes\/0: may backtrack catastrophically \(polynomial time\)/ },
  { name: 'a custom rule that is slow only on hostile text ends at its deadline, naming rule and file (never a hang)', files: { '.keyfence.json': JSON.stringify({ rules: [rule('acme-slow-text', 'acme|([a-z]+_[a-z]+=\\S+)', [{ text: 'acme app_token=Zq8vL2mK9pW4xT7', why: 'an assignment after the keyword' }])] }), 'big.txt': `acme ${'a'.repeat(400_000)}\n` }, args: ['scan', 'big.txt'], status: 2, stderr: /^keyfence: \.keyfence\.json: rule "acme-slow-text": \/regex: matching big\.txt took over 5000 ms \(catastrophic backtracking on this text\); simplify the regex/ },
  { name: 'a custom rule missing fields names each problem', files: { '.keyfence.json': JSON.stringify({ rules: [{ id: 'acme-x' }] }) }, args: ['scan', 'a.txt'], status: 2, stderr: /rule "acme-x": \/rules\/0: must have required property 'provider'/ },
  { name: 'an unknown flag is a usage error', args: ['scan', '--frobnicate'], status: 2, stderr: /^keyfence: Unknown argument: frobnicate; see `keyfence --help`/ },
  { name: 'an unknown dashed flag is named once, not also in camelCase', args: ['scan', '--bogus-flag'], status: 2, stderr: /^keyfence: Unknown argument: bogus-flag; see `keyfence --help`/ },
  { name: 'an unknown format names the flag', args: ['scan', 'a.txt', '--format', 'xml'], status: 2, stderr: /^keyfence: --format: unknown format; use one of/ },
  { name: 'a bad --max-file-size names the flag', args: ['scan', 'a.txt', '--max-file-size', '-3'], status: 2, stderr: /^keyfence: --max-file-size: must be a whole number of bytes; / },
  { name: 'a --max-file-size that is not a number says so (not NaN)', args: ['scan', 'a.txt', '--max-file-size', 'lots'], status: 2, stderr: /^keyfence: --max-file-size: not a number; e\.g\. --max-file-size 1048576/ },
  { name: '--dry-run without --fix is a usage error (it would scan as if no preview was asked)', args: ['scan', 'a.txt', '--dry-run'], status: 2, stderr: /^keyfence: --dry-run applies only with --fix; / },
  { name: '--stdin-filename without --stdin is a usage error', args: ['scan', 'a.txt', '--stdin-filename', 'x.env'], status: 2, stderr: /^keyfence: --stdin-filename applies only with --stdin; / },
  { name: '--validate-cache without --validate is a usage error (only live checks read it)', args: ['scan', 'a.txt', '--validate-cache', '24'], status: 2, stderr: /^keyfence: --validate-cache applies only with --validate; / },
  { name: 'a negative --validate-cache without --validate is a usage error too', args: ['scan', 'a.txt', '--validate-cache', '-3'], status: 2, stderr: /^keyfence: --validate-cache applies only with --validate; / },
  { name: 'KEYFENCE_VALIDATE_CACHE without --validate is the same usage error', args: ['scan', 'a.txt'], env: { KEYFENCE_VALIDATE_CACHE: '24' }, status: 2, stderr: /^keyfence: --validate-cache applies only with --validate; / },
  { name: 'a negative --validate-cache is refused with --validate even when nothing is found', args: ['scan', 'a.txt', '--validate', '--validate-cache', '-3'], status: 2, stderr: /^keyfence: --validate-cache: must be a number of hours/ },
  { name: '--validate-cache with --validate on a clean file exits 0', args: ['scan', 'a.txt', '--validate', '--validate-cache', '24'], status: 0, stderr: /^$/ },
  { name: '--validate-cache with validation turned on by a config named with --config exits 0', files: { 'v.json': '{ "validate": true }' }, args: ['scan', 'a.txt', '--config', 'v.json', '--validate-cache', '24'], status: 0, stderr: /^$/ },
  { name: 'no command is a usage error', args: [], status: 2, stderr: /name a command: scan, rules, staged, history, init, baseline, audit or pre-receive/ },
  { name: 'a clean file exits 0', args: ['scan', 'a.txt'], status: 0, stderr: /^$/ },
  // What the user wrote is never echoed: a secret pasted in the wrong place stays off the terminal and CI logs.
  { name: 'an invalid allow regex is named by its path, not shown', files: { '.keyfence.json': JSON.stringify({ allow: { regexes: [`(${PASTED}`] } }) }, args: ['scan', 'a.txt'], status: 2, stderr: /\/allow\/regexes\/0: invalid regular expression \(Unterminated group\)/, hides: PASTED },
  { name: 'an unknown property is named by its line, not shown', files: { '.keyfence.json': `{\n  "${PASTED}": true\n}` }, args: ['scan', 'a.txt'], status: 2, stderr: /\(root\): has an unknown property \(line 2\)/, hides: PASTED },
  { name: 'an unknown disable id is named by its path, not shown', files: { '.keyfence.json': JSON.stringify({ disable: [PASTED] }) }, args: ['scan', 'a.txt'], status: 2, stderr: /\/disable\/0: names no rule/, hides: PASTED },
  { name: 'a JSON syntax error is placed by line and column, not quoted', files: { '.keyfence.json': `{"allow": {"stopwords": ["${PASTED}" oops]}}` }, args: ['scan', 'a.txt'], status: 2, stderr: /not valid JSON at line 1, column \d+; /, hides: PASTED.slice(0, 6) },
  { name: 'a custom rule whose regex does not compile is not quoted', files: { '.keyfence.json': JSON.stringify({ rules: [rule('acme-token', `(${PASTED}`)] }) }, args: ['scan', 'a.txt'], status: 2, stderr: /rule "acme-token": \/regex: invalid regular expression/, hides: PASTED },
  { name: 'a custom rule id that is not an id is not echoed', files: { '.keyfence.json': JSON.stringify({ rules: [rule(PASTED, 'acme_[a-z]{8}')] }) }, args: ['scan', 'a.txt'], status: 2, stderr: /\/rules\/0\/id: must match pattern/, hides: PASTED },
  { name: 'a flag value that is not a number is not echoed', args: ['scan', 'a.txt', '--max-file-size', PASTED], status: 2, stderr: /^keyfence: --max-file-size: not a number; /, hides: PASTED },
  { name: 'a flag value outside its choices is not echoed', args: ['scan', 'a.txt', '--fail-on', PASTED], status: 2, stderr: /^keyfence: --fail-on: must be one of "any", "valid", "unknown"; /, hides: PASTED },
  { name: 'an unknown format is not echoed', args: ['scan', 'a.txt', '--format', PASTED], status: 2, stderr: /^keyfence: --format: unknown format; /, hides: PASTED },
  { name: 'an unexpected word is counted, not echoed', args: ['staged', PASTED], status: 2, stderr: /^keyfence: 1 unexpected argument \(not shown/, hides: PASTED },
  { name: 'a password in a history URL is not echoed when the clone fails', args: ['history', `http://ci:${PASTED}@127.0.0.1:9/nothing.git`], status: 3, stderr: /^keyfence: http:\/\/\*\*\*@127\.0\.0\.1:9\/nothing\.git: cannot clone/, hides: PASTED },
  // KEYFENCE_<unknown> variables are ignored (issue 13, item 17): a CI's KEYFENCE_VERSION must not stop every run.
  { name: 'an unknown KEYFENCE_ variable is ignored', args: ['scan', 'a.txt'], env: { KEYFENCE_VERSION: '1.2.3', KEYFENCE_HOME: '/opt/keyfence' }, status: 0, stderr: /^$/ },
  { name: 'a bare KEYFENCE variable is ignored', args: ['scan', 'a.txt'], env: { KEYFENCE: '1' }, status: 0, stderr: /^$/ },
  { name: 'another command\'s flag in the environment is ignored', args: ['scan', 'a.txt'], env: { KEYFENCE_RANGE: 'a..b', KEYFENCE_FORCE: '1' }, status: 0, stderr: /^$/ },
  { name: 'an ignored variable is named under KEYFENCE_DEBUG=1, never its value', args: ['scan', 'a.txt'], env: { KEYFENCE_TOKEN: PASTED, KEYFENCE_DEBUG: '1' }, status: 0, stderr: /^debug: KEYFENCE_TOKEN: not a flag of `keyfence scan`; ignored$/m, hides: PASTED },
  { name: 'a known KEYFENCE_ variable still sets its flag', args: ['scan', 'a.txt'], env: { KEYFENCE_MAX_FILE_SIZE: '-3' }, status: 2, stderr: /^keyfence: --max-file-size: must be a whole number of bytes; / },
  { name: 'a boolean KEYFENCE_ variable that is not true or false names the variable', args: ['scan', 'a.txt'], env: { KEYFENCE_QUIET: PASTED }, status: 2, stderr: /^keyfence: KEYFENCE_QUIET: expected true or false; /, hides: PASTED },
];

/** Rules refused before their examples run need none; a rule that loads must carry a match example. */
function rule(id: string, regex: string, match: object[] = []): object {
  return { id, provider: 'acme', description: 'Acme token', severity: 'high', regex, keywords: ['acme'], examples: { match, noMatch: [] } };
}

describe('keyfence on bad input', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'keyfence-bad-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  for (const [i, c] of cases.entries()) {
    it(c.name, () => {
      const dir = join(root, String(i));
      mkdirSync(dir);
      writeFileSync(join(dir, 'a.txt'), 'nothing to see\n');
      symlinkSync('loop', join(dir, 'loop'));
      for (const [name, text] of Object.entries(c.files ?? {})) writeFileSync(join(dir, name), text);
      const before = readdirSync(dir).sort();
      const result = runCli(c.args, { cwd: dir, ...(c.env ? { env: c.env } : {}) });
      assert.equal(result.status, c.status, result.stderr);
      assert.match(result.stderr, c.stderr);
      assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
      if (c.hides !== undefined) assert.ok(!result.stderr.includes(c.hides) && !result.stdout.includes(c.hides), `echoes what the user wrote: ${result.stderr}`);
      if (c.status === 2 && c.name !== 'a custom rule missing fields names each problem') assert.equal(result.stderr.trim().split('\n').length, 1, `one line: ${result.stderr}`);
      assert.deepEqual(readdirSync(dir).sort(), before, 'scan writes nothing');
    });
  }
});
