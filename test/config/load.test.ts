// Config discovery (walk up to the repo root), validation with JSON paths, and merging with defaults.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findConfig, loadConfig, parseConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/errors.js';

// Typed where a name or a pattern belongs, a secret must not come back in the error (issue 13, item 3).
const PASTED = ['hunter2', 'Tr0ub4dor', 'horse'].join('-');
const echoes: { name: string; text: string; want: RegExp }[] = [
  { name: 'an unknown property name', text: `{"allow": {"${PASTED}": []}}`, want: /\/allow: has an unknown property \(line 1\)/ },
  { name: 'an unknown top-level property on its own line', text: `{\n"extends": "recommended",\n"${PASTED}": 1\n}`, want: /\(root\): has an unknown property \(line 3\)/ },
  { name: 'an allow regex that does not compile', text: `{"allow": {"regexes": ["(${PASTED}"]}}`, want: /\/allow\/regexes\/0: invalid regular expression/ },
  { name: 'a JSON syntax error right after the value', text: `{"allow": {"stopwords": ["${PASTED}" x]}}`, want: /not valid JSON at line 1, column \d+$/ },
  { name: 'an entropy override keyed by the value', text: `{"entropy": {"${PASTED}": "high"}}`, want: /\/entropy\/…: must be number \(line 1\)/ },
  { name: 'a value of the wrong type', text: `{"allow": {"commits": ["${PASTED}"]}}`, want: /\/allow\/commits\/0: must match pattern/ },
];

describe('config/load errors never echo what the user wrote', () => {
  for (const c of echoes)
    it(`for ${c.name}`, () =>
      assert.throws(
        () => parseConfig(c.text, 'cfg.json', '/repo'),
        (error: unknown) => error instanceof ConfigError && c.want.test(error.message) && !error.message.includes(PASTED) && !error.message.includes('hunter2'),
      ),
    );
});

describe('config/load', () => {
  const root = mkdtempSync(join(tmpdir(), 'keyfence-config-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'repo', '.git'), { recursive: true });
  mkdirSync(join(root, 'repo', 'a', 'b'), { recursive: true });
  writeFileSync(join(root, 'repo', '.keyfence.json'), '{"disable": []}');
  writeFileSync(join(root, '.keyfence.json'), '{"extends": "none"}');

  it('finds the config at the repository root from a subfolder', () => assert.equal(findConfig(join(root, 'repo', 'a', 'b')), join(root, 'repo', '.keyfence.json')));
  it('does not climb above the repository root', () => {
    rmSync(join(root, 'repo', '.keyfence.json'));
    assert.equal(findConfig(join(root, 'repo', 'a')), undefined);
    writeFileSync(join(root, 'repo', '.keyfence.json'), '{"disable": []}');
  });
  it('merges defaults with the file', () => {
    const config = loadConfig(join(root, 'repo'));
    assert.equal(config.maxFileSize, 1024 * 1024);
    assert.equal(config.aws.region, 'us-east-1');
    assert.equal(config.root, join(root, 'repo'));
  });

  const invalid = [
    { name: 'names every schema problem with its JSON path at once', text: '{"allow": {"paths": "x"}, "maxFileSize": -1}', want: /\/allow\/paths: must be array\n.*\/maxFileSize: must be >= 1/ },
    { name: 'names an unknown nested property', text: '{"aws": {"regoin": "eu-west-1"}}', want: /^cfg\.json: \/aws: has an unknown property \(line 1\)$/ },
    { name: 'names a bad allow regex', text: '{"allow": {"regexes": ["("]}}', want: /\/allow\/regexes\/0: invalid regular expression \(Unterminated group\)$/ },
    { name: 'names a bad enum value with the allowed ones', text: '{"failOn": "all"}', want: /\/failOn: must be one of "any", "valid", "unknown"/ },
    { name: 'rejects invalid JSON', text: '{,}', want: /not valid JSON/ },
    { name: 'refuses an allow regex of .* that would allow every finding', text: '{"allow": {"regexes": ["^test_", ".*"]}}', want: /^cfg\.json: \/allow\/regexes\/1: matches every text \(an empty match\), so it would allow every finding/ },
    { name: 'refuses an allow regex with an empty alternative', text: '{"allow": {"regexes": ["EXAMPLE|"]}}', want: /\/allow\/regexes\/0: matches every text/ },
    { name: 'names the line and column of a JSON syntax error', text: '{\n  "allow": {"stopwords": [x]}\n}', want: /^cfg\.json: not valid JSON at line 2, column 27$/ },
  ];
  for (const c of invalid)
    it(c.name, () =>
      assert.throws(
        () => parseConfig(c.text, 'cfg.json', root),
        (error: unknown) => error instanceof ConfigError && c.want.test(error.message),
      ),
    );
});

describe('config/load: files editors and typos hand it', () => {
  const root = mkdtempSync(join(tmpdir(), 'keyfence-config-odd-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'configs'));

  it('reads a config that starts with a byte-order mark (Windows editors write one)', () => {
    const config = parseConfig('\ufeff{"disable": ["aws-access-key-id"]}', 'cfg.json', root);
    assert.deepEqual(config.disable, ['aws-access-key-id']);
  });

  const named: { name: string; flag: string; want: RegExp }[] = [
    { name: 'says a --config folder is a folder and names the file to give', flag: 'configs', want: /^configs: is a folder, not a config file$/ },
    { name: 'says a --config device is not a regular file', flag: '/dev/null', want: /^\/dev\/null: is not a regular file$/ },
    { name: 'still says a missing --config is not found', flag: 'nope.json', want: /^nope\.json: config file not found$/ },
  ];
  for (const c of named)
    it(c.name, () =>
      assert.throws(
        () => findConfig(root, c.flag),
        (error: unknown) => error instanceof ConfigError && c.want.test(error.message),
      ),
    );
});
